#!/usr/bin/env bash
# mmsim_input.sh MMSIM DATADIR CASE: mmsim on the forms of input users have;
# each must give the layout Linux printed (the q35 512M reference log's
# Initmem line) or the case's own expected line.
set -euo pipefail
mmsim=$1 data=$2 case=$3
export ASAN_OPTIONS=detect_leaks=0
ref="$data/linux-6.1-q35-512M.log"
want_ref='Initmem setup node 0 [mem 0x0000000000001000-0x000000001feebfff]'
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
# expect LINE: mmsim's stdout ($tmp/out) has exactly LINE.
expect() { grep -qxF -- "$1" "$tmp/out" || { cat "$tmp/out" "$tmp/err"; fail "no line '$1'"; }; }

case $case in
nul_bytes)
	# A NUL, a ^A and an ESC around every line break.
	python3 -c 'import sys; sys.stdout.buffer.write(open(sys.argv[1], "rb").read().replace(b"\n", b"\x00\n\x01\x1b"))' "$ref" |
		"$mmsim" - > "$tmp/out" 2> "$tmp/err"
	expect "$want_ref"
	grep -qE 'skipped [0-9]+ NUL or control bytes' "$tmp/err" || fail "the skipped bytes not reported"
	;;
long_line)
	{ head -c 20000 /dev/zero | tr '\0' x; echo ' BIOS-e820: [mem 0x0000000000100000-0x000000003fffffff] usable'; } |
		"$mmsim" - > "$tmp/out" 2> "$tmp/err"
	expect 'Initmem setup node 0 [mem 0x0000000000100000-0x000000003fffffff]'
	;;
fallback_unknown)
	"$mmsim" "$data/old-numa-3node.log" > "$tmp/out" 2> "$tmp/err"
	grep -q '^mmsim: fallback order unknown: the firmware has a SLIT but the log does not print its distances; give the distances with --distances' "$tmp/out" ||
		fail "no 'fallback order unknown' line"
	! grep -q '^Fallback order for Node' "$tmp/out" || fail "a fallback order printed without distances"
	grep -q '^Built 3 zonelists' "$tmp/out" || fail "no 'Built 3 zonelists' line"
	;;
fallback_distances)
	"$mmsim" --distances "10,20,30;20,10,20;30,20,10" "$data/old-numa-3node.log" > "$tmp/out" 2> "$tmp/err"
	expect 'Fallback order for Node 0: 0 1 2 '
	expect 'Fallback order for Node 1: 1 2 0 '
	expect 'Fallback order for Node 2: 2 1 0 '
	! grep -q 'fallback order unknown' "$tmp/out" || fail "unknown despite --distances"
	;;
journalctl)
	# journalctl -k -b: "Mon DD HH:MM:SS host kernel: " before each line.
	sed 's/^\[ *[0-9.]*\] /Dec 04 23:00:00 host kernel: /' "$ref" | "$mmsim" - > "$tmp/out" 2> "$tmp/err"
	expect "$want_ref"
	;;
dmesg_r)
	# dmesg -r: the raw "<level>" before the timestamp.
	sed 's/^/<6>/' "$ref" | "$mmsim" - > "$tmp/out" 2> "$tmp/err"
	expect "$want_ref"
	;;
sysfs_dir|sysfs_tar)
	# A copy of /sys/firmware/memmap (N/start, N/end, N/type, ends
	# inclusive), written from the reference log's table in the kernel's
	# type names; entry 7 has a type name no kernel prints: named, left out.
	mm="$tmp/memmap"
	n=0
	sed -n 's/.*BIOS-e820: \[mem \(0x[0-9a-f]*\)-\(0x[0-9a-f]*\)\] \(.*\)$/\1 \2 \3/p' "$ref" |
	while read -r a b t; do
		case $t in
		usable) t="System RAM" ;; reserved) t="Reserved" ;;
		"ACPI data") t="ACPI Tables" ;; "ACPI NVS") t="ACPI Non-volatile Storage" ;;
		esac
		mkdir -p "$mm/$n"
		echo "$a" > "$mm/$n/start"; echo "$b" > "$mm/$n/end"; echo "$t" > "$mm/$n/type"
		n=$((n + 1))
	done
	mkdir -p "$mm/99"; echo 0x100000000 > "$mm/99/start"; echo 0x1000fffff > "$mm/99/end"
	echo "Strange Memory" > "$mm/99/type"
	src=$mm
	if [ "$case" = sysfs_tar ]; then
		tar -C "$tmp" -cf "$tmp/memmap.tar" memmap
		src=$tmp/memmap.tar
	fi
	python3 "$(dirname "$0")/sysfs_memmap.py" "$src" 2> "$tmp/err" | "$mmsim" - > "$tmp/out" 2>> "$tmp/err"
	expect "$want_ref"
	grep -q "entry 99: unknown type 'Strange Memory', ignored" "$tmp/err" || fail "the unknown type not named"
	;;
compare)
	# scripts/mmsim --compare: every line marked; the reference log's
	# zones and nodes equal, "Memory:" differs (another kernel image).
	set +e
	python3 "$(dirname "$0")/compare_zones.py" --report "$mmsim" "$ref" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	set -e
	[ $rc -eq 1 ] || fail "--compare exited $rc, want 1 (Memory: differs)"
	expect 'equal    Initmem setup node 0 [mem 0x0000000000001000-0x000000001feebfff]'
	expect 'equal    Fallback order for Node 0: 0'
	grep -q '^differs  linux: Memory: ' "$tmp/out" || fail "Memory: not marked as differing"
	grep -qE '^[0-9]+ of [0-9]+ lines equal' "$tmp/out" || fail "no summary line"
	! grep -vqE '^(equal    |differs  |         mmsim: |         \(|linux only  |mmsim only  |[0-9]+ of )' "$tmp/out" ||
		fail "a line without a mark"
	;;
compare_old)
	# A 5.3 log: lines are paired only with lines of their kind (its
	# "Built" line was set beside mmsim's fallback order before), and the
	# Total pages difference of a kernel before 5.13 is explained.
	set +e
	python3 "$(dirname "$0")/compare_zones.py" --report "$mmsim" \
		"$data/asus-zenbook-ux391fa-16g-efi-5.3.log" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	set -e
	[ $rc -eq 1 ] || fail "--compare exited $rc, want 1"
	grep -A1 '^differs  linux: Built 1 zonelists' "$tmp/out" | grep -q '^         mmsim: Built 1 zonelists' ||
		fail "the Built lines are not paired"
	grep -q '^         (Linux before 5.13 reserved only 64K below 1 MiB' "$tmp/out" ||
		fail "the pre-5.13 difference not explained"
	expect 'mmsim only  Fallback order for Node 0: 0'
	grep -A1 '^differs  linux: Memory: ' "$tmp/out" | grep -q '^         mmsim: Memory: ' ||
		fail "the Memory: lines are not paired"
	;;
*) fail "unknown case $case" ;;
esac
echo "PASS $case"
