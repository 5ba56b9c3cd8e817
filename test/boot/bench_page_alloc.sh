#!/usr/bin/env bash
# bench_page_alloc.sh BUILD_DIR: boot with bench=page_alloc and check that
# the in-kernel benchmark printed its lines with numbers in them. Speed is
# not checked: under TCG a cycle is the emulator's, not the machine's.
set -euo pipefail
build=$1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

boot 0 bench-page-alloc --cmdline "bench=page_alloc"
for f in page_alloc.order0_pcp_hot page_alloc.order3; do
	has "^bench: $f median [1-9][0-9]* cycles/op \(min [0-9]+, max [0-9]+\)$"
done
has '^bench: page_alloc.order3/order0_pcp_hot ratio [0-9]+\.[0-9]{2}$'
! grep -qE 'Unknown kernel command line|Malformed early option' "$log.txt" ||
	fail "bench= was not recognised"
has '^mmk: boot complete, status 0$'
echo "PASS: bench=page_alloc"
