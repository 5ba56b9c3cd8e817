#!/usr/bin/env bash
# coverage_check.sh COVDIR: test/fuzz/coverage.sh -n end to end on the two
# small parsers' seeds (efi_e820, elf_check), their coverage builds in
# COVDIR/test/fuzz (the main build makes them in build/fuzz-cov).
# Each fuzzer's report must list exactly its target files and a TOTAL row,
# every column parsing, with lines, regions and branches covered (the seeds
# reach the parsers' accepting paths); elf_check's only seed is the real
# kernel.elf, valid, so its refusals must show as missed lines.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$("$here/coverage.sh" -n -B "$1" efi_e820 elf_check)
printf '%s\n' "$out"
fail() {
	echo "FAIL: $*"
	exit 1
}
check() { # FUZZER FILE FILES [partial]: FILE one of the FILES in the report
	local section row
	section=$(printf '%s\n' "$out" | awk -v f="== $1:" 'index($0, f) == 1 {on = 1; next} /^== / {on = 0} on')
	[ -n "$section" ] || fail "no report for $1"
	[ "$(printf '%s\n' "$section" | grep -c '\.c ')" -eq "$3" ] || fail "$1: not exactly $3 files in the report"
	# llvm-cov drops the directory the files of a report share.
	row=$(printf '%s\n' "$section" | grep -E "^([^ ]*/)?${2##*/} ") || fail "$1: $2 not in the report"
	printf '%s\n' "$section" | grep -q '^TOTAL ' || fail "$1: no TOTAL row"
	# Filename Regions Missed Cover Functions Missed Executed Lines Missed Cover Branches Missed Cover
	read -r _ regions rmiss _ _ _ _ lines lmiss lcover branches bmiss _ <<<"$row"
	for n in "$regions" "$rmiss" "$lines" "$lmiss" "$branches" "$bmiss"; do
		[[ $n =~ ^[0-9]+$ ]] || fail "$1: '$n' in '$row' is not a count"
	done
	[[ $lcover =~ ^[0-9]+\.[0-9]+%$ ]] || fail "$1: line cover '$lcover' does not parse"
	[ "$lmiss" -lt "$lines" ] || fail "$1: no line of $2 covered"
	[ "$rmiss" -lt "$regions" ] || fail "$1: no region of $2 covered"
	[ "$bmiss" -lt "$branches" ] || fail "$1: no branch of $2 covered"
	[ "${4-}" != partial ] || [ "$lmiss" -gt 0 ] || fail "$1: every line of $2 covered by a valid seed alone"
	echo "ok: $1: $2 lines $((lines - lmiss))/$lines, branches $((branches - bmiss))/$branches"
}
check efi_e820 efi/efi_e820.c 2
check efi_e820 efi/kernel_home.c 2
check elf_check efi/elf_check.c 1 partial
