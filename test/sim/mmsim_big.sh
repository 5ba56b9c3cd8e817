#!/usr/bin/env bash
# mmsim_big.sh MMSIM CASE: the user's mmsim (optimised) on machines too big
# for a real memmap: a synthetic 1 TiB or 4 TiB log (written here), every
# mm-init line checked against figures worked out by hand from the table
# with Linux 6.1's rules; "full": the deferred part of a 64 GiB two-node log.
# Time and memory are scripts/bench's and test/README's business, not this.
set -euo pipefail
mmsim=$1 case=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
expect() { grep -qxF -- "$1" "$tmp/out" || { cat "$tmp/out" "$tmp/err"; fail "no line '$1'"; }; }

# QEMU-like: 2 GiB below the hole (its last 128 KiB reserved), the rest at
# 4 GiB; TOP is the last byte of RAM.
big_log() {
	cat <<EOT
BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable
BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved
BIOS-e820: [mem 0x00000000000f0000-0x00000000000fffff] reserved
BIOS-e820: [mem 0x0000000000100000-0x000000007ffdffff] usable
BIOS-e820: [mem 0x000000007ffe0000-0x000000007fffffff] reserved
BIOS-e820: [mem 0x00000000feffc000-0x00000000feffffff] reserved
BIOS-e820: [mem 0x0000000100000000-$1] usable
EOT
}

# Pages of RAM: [4K, 0x9f000) is 158, [1M, 0x7ffe0000) 524000, and from 4 GiB
# to TOP; the K figure is 4 times that.
check_big() {
	local top=$1 normal_pages=$2
	expect 'Zone ranges:'
	expect '  DMA      [mem 0x0000000000001000-0x0000000000ffffff]'
	expect '  DMA32    [mem 0x0000000001000000-0x00000000ffffffff]'
	expect "  Normal   [mem 0x0000000100000000-$top]"
	expect '  node   0: [mem 0x0000000000001000-0x000000000009efff]'
	expect '  node   0: [mem 0x0000000000100000-0x000000007ffdffff]'
	expect "  node   0: [mem 0x0000000100000000-$top]"
	expect "Initmem setup node 0 [mem 0x0000000000001000-$top]"
	# Page 0, then 0x9f-0xff, then the reserved 128 KiB below 2 GiB: the
	# latter counted when the next range (Normal) starts, as in Linux.
	expect 'On node 0, zone DMA: 1 pages in unavailable ranges'
	expect 'On node 0, zone DMA: 97 pages in unavailable ranges'
	expect 'On node 0, zone Normal: 32 pages in unavailable ranges'
	local present_k=$(( (158 + 524000 + normal_pages) * 4 ))
	grep -qE "^Memory: [0-9]+K/${present_k}K available " "$tmp/out" ||
		{ cat "$tmp/out"; fail "Memory: present is not ${present_k}K"; }
	# Deferred: only DMA, DMA32 and Normal's first 128 MiB are free at
	# "Memory:" (less than 2 GiB + 128 MiB), and the rest is not reserved:
	# total - reserved (Linux's totalram) is within 64 MiB per TiB of
	# memmap plus the 32 MiB kernel and bootmem's bitmap of the total.
	local avail reserved
	avail=$(sed -nE 's/^Memory: ([0-9]+)K\/.*/\1/p' "$tmp/out")
	reserved=$(sed -nE 's/^Memory: .* ([0-9]+)K reserved\)$/\1/p' "$tmp/out")
	[ "$avail" -lt $(( (2048 + 128) * 1024 )) ] || fail "available ${avail}K: nothing was deferred"
	[ "$avail" -gt $(( 1024 * 1024 )) ] || fail "available ${avail}K: too little set up at boot"
	local memmap_k=$(( present_k / 64 ))
	if [ "$reserved" -lt "$memmap_k" ] || [ "$reserved" -ge $(( memmap_k + memmap_k / 16 + 200 * 1024 )) ]; then
		fail "reserved ${reserved}K: want the memmap (${memmap_k}K) plus a little"
	fi
	grep -q 'deferred pages initialised' "$tmp/out" && fail "the deferred part ran without --full"
	return 0
}

case $case in
1t)
	big_log 0x000001007fffffff > "$tmp/log"
	"$mmsim" "$tmp/log" > "$tmp/out" 2> "$tmp/err" || { cat "$tmp/out" "$tmp/err"; fail "status $?"; }
	check_big 0x000001007fffffff $(( (0x10080000000 - 0x100000000) / 4096 ))
	;;
4t)
	big_log 0x000004007fffffff > "$tmp/log"
	"$mmsim" "$tmp/log" > "$tmp/out" 2> "$tmp/err" || { cat "$tmp/out" "$tmp/err"; fail "status $?"; }
	check_big 0x000004007fffffff $(( (0x40080000000 - 0x100000000) / 4096 ))
	;;
full)
	# Two nodes of 32 GiB (test/data's KVM log): one worker line each.
	"$mmsim" --full "$(dirname "$0")/../data/kvm-2node-64g-rhel9-5.14.log" > "$tmp/out" 2> "$tmp/err" ||
		{ cat "$tmp/out" "$tmp/err"; fail "status $?"; }
	for n in 0 1; do
		grep -qE "^node $n deferred pages initialised in [0-9]+ms$" "$tmp/out" ||
			{ cat "$tmp/out"; fail "no line for node $n"; }
	done
	;;
*) fail "unknown case $case" ;;
esac
echo "ok: $case"
