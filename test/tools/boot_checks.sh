#!/usr/bin/env bash
# shellcheck disable=SC2154 # $log is set by boot() in lib.sh
# boot_checks.sh BUILD free|late-call|list|help
#   free: a boot prints "Memory: ... NK init ..." and "Freeing unused kernel
#     image (initmem) memory: NK", both N equal to the init sections' size
#     read from kernel.elf's own symbols (llvm-nm), not from the log.
#   late-call: crash=init calls an __init function after free_initmem: a
#     page fault on that function's address (from llvm-nm), not-present,
#     instruction fetch; the boot ends in a panic (status 1), never runs it.
#   list, help: selftest=list / selftest=help name every suite with its
#     case count (the suites registered in the kernel's source, found by
#     grep, not from the log), run none, and the boot exits 0.
set -euo pipefail
build=$1
# shellcheck source=../boot/lib.sh
. "$(dirname "$0")/../boot/lib.sh" # sets $log in boot()
nm=$(command -v llvm-nm || command -v nm)
sym() { "$nm" "$build/kernel/kernel.elf" | awk -v s="$1" '$3 == s {print $1}'; }
hex() { echo $((16#$1)); } # wraps to negative; differences are right

case $2 in
free)
	text=$(( $(hex "$(sym __init_text_end)") - $(hex "$(sym __init_text_begin)") ))
	data=$(( $(hex "$(sym __init_data_end)") - $(hex "$(sym __init_data_begin)") ))
	kb=$(( (text + data) / 1024 ))
	[ "$kb" -gt 0 ] || fail "kernel.elf has empty init sections ($text + $data bytes)"
	boot 0 initmem_free --cmdline "loglevel=8"
	has "^Memory: [0-9]+K/[0-9]+K available \\(.* ${kb}K init, "
	has "^Freeing unused kernel image \\(initmem\\) memory: ${kb}K$"
	echo "ok: Memory: and Freeing lines say ${kb}K (init text $text + data $data bytes)"
	;;
late-call)
	addr=$(sym crash_init_probe)
	[ -n "$addr" ] || fail "no crash_init_probe in kernel.elf"
	boot 1 initmem_late_call --cmdline "crash=init"
	has "^Freeing unused kernel image \\(initmem\\) memory: [1-9][0-9]*K$"
	has "^BUG: unable to handle page fault for address: $addr$"
	has "^#PF: supervisor instruction fetch in kernel mode"
	has "not-present page"
	has "^RIP: 0010:crash_init_probe\\+0x0/"
	grep -q "while reporting an earlier exception" "$log.txt" &&
		fail "the oops report itself faulted (read the freed text?)"
	grep -q "__init code still ran" "$log.txt" && fail "init code ran after free_initmem"
	echo "ok: calling __init code after free_initmem faults at $addr"
	;;
list|help)
	boot 0 "selftest_$2" --cmdline "selftest=$2"
	suites=$(grep -rh --include='*.c' -A3 -E "^static (const )?struct ktest_suite" "$top/kernel" |
		sed -n 's/^[[:space:]]*\.name = "\([a-z0-9_]*\)",.*/\1/p' | sort -u)
	[ "$(echo "$suites" | wc -w)" -ge 4 ] || fail "found only '$suites' in the kernel's source"
	has "^selftest: $(echo "$suites" | wc -w) suites; run them with selftest=all"
	for s in $suites; do
		has "^selftest:   $s +[1-9][0-9]* cases$"
	done
	grep -q "^KTAP version\|# Subtest" "$log.txt" && fail "selftest=$2 ran suites"
	echo "ok: selftest=$2 names $(echo "$suites" | tr '\n' ' ')and runs none"
	;;
*) echo "usage: $0 BUILD free|late-call|list|help" >&2; exit 2 ;;
esac
