#!/usr/bin/env bash
# last_boot_log.sh BUILD_DIR: the persistent log across three QEMU runs that
# share their RAM (a file-backed memory backend) and their disk:
#   1. crash=panic panic=1: panics, says it reboots, and resets the machine;
#   2. reboot: the loader saves run 1's log; the kernel reboots at the end;
#   3. a plain boot: the loader saves run 2's log, run 1's moves to .1.
# scripts/lastlog then prints each, and every kernel line run 1 showed on
# serial must be in its saved log, in order.
set -euo pipefail
build=$1
. "$(dirname "$0")/lib.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/mmk-lastlog.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp "$build/disk.img" "$work/disk.img"
truncate -s 512M "$work/ram"
ram=(-m 512M --disk "$work/disk.img" --
	-object "memory-backend-file,id=mmkram,size=512M,mem-path=$work/ram,share=on"
	-machine memory-backend=mmkram)

# 125: QEMU stopped on the reset (-no-reboot) without a status.
boot 125 last_boot_log.1 --cmdline "crash=panic panic=1" "${ram[@]}"
has "Kernel panic - not syncing: crash=panic"
has "Rebooting in 1 seconds\.\."
has "pstore: persistent log at 0x[0-9a-f]+, 256K, boot [0-9]+"
seq1=$(sed -n 's/.*pstore: persistent log at .*, boot \([0-9]*\);.*/\1/p' "$log.txt")
log1=$log

boot 0 last_boot_log.2 --cmdline "reboot" "${ram[@]}"
has "mmk-loader: saved the log of boot $seq1 \([0-9]+ bytes\) to .EFI.mmk.last-boot.log"
has "pstore: persistent log at 0x[0-9a-f]+, 256K, boot $((seq1 + 1));"
has "mmk: rebooting \(reboot\)"

boot 0 last_boot_log.3 "${ram[@]}"
has "mmk-loader: saved the log of boot $((seq1 + 1)) "

saved1=$logdir/last_boot_log.saved1.txt saved2=$logdir/last_boot_log.saved2.txt
"$top/scripts/lastlog" -n 1 "$work/disk.img" > "$saved1" || fail "lastlog -n 1 failed"
"$top/scripts/lastlog" "$work/disk.img" > "$saved2" || fail "lastlog failed"
head -n 1 "$saved1" | grep -q "^mmk-loader: log of boot $seq1, which ended in a kernel panic; [0-9]* bytes$" ||
	fail "saved log 1 header: $(head -n 1 "$saved1")"
head -n 1 "$saved2" | grep -q "^mmk-loader: log of boot $((seq1 + 1)), which completed with status 0 and rebooted; " ||
	fail "saved log 2 header: $(head -n 1 "$saved2")"
grep -q "mmk: rebooting (reboot)" "$saved2" || fail "saved log 2 lacks its last line"

# Run 1's kernel lines on serial (timestamped) against the saved text.
python3 - "$log1" "$saved1" <<'PYEOF' || fail "run 1's serial lines are not all in its saved log"
import re, sys
serial = open(sys.argv[1], "rb").read().decode("latin-1").replace("\r", "").split("\n")
saved = open(sys.argv[2], "rb").read().decode("latin-1").split("\n")
want = [l for l in serial if re.match(r"\[ *\d+\.\d{6}\] ", l)]
pos = 0
for w in want:
    while pos < len(saved) and saved[pos] != w:
        pos += 1
    if pos == len(saved):
        sys.exit("missing or out of order: " + w)
    pos += 1
if len(want) < 50 or not any("end Kernel panic" in l or "Rebooting in 1" in l for l in want):
    sys.exit("run 1's serial log is too short to compare (%d lines)" % len(want))
print("%d serial lines of run 1 found in order in the saved log" % len(want))
PYEOF
echo "PASS: last_boot_log"
