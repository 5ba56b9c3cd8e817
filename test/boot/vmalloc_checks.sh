#!/usr/bin/env bash
# vmalloc_checks.sh BUILD_DIR MODE [ARGS...]: boots that check vmalloc.
#   selftest MACHINE MEM   selftest=vmalloc: status 0, every case of the
#                          suite ok, kunit.py agrees
#   vstack                 crash=vstack: status 1; the guard-page report
#                          names an address in the page just below the
#                          stack the kernel announced, then a panic
#   bench                  bench=vmalloc: status 0 and both figures printed
#                          (their form only: TCG cycles are the emulator's)
set -euo pipefail
build=$1 mode=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

case $mode in
selftest)
	machine=$1 mem=$2
	boot 0 "vmalloc-$machine-$mem" --machine "$machine" -m "$mem" \
		--cmdline "selftest=vmalloc"
	has '^vmalloc: area \[0xffffc90000000000-0xffffe8ffc0000000\)'
	for c in vmalloc_sizes vmalloc_guard_between_areas vfree_unmaps_and_reuses \
		 vfree_bad_pointers_reported vmap_scattered_pages \
		 vmalloc_many_areas_random_order ioremap_local_apic \
		 ioremap_refuses_ram fixmap_local_apic early_ioremap_slots \
		 vfree_lazy_one_flush_at_threshold vfree_range_not_reused_before_purge \
		 vmalloc_full_purges_and_retries; do
		has "^    ok [0-9]+ $c\$"
	done
	has '^ok 1 vmalloc$'
	has '^# Totals: pass:16 fail:0 skip:0 total:16$'
	! grep -q 'not ok' "$log.txt" || fail "a KTAP case failed"
	ktap_parse
	;;
vstack)
	boot 1 vstack --cmdline "crash=vstack"
	line=$(grep -E '^crash=vstack: stack \[' "$log.txt") || fail "no stack announcement"
	lo=$(sed -E 's/^crash=vstack: stack \[([0-9a-f]{16})-.*/\1/' <<< "$line")
	grep -q 'is the guard page of the area before it$' <<< "$line" ||
		fail "the page below the stack is not a guard page: $line"
	bug=$(grep -E '^BUG: stack guard page was hit at [0-9a-f]{16} ' "$log.txt") ||
		fail "no guard-page report"
	addr=$(sed -E 's/^BUG: stack guard page was hit at ([0-9a-f]{16}) .*/\1/' <<< "$bug")
	# The fault address must lie in [lo - 4096, lo): the guard page.
	python3 -c "import sys; lo, a = int('$lo', 16), int('$addr', 16); sys.exit(0 if lo - 4096 <= a < lo else 1)" ||
		fail "fault address $addr is not in the page below the stack at $lo"
	has "\\(stack is $lo\\.\\."
	has '^stack guard page: 0000 \[#1\]'
	has '^RIP: 0010:vstack_recurse\+0x[0-9a-f]+/0x[0-9a-f]+'
	has "^CR2: $addr "
	has '^Kernel panic - not syncing: Fatal exception'
	;;
bench)
	boot 0 bench-vmalloc --cmdline "bench=vmalloc"
	for f in vmalloc.16k vmalloc.1m; do
		has "^bench: $f median [1-9][0-9]* cycles/op \\(min [0-9]+, max [0-9]+\\)$"
	done
	! grep -q "Malformed early option 'bench'" "$log.txt" || fail "bench= was refused"
	has '^mmk: boot complete, status 0$'
	;;
*)
	fail "unknown mode $mode"
	;;
esac
pass "$mode $*"
