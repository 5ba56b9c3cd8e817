#!/usr/bin/env bash
# bench_page_alloc.sh BUILD_DIR: boot with bench=page_alloc and check that
# the in-kernel benchmark printed its lines with numbers in them. Speed is
# not checked: under TCG a cycle is the emulator's, not the machine's.
set -euo pipefail
build=$1
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
logdir="$build/test-logs"
mkdir -p "$logdir"
log="$logdir/bench-page-alloc.log"

fail() {
	echo "FAIL: $*"
	[ -f "$log" ] && tail -n 40 "$log"
	exit 1
}

set +e
MMK_BUILD_DIR=$build "$top/scripts/run" --no-build --timeout 180 \
	--log "$log" --cmdline "bench=page_alloc" > /dev/null 2>&1
rc=$?
set -e
[ "$rc" -eq 0 ] || fail "exit status $rc, want 0 ($log)"
tr -d '\r' < "$log" | sed 's/^\[ *[0-9]*\.[0-9]*\] //' > "$log.txt"
has() {
	grep -E -- "$1" "$log.txt" || fail "no line matching '$1' in $log"
}
for f in page_alloc.order0_pcp_hot page_alloc.order3; do
	has "^bench: $f median [1-9][0-9]* cycles/op \(min [0-9]+, max [0-9]+\)$"
done
has '^bench: page_alloc.order3/order0_pcp_hot ratio [0-9]+\.[0-9]{2}$'
! grep -qE 'Unknown kernel command line|Malformed early option' "$log.txt" ||
	fail "bench= was not recognised"
has '^mmk: boot complete, status 0$'
echo "PASS: bench=page_alloc"
