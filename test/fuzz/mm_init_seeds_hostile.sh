#!/bin/sh
# mm_init_seeds.py on a hostile log: an entry covering all 2^64 bytes, one
# of 1 TiB, a 4 MiB line with no e820 in it, 100,000 table lines. It must
# finish in seconds with seeds no longer than the format's 449 bytes, say
# what it dropped, and keep the first entries exactly.
#   mm_init_seeds_hostile.sh PYTHON SCRIPT
set -eu
py=$1
script=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
log=$dir/hostile.log

{
	head -c 4194304 /dev/zero | tr '\0' x
	echo
	echo 'BIOS-provided physical RAM map:'
	echo 'BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable'
	echo 'BIOS-e820: [mem 0x0000000000100000-0x0000000000ffffff] usable'
	echo 'BIOS-e820: [mem 0x0000000001000000-0x000000ffffffffff] usable'
	echo 'BIOS-e820: [mem 0x0000000000000000-0xffffffffffffffff] reserved'
	i=0
	while [ $i -lt 1000 ]; do
		printf 'BIOS-e820: [mem 0x%016x-0x%016x] reserved\n' $((i * 8192)) $((i * 8192 + 4095))
		i=$((i + 1))
	done
} >"$log"
# 100,000 lines: the 1,000 above a hundred times.
for _ in 1 2 3 4 5 6 7 8 9 10; do tail -n 1000 "$log"; done >"$dir/more"
for _ in 1 2 3 4 5 6 7 8 9 10; do cat "$dir/more"; done >>"$log"

mkdir "$dir/out"
start=$(date +%s)
if ! timeout "${SEEDS_TIMEOUT:-60}" "$py" "$script" "$dir/out" "$log" 2>"$dir/err"; then
	echo "FAIL: mm_init_seeds.py failed or ran over ${SEEDS_TIMEOUT:-60} s on the hostile log"
	cat "$dir/err"
	exit 1
fi
echo "took $(($(date +%s) - start)) s"
cat "$dir/err"
seed=$dir/out/real-hostile
size=$(wc -c <"$seed")
[ "$size" -eq 449 ] || { echo "FAIL: seed is $size bytes, want 1 + 64 * 7 = 449"; exit 1; }
grep -q 'over 4096 bytes skipped' "$dir/err" || { echo "FAIL: long line not reported"; exit 1; }
grep -q 'above 64 GiB dropped' "$dir/err" || { echo "FAIL: part above 64 GiB not reported"; exit 1; }
grep -q 'first 64 kept' "$dir/err" || { echo "FAIL: cut table not reported"; exit 1; }
# Entries 1-3 (page: 3 bytes, pages: 2, offsets, type): 0xa0 pages at 0,
# 0xf00 at 0x100, then the first 16 MiB piece of the 1 TiB entry at 0x1000.
want='00 00 00 a0 00 00 00 00 01 00 00 0f 00 00 00 10 00 00 10 00 00'
got=$(od -An -tx1 -j1 -N21 "$seed" | tr -s ' \n' ' ' | sed 's/^ //; s/ $//')
[ "$got" = "$want" ] || { echo "FAIL: first entries are '$got', want '$want'"; exit 1; }
echo "PASS"
