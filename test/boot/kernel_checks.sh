#!/usr/bin/env bash
# kernel_checks.sh BUILD_DIR MODE [ARGS...]: boots that check the kernel's
# own reports on the serial log.
#   crash KIND                 crash=KIND: status 1, the report's header, a
#                              RIP in crash_KIND (CPU faults), and a Call
#                              Trace through start_kernel
#   selftest MACHINE MEM [QEMU ARGS...]
#                              selftest=pgtable iomem=dump: status 0, every
#                              KTAP case ok, kunit.py agrees, the iomem dump
#                              has Kernel code and its System RAM ranges are
#                              the usable e820 entries (check_dumps.py)
#   unknown_suite              selftest=nosuchsuite: status 2
#   unknown_bench              bench=page_alloc,nosuch: status 2, named
#   selftest_nonx              selftest=all on -cpu qemu64,-nx: status 0
#   percpu_page                percpu_alloc=page selftest=smp, 2 CPUs: the
#                              units in 4K pages, the SMP suite passing
#   apic_verbose               apic=verbose selftest=timer, 2 CPUs: Linux's
#                              APIC timer calibration lines in its format,
#                              QEMU's 1 GHz APIC bus within a factor 1.5
#                              (TCG's TSC calibration is that rough under
#                              load), the mult Linux would derive from the
#                              result, the timer suite passing
set -euo pipefail
build=$1 mode=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh disable=SC2154,SC2034 # $log, $build: lib.sh
. "$here/lib.sh"

case $mode in
crash)
	kind=$1
	boot 1 "crash-$kind" --cmdline "crash=$kind"
	case $kind in
	ud) has '^invalid opcode: 0000 \[#1\]' ;;
	de) has '^divide error: 0000 \[#1\]' ;;
	gp) has '^general protection fault' ;;
	pf) has '^BUG: unable to handle page fault for address: ' ;;
	null) has '^BUG: kernel NULL pointer dereference, address: 0000000000000000' ;;
	stack) has '^double fault: 0000 \[#1\]' ;;
	panic) has '^Kernel panic - not syncing: crash=panic requested' ;;
	*) fail "unknown crash kind $kind" ;;
	esac
	[ "$kind" = panic ] || has "^RIP: 0010:crash_$kind\+0x[0-9a-f]+/0x[0-9a-f]+"
	has '^Call Trace:'
	has '^ start_kernel\+0x'
	has '^Kernel panic - not syncing'
	;;
selftest)
	machine=$1 mem=$2
	shift 2
	boot 0 "selftest-$machine-$mem" --machine "$machine" -m "$mem" \
		--cmdline "selftest=pgtable iomem=dump" -- "$@"
	has '^    ok [0-9]+ pgtable_direct_map_only_ram$'
	has '^    ok [0-9]+ pgtable_section_table$'
	has '^ok 1 pgtable$'
	has '^# Totals: pass:10 fail:0 skip:0 total:10$'
	if [ "$machine:$mem" = q35:8G ]; then
		# RAM [0, 2G) and [4G, 10G): 5120 slots of 2 MiB, a page of them per
		# GiB; the GiBs at 2G and 3G have none, so their pages are not backed.
		has '^    # mem_section\[\]: 5120 slots, 8 pages backed, 2 read-only zero$'
	fi
	! grep -q 'not ok' "$log.txt" || fail "a KTAP case failed"
	has '^[0-9a-f]{8,}-[0-9a-f]{8,} : System RAM$'
	has '^  [0-9a-f]{8,}-[0-9a-f]{8,} : Kernel code$'
	python3 "$here/check_dumps.py" iomem "$log.txt" || fail "iomem's System RAM is not the usable e820 RAM"
	ktap_parse
	;;
unknown_suite)
	boot 2 selftest-unknown --cmdline "selftest=nosuchsuite"
	has '^# no suite named nosuchsuite$'
	has '^not ok 1 nosuchsuite$'
	has '^mmk: boot complete, status 2$'
	;;
selftest_nonx)
	# A CPU without NX: the kernel says so, and every self-test expects what
	# such a CPU can do (nothing can be made non-executable) instead of failing.
	boot 0 selftest-nonx --cmdline "selftest=all" -- -cpu qemu64,-nx
	has '^NX \(Execute Disable\) protection: missing in CPU!$'
	has '^    ok [0-9]+ pgtable_no_writable_executable # SKIP the CPU has no NX bit$'
	has '^    ok [0-9]+ pgtable_direct_map_only_ram$'
	has '^    ok [0-9]+ pgtable_only_documented_areas$'
	! grep -q 'not ok' "$log.txt" || fail "a KTAP case failed"
	has '^mmk: boot complete, status 0$'
	;;
percpu_page)
	# percpu_alloc=page: the per-CPU units in 4K pages (Linux's fallback
	# when no 2 MiB block is left) on two CPUs; the SMP suite runs on them.
	boot 0 percpu-page --smp 2 --cmdline "percpu_alloc=page selftest=smp"
	has '^percpu: [0-9]+ 4K pages/cpu s[0-9]+ r0 d[0-9]+$'
	! grep -q 'Embedded' "$log.txt" || fail "the units were embedded"
	has '^smp: Brought up 1 node, 2 CPUs$'
	has '^# Totals: pass:[0-9]+ fail:0 '
	! grep -q 'not ok' "$log.txt" || fail "a KTAP case failed"
	ktap_parse
	has '^mmk: boot complete, status 0$'
	;;
apic_verbose)
	boot 0 apic-verbose --smp 2 --cmdline "apic=verbose selftest=timer"
	has '^Using local APIC timer interrupts\.$'
	has '^calibrating APIC timer \.\.\.$'
	has '^\.\.\. lapic delta = [0-9]+$'
	has '^\.\.\.\.\. delta [0-9]+$'
	has '^\.\.\.\.\. CPU clock speed is [0-9]+\.[0-9]{4} MHz\.$'
	res=$(sed -nE 's/^\.\.\.\.\. calibration result: ([0-9]+)$/\1/p' "$log.txt")
	mult=$(sed -nE 's/^\.\.\.\.\. mult: ([0-9]+)$/\1/p' "$log.txt")
	bus=$(sed -nE 's/^\.\.\.\.\. host bus clock speed is ([0-9]+)\.([0-9]{4}) MHz\.$/\1 \2/p' "$log.txt")
	if [ -z "$res" ] || [ -z "$mult" ] || [ -z "$bus" ]; then
		fail "calibration result, mult or bus speed line missing"
	fi
	# HZ=250: a tick is 4000 us, Linux prints result / 4000 "." result % 4000.
	read -r mhz frac <<< "$bus"
	if [ "$mhz" -ne $((res / 4000)) ] || [ "$((10#$frac))" -ne $((res % 4000)) ]; then
		fail "bus speed $mhz.$frac does not follow from result $res"
	fi
	((res >= 4000000 * 2 / 3 && res <= 4000000 * 3 / 2)) ||
		fail "APIC bus $res clocks per 4 ms tick, QEMU's is 4000000 (1 GHz)"
	# Linux's clockevent mult: (result / 16) << 32 / TICK_NSEC (4000000).
	[ "$mult" -eq $((((res / 16) << 32) / 4000000)) ] || fail "mult $mult does not follow from $res"
	has '^    # timer: pass:3 fail:0 skip:0 total:3$'
	ktap_parse
	;;
unknown_bench)
	boot 2 bench-unknown --cmdline "bench=page_alloc,nosuch"
	has "^bench: no benchmark named 'nosuch' \\(known: page_alloc, vmalloc\\)$"
	has '^mmk: boot complete, status 2$'
	;;
*)
	fail "unknown mode $mode"
	;;
esac
pass "$mode $*"
