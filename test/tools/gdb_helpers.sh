#!/usr/bin/env bash
# gdb_helpers.sh BUILD: scripts/gdb --batch with the mmk helpers against a
# boot with mminfo=buddyinfo,zoneinfo,slabinfo. What gdb reads from memory at
# kernel_exit must equal what the kernel printed at the end of boot (nothing
# allocates in between without selftest=/bench=): the buddy lists, the slab
# caches and the zones line for line, and every line the console showed must
# be in mmk-dmesg's buffer, in order. Label qemu.
set -euo pipefail
build=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$build/test-logs/gdb_helpers
mkdir -p "$out"
fail() { echo "FAIL: $*"; exit 1; }

export MMK_BUILD_DIR=$build MMK_GDB_SERIAL=$out/serial.log
# loglevel=4 hides info lines on the console: mmk-dmesg must still have them.
"$top/scripts/gdb" --batch --no-build --cmdline "loglevel=4 mminfo=buddyinfo,zoneinfo,slabinfo" \
	-ex mmk-dmesg -ex "echo ===buddyinfo\n" -ex mmk-buddyinfo \
	-ex "echo ===slabinfo\n" -ex mmk-slabinfo -ex "echo ===zoneinfo\n" -ex mmk-zoneinfo \
	-ex "echo ===vmallocinfo\n" -ex mmk-vmallocinfo \
	> "$out/gdb.txt" 2> "$out/gdb.err" || fail "scripts/gdb exited $? ($out/gdb.err)"
grep -q "Python Exception\|Error occurred" "$out/gdb.txt" "$out/gdb.err" &&
	fail "a helper failed: $(grep -h 'Python Exception' "$out/gdb.txt" "$out/gdb.err")"

strip() { tr -d '\r' | sed 's/^\[ *[0-9]*\.[0-9]*\] //'; }
strip < "$out/serial.log" > "$out/serial.txt"
# One dump from the serial log: the lines after HEADER up to the next dump.
section() { # FILE FIRST-LINE
	awk -v first="$2" '$0 == first {on = 1} on && /^(buddyinfo:|zoneinfo:|slabinfo - |mmk: boot complete)/ && $0 != first {exit} on' "$1"
}
# The gdb side: between the echo markers.
gdbpart() { awk -v m="===$1" '$0 == m {on = 1; next} /^(===|\[Inferior )/ {on = 0} on' "$out/gdb.txt" | strip; }

for d in buddyinfo zoneinfo slabinfo; do
	first=$d:
	[ $d = slabinfo ] && first="slabinfo - version: 2.1"
	section "$out/serial.txt" "$first" | sed 's/ *$//' > "$out/$d.serial"
	gdbpart $d | sed 's/ *$//' > "$out/$d.gdb"
	[ -s "$out/$d.serial" ] || fail "no $d dump in the serial log"
	[ "$(wc -l < "$out/$d.serial")" -ge 3 ] || fail "$d dump too short"
	diff -u "$out/$d.serial" "$out/$d.gdb" || fail "mmk-$d differs from the kernel's dump"
	echo "ok: mmk-$d equals the kernel's $d dump ($(wc -l < "$out/$d.gdb") lines)"
done

# mmk-vmallocinfo: one line per live area (none being freed or waiting for
# the lazy purge, flag 0x80000000), then a summary counting them (a plain
# boot may end with no area at all).
gdbpart vmallocinfo > "$out/vmallocinfo.gdb"
summary='^# ([0-9]+) areas, [0-9]+K free in \[0x[0-9a-f]{16}-0x[0-9a-f]{16}\), [0-9]+ freed areas \([0-9]+ pages\) waiting for the lazy purge$'
last=$(tail -n 1 "$out/vmallocinfo.gdb")
[[ $last =~ $summary ]] || fail "mmk-vmallocinfo summary line: $last"
areas=$(grep -cE '^0x[0-9a-f]{16}-0x[0-9a-f]{16} +[0-9]+ flags=0x([0-7][0-9a-f]{7}|[0-9a-f]{1,7})$' "$out/vmallocinfo.gdb" || true)
[ "$areas" = "${BASH_REMATCH[1]}" ] || fail "mmk-vmallocinfo lists $areas live areas, its summary says ${BASH_REMATCH[1]}"
echo "ok: mmk-vmallocinfo lists $areas live areas"

# mmk-dmesg: the log buffer holds every kernel line the console showed, in order.
awk '/^===/ {exit} {print}' "$out/gdb.txt" | strip > "$out/dmesg.txt"
grep -q "^Zone ranges:" "$out/serial.txt" && fail "loglevel=4 did not hide 'Zone ranges:' on the console"
grep -q "^Zone ranges:" "$out/dmesg.txt" || fail "mmk-dmesg has no 'Zone ranges:' line (hidden by loglevel=4, kept in the buffer)"
echo "ok: mmk-dmesg has the lines loglevel=4 hid from the console"
python3 - "$out/serial.log" "$out/dmesg.txt" <<'PY' || fail "serial lines missing from mmk-dmesg"
import re, sys
# The kernel's lines: the ones with a printk timestamp (not the loader's).
ts = re.compile(r"^\[ *[0-9]+\.[0-9]+\] ")
serial = [ts.sub("", l) for l in open(sys.argv[1], errors="replace").read().replace("\r", "").splitlines() if ts.match(l)]
dmesg = open(sys.argv[2]).read().splitlines()
want = [l for l in serial if l.strip() and not l.startswith("mmk: boot complete")]
if len(want) < 20:
    print(f"only {len(want)} kernel lines on the serial console")
    sys.exit(1)
pos = 0
for l in want:
    try:
        pos = dmesg.index(l, pos) + 1
    except ValueError:
        print(f"not in mmk-dmesg (in order): {l!r}")
        sys.exit(1)
print(f"ok: {len(want)} console lines found in mmk-dmesg, in order")
PY
