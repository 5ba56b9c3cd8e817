#!/usr/bin/env bash
# page_alloc_checks.sh BUILD_DIR MODE [ARGS...]: boots running the
# page_alloc self-test (kernel/mm/tests/page_alloc_test*.c) on the live allocator.
#   selftest MACHINE MEM [QEMU ARGS...]
#       selftest=page_alloc mminfo=buddyinfo,zoneinfo: status 0, every case
#       ok (poison skipped), kunit.py agrees, exactly the reports the cases
#       provoke, buddyinfo/zoneinfo in shape with matching free counts, and
#       zoneinfo's start/spanned/present/managed as the zone and node lines
#       and "Memory:" say (check_dumps.py)
#   poison
#       q35 512M, page_poison=on selftest=page_alloc: the poison case runs
#       and passes; the heavy cases stay in ZONE_DMA (GFP_DMA report)
set -euo pipefail
build=$1 mode=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

# count N REGEX: exactly N lines match.
count() {
	local n
	n=$(grep -cE -- "$2" "$log.txt" || true)
	[ "$n" -eq "$1" ] || fail "$n lines matching '$2', want $1 ($log)"
}

# ktap_ok PASS SKIP: every case ok, exactly PASS passed and SKIP skipped.
ktap_ok() {
	has '^    # Subtest: page_alloc$'
	has '^    ok 1 page_alloc_all_pages_every_order$'
	has '^    ok 3 page_alloc_random_stress$'
	has '^    ok 11 page_alloc_bad_foreign_address$'
	has '^ok 1 page_alloc$'
	has "^# Totals: pass:$1 fail:0 skip:$2 total:12\$"
	! grep -q 'not ok' "$log.txt" || fail "a KTAP case failed"
	ktap_parse
}

# The kernel cannot read its own log, so the reports are counted here: the
# bad-free cases provoke one each (double free pcp, double free buddy,
# reserved, wrong order, misaligned), bad_foreign_address two free_pages()
# reports, the OOM case one failure report.
reports_exact() {
	count 5 '^BUG: Bad page state in process swapper/0  pfn:[0-9a-f]+$'
	count 2 '^page dumped because: double free: '
	count 1 '^page dumped because: PAGE_FLAGS_CHECK_AT_FREE flag\(s\) set: reserved$'
	count 1 '^page dumped because: freed with order 1, allocated with order 2$'
	count 1 '^page dumped because: pfn not aligned to order 1$'
	count 2 '^BUG: free_pages\(0x[0-9a-f]+, 0\): not an address the page allocator gave out$'
	count 1 "^swapper/0: page allocation failure: order:0, mode:$1, nodemask=\\(null\\)$"
}

# buddyinfo: one line per zone with 11 counts; each zone's blocks add up
# to zoneinfo's "pages free" (both printed back to back, nothing between).
mminfo_shape() {
	has '^buddyinfo:$'
	has '^zoneinfo:$'
	has '^Node 0, zone +DMA( +[0-9]+){11} *$'
	has '^Node 0, zone +DMA32( +[0-9]+){11} *$'
	count 0 '^Node [0-9]+, zone +[A-Za-z0-9]+( +[0-9]+){1,10} *$'
	awk '
	/^buddyinfo:$/ { b = 1; next }
	/^zoneinfo:$/ { b = 0; z = 1; next }
	b && /^Node [0-9]+, zone/ {
		key = $2 $4; t = 0
		for (o = 0; o < 11; o++) t += $(5 + o) * 2 ^ o
		sum[key] = t; n++
	}
	z && /^Node [0-9]+, zone/ { key = $2 $4 }
	z && /^  pages free/ {
		if (!(key in sum)) { print "no buddyinfo for " key; bad = 1 }
		else if (sum[key] != $3) { print key ": buddyinfo " sum[key] ", zoneinfo " $3; bad = 1 }
		m++
	}
	END { if (!n || n != m) { print n " buddyinfo zones, " m " zoneinfo zones"; bad = 1 }; exit bad }
	' "$log.txt" || fail "buddyinfo and zoneinfo disagree"
}

case $mode in
selftest)
	machine=$1 mem=$2
	shift 2
	boot 0 "page_alloc-$machine-$mem" --machine "$machine" -m "$mem" \
		--cmdline "selftest=page_alloc mminfo=buddyinfo,zoneinfo" -- "$@"
	ktap_ok 11 1
	has '^    ok 12 page_alloc_poison # SKIP page_poison=on not given$'
	reports_exact '0x700\(GFP_KERNEL\)'
	count 0 'memory corruption'
	mminfo_shape
	python3 "$here/check_dumps.py" zoneinfo "$log.txt" ||
		fail "zoneinfo disagrees with the zone lines or Memory:"
	;;
poison)
	boot 0 page_alloc-poison --machine q35 -m 512M \
		--cmdline "selftest=page_alloc page_poison=on"
	ktap_ok 12 0
	has '^    ok 12 page_alloc_poison$'
	reports_exact '0x701\(GFP_KERNEL\|__GFP_DMA\)'
	count 1 '^pagealloc: memory corruption at pfn 0x[0-9a-f]+, bytes 0x123-0x456 of the free page were written$'
	;;
*)
	fail "unknown mode $mode"
	;;
esac
pass "$mode $*"
