#!/usr/bin/env bash
# run_status.sh BUILD_DIR CASE: scripts/run's exit statuses that a CI job
# relies on (README's table), and the serial log without the firmware's
# terminal escape codes. Each case checks the status and the message.
set -euo pipefail
build=$1 case=$2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
err="$logdir/run-$case.err"

# run WANT ARGS...: scripts/run --no-build with stdin not a terminal.
run() {
	local want=$1 rc
	shift
	set +e
	MMK_BUILD_DIR=$build "$top/scripts/run" --no-build "$@" < /dev/null > "$logdir/run-$case.out" 2> "$err"
	rc=$?
	set -e
	[ "$rc" -eq "$want" ] || { cat "$err"; fail "exit status $rc, want $want"; }
}
said() { grep -qE -- "$1" "$err" || { cat "$err"; fail "stderr has no '$1'"; }; }
esc=$'\e'

case $case in
usage)
	run 64 --no-such-option; said "unknown option '--no-such-option'"
	run 64 --smp; said -- "--smp needs a value"
	run 64 --smp zero; said -- "--smp needs a positive number"
	run 64 --machine virt; said -- "--machine must be q35 or pc"
	run 64 --timeout 1.5; said -- "--timeout needs seconds"
	run 64 --kernel /nonexistent/kernel.elf; said "no such file"
	;;
qemu_bad_device)
	run 126 --timeout 60 -- -device no-such-device; said "QEMU could not start"
	;;
qemu_bad_option)
	run 126 --timeout 60 -- -no-such-qemu-option; said "QEMU could not start"
	;;
no_firmware)
	MMK_OVMF_CODE=/nonexistent/OVMF_CODE.fd run 126 --timeout 60
	said "QEMU cannot start: no firmware file /nonexistent/OVMF_CODE.fd"
	;;
initrd_too_big)
	# The ESP is 62 MiB: a 100 MiB initrd cannot fit.
	big="$logdir/initrd-100M.img"
	truncate -s 100M "$big"
	run 73 --timeout 60 --initrd "$big"; said "could not put .*initrd-100M.img on the image's ESP"
	rm -f "$big"
	;;
default_timeout)
	# No --timeout, no terminal: a default applies (and qemu_exit with it).
	MMK_RUN_TIMEOUT=2 run 124; said "no terminal: stopping after 2s"; said "timed out after 2s"
	log="$logdir/run-default.log"
	MMK_RUN_TIMEOUT=180 run 0 --log "$log"
	tr -d '\r' < "$log" > "$log.txt"
	has "mmk: boot complete, status 0"
	;;
escapes)
	log="$logdir/run-escapes.log"
	run 0 --timeout 180 --log "$log"
	tr -d '\r' < "$log" > "$log.txt"
	has "BdsDxe: starting"
	! grep -q "$esc" "$log" || fail "escape codes in the serial log"
	! grep -q "$esc" "$logdir/run-$case.out" || fail "escape codes on stdout"
	run 0 --timeout 180 --raw --log "$log"
	grep -q "$esc\\[2J" "$log" || fail "--raw lost the firmware's escape codes"
	;;
cmdline_too_long)
	log="$logdir/run-cmdline-long.log"
	run 3 --timeout 120 --log "$log" --cmdline "$(printf 'x%.0s' {1..3000})"
	tr -d '\r' < "$log" > "$log.txt"
	has 'mmk-loader: error: \\cmdline.txt is longer than 2047 bytes'
	;;
*) echo "unknown case $case"; exit 2 ;;
esac
echo "PASS run_status $case"
