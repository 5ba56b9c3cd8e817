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
*) fail "unknown case $case" ;;
esac
echo "PASS $case"
