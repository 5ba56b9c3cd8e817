#!/usr/bin/env bash
# real_hw.sh BUILD_DIR MODE: boots that stand in for machines unlike QEMU's
# default (issue 10).
#   screenshot  the screen at the end of boot, read back with the console's
#               own font (screen_text.py), equals the tail of the serial log,
#               with drawing deferred (the default) and with fbcon=nodefer
#   noserial    --no-serial --screenshot: no UART at all, status through the
#               debug console, the screen holds the boot's end
#   cpus        -cpu qemu64,-pdpe1gb / Skylake-Client / EPYC / max boot, each
#               saying what it lacks or does not use; qemu64,-tsc is refused
#               by the loader with a reason
#   ovmf        every Debian OVMF build that boots unsigned images, q35 and
#               pc (the Secure Boot builds, with Secure Boot off, q35 only:
#               they need SMM)
#   nogop       no display device, so no GOP: said on serial, boot goes on
#   grow_map    loader_test=grow_map: the final map outgrows its buffer and
#               changes under ExitBootServices; the boot goes on
set -euo pipefail
build=$1 mode=$2
. "$(dirname "$0")/lib.sh"
font=$build/kernel/font/console-font.psf
work=$(mktemp -d "${TMPDIR:-/tmp}/mmk-realhw.XXXXXX")
trap 'rm -rf "$work"' EXIT

case $mode in
screenshot)
	# The default (drawing deferred, flushed before "boot complete" and at
	# the end) and fbcon=nodefer (every line drawn at once) must leave the
	# same screen: the serial log's last rows, every row of the screen used.
	for variant in deferred nodefer; do
		cmd=()
		[ $variant = nodefer ] && cmd=(--cmdline fbcon=nodefer)
		boot 0 "real_hw.screenshot_$variant" "${cmd[@]}" --screenshot "$work/screen.png"
		[ -s "$work/screen.png" ] || fail "no screenshot ($variant)"
		python3 "$top/test/boot/screen_text.py" "$font" "$work/screen.png" > "$log.screen.txt"
		python3 - "$log" "$log.screen.txt" <<'PYEOF' || fail "the screen does not show the serial log's end ($variant)"
import re, sys
serial = open(sys.argv[1], "rb").read().decode("latin-1").replace("\r", "").split("\n")
screen = open(sys.argv[2]).read().split("\n")
# The kernel's lines (the framebuffer console shows the kernel's log only),
# wrapped at the screen's width the way the console wraps them.
cols, rows = 1280 // 8, 800 // 16
kernel = [l for l in serial if re.match(r"\[ *\d+\.\d{6}\] ", l)]
want = []
for l in kernel:
    while len(l) > cols:
        want.append(l[:cols])
        l = l[cols:]
    want.append(l)
while screen and not screen[-1].strip():
    screen.pop()
while screen and not screen[0].strip():
    screen.pop(0)
# One-line scrolling: a log longer than the screen fills all rows but the
# cursor's (empty) last one.
if len(want) >= rows and len(screen) != rows - 1:
    sys.exit("%d text rows on the screen, want %d" % (len(screen), rows - 1))
if not screen[-1].endswith("mmk: boot complete, status 0"):
    sys.exit("last row on screen: " + screen[-1])
tail = want[-len(screen):]
for i, (s, w) in enumerate(zip(screen, tail)):
    if s != w.rstrip():
        sys.exit("row %d differs:\n screen: %s\n serial: %s" % (i, s, w))
print("%d screen rows equal the serial log's last %d lines" % (len(screen), len(screen)))
PYEOF
	done
	;;
noserial)
	boot 0 real_hw.noserial --no-serial --screenshot "$work/screen.png"
	[ -s "$work/screen.png" ] || fail "no screenshot"
	[ ! -s "$log" ] || fail "--no-serial, yet there is serial output"
	python3 "$top/test/boot/screen_text.py" "$font" "$work/screen.png" > "$log.txt"
	sed -i 's/^\[ *[0-9]*\.[0-9]*\] //' "$log.txt"
	has "^mmk: boot complete, status 0$"
	has "^Memory: [0-9]+K/[0-9]+K available"
	grep -q "ttyS0" "$log.txt" && fail "a serial console came up without a serial port"
	;;
cpus)
	boot 0 real_hw.cpu_nogb -- -cpu qemu64,-pdpe1gb
	has "CPU has no 1 GiB pages \(pdpe1gb\): direct mapping with 2 MiB pages"
	for cpu in Skylake-Client EPYC; do
		boot 0 "real_hw.cpu_$cpu" -- -cpu "$cpu"
		has "mmk: boot complete, status 0"
	done
	boot 0 real_hw.cpu_max -- -cpu max
	has "CPU supports 5-level paging \(LA57\): staying on 4-level paging"
	has "Using GB pages for direct mapping"
	boot 3 real_hw.cpu_notsc -- -cpu qemu64,-tsc
	has "mmk-loader: error: this (AuthenticAMD|GenuineIntel) CPU lacks TSC \(time-stamp counter\), which the kernel needs"
	;;
ovmf)
	n=0
	for fw in /usr/share/OVMF/OVMF_CODE_4M.fd /usr/share/OVMF/OVMF_CODE.fd \
		/usr/share/OVMF/OVMF_CODE_4M.secboot.fd /usr/share/OVMF/OVMF_CODE.secboot.fd; do
		[ -f "$fw" ] || continue
		machines="q35 pc"
		[[ $fw == *secboot* ]] && machines=q35
		for m in $machines; do
			name=$(basename "$fw" .fd)
			boot 0 "real_hw.ovmf_${name}_$m" --ovmf "$fw" --machine "$m"
			has "mmk: boot complete, status 0"
			n=$((n + 1))
		done
	done
	[ $n -ge 3 ] || fail "only $n firmware/machine pairs found"
	echo "booted $n firmware/machine pairs"
	;;
nogop)
	boot 0 real_hw.nogop -- -vga none
	has "efifb: no linear framebuffer, no framebuffer console"
	has "mmk: boot complete, status 0"
	;;
grow_map)
	boot 0 real_hw.grow_map --cmdline "loader_test=grow_map"
	has "mmk-loader: the memory map outgrew its buffer \([0-9]+ > [0-9]+ bytes\), reallocating"
	has "efi: the memory map grew by [0-9]+ descriptors after the loader sized it; ExitBootServices took 2 tries"
	has "mmk: boot complete, status 0"
	;;
*)
	fail "unknown mode $mode"
	;;
esac
echo "PASS: real_hw $mode"
