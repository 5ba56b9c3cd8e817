#!/usr/bin/env bash
# deferred_init.sh BUILD_DIR CASE: deferred struct-page init on q35 2G
# (DMA32 ends the node: Linux's rule sets up 16 MiB-256 MiB at boot).
#   default      "Memory:" counts only that first part as available, its total
#                minus reserved (totalram) all of RAM but the reservations;
#                one "node 0 deferred pages initialised in Nms" after it; the
#                zones' managed pages then add up (check_dumps.py zoneinfo)
#   nodeferinit  no such line, and "Memory:" offers nearly everything
#   smp4         --smp 4 (one node): its four CPUs share the deferred pages;
#                one line, and each zone's free pages at the end of boot
#                within one 4 MiB block (1024 pages, the unit a CPU frees)
#                of a nodeferinit --smp 4 boot's (the boots allocate a few
#                pages differently: 48 apart when written)
set -euo pipefail
build=$1 case=$2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

# Memory: AVAIL/TOTAL ... RES reserved
figures() { sed -nE 's/^Memory: ([0-9]+)K\/([0-9]+)K available.* ([0-9]+)K reserved\)$/\1 \2 \3/p' "$log.txt"; }

case $case in
default)
	boot 0 deferred-default -m 2G --cmdline "mminfo=zoneinfo"
	has '^node 0 deferred pages initialised in [0-9]+ms$'
	# After "Memory:", before the end of boot.
	sed -n '/^Memory: /,/^mmk: boot complete/p' "$log.txt" | grep -q '^node 0 deferred pages' ||
		fail "the deferred line is not between Memory: and the end of boot"
	read -r avail total res <<< "$(figures)"
	[ "$avail" -lt $((256 * 1024)) ] || fail "available ${avail}K: nothing was deferred"
	[ $((total - res)) -gt $((avail + 1536 * 1024)) ] ||
		fail "total ${total}K - reserved ${res}K: the deferred pages are not counted in totalram"
	python3 "$here/check_dumps.py" zoneinfo "$log.txt" || fail "zoneinfo disagrees with Memory:"
	;;
nodeferinit)
	boot 0 deferred-off -m 2G --cmdline "nodeferinit"
	! grep -q 'deferred pages initialised' "$log.txt" || fail "nodeferinit still deferred"
	read -r avail total res <<< "$(figures)"
	[ "$avail" -gt $((total - res - 8 * 1024)) ] ||
		fail "available ${avail}K of ${total}K - ${res}K: something was left out"
	;;
smp4)
	boot 0 deferred-smp4-off -m 2G --smp 4 --cmdline "mminfo=zoneinfo nodeferinit"
	has '^smp: Brought up 1 node, 4 CPUs$'
	free_off=$(sed -nE 's/^ +pages free +([0-9]+)$/\1/p' "$log.txt")
	boot 0 deferred-smp4 -m 2G --smp 4 --cmdline "mminfo=zoneinfo"
	has '^smp: Brought up 1 node, 4 CPUs$'
	[ "$(grep -c 'deferred pages initialised' "$log.txt")" -eq 1 ] ||
		fail "not exactly one deferred line"
	has '^node 0 deferred pages initialised in [0-9]+ms$'
	free_on=$(sed -nE 's/^ +pages free +([0-9]+)$/\1/p' "$log.txt")
	if [ -z "$free_on" ] || [ "$(wc -l <<< "$free_on")" -ne "$(wc -l <<< "$free_off")" ]; then
		fail "zoneinfo: '$free_on' against nodeferinit's '$free_off'"
	fi
	while read -r on off; do
		d=$((on > off ? on - off : off - on))
		[ "$d" -lt 1024 ] || fail "a zone has $on pages free, $off with nodeferinit"
	done < <(paste <(echo "$free_on") <(echo "$free_off"))
	;;
*) fail "unknown case $case" ;;
esac
has '^mmk: boot complete, status 0$'
echo "PASS: deferred_init $case"
