#!/bin/sh
# tools.include_cycles_catches: compile this fixture and check that
# check_include_cycles.py fails on each of its three kinds of cycle.
#   run.sh CC PYTHON ROOT
set -eu
cc=$1 py=$2 root=$3
src=test/tools/include_cycles
obj=$(mktemp -d)
trap 'rm -rf "$obj"' EXIT
mkdir -p "$obj/ring"
for f in a.c b.c ring/p.c ring/q.c ring/r.c; do
	"$cc" -c -o "$obj/$f.o" "$root/$src/$f"
done
rc=0
out=$("$py" "$root/test/tools/check_include_cycles.py" --acyclic "$src/ring" "$root" "$obj:$src") || rc=$?
printf '%s\n' "$out"
fail() { echo "include_cycles_catches: $*" >&2; exit 1; }
[ "$rc" -eq 1 ] || fail "exit status $rc, want 1"
printf '%s\n' "$out" | grep -qx "mutual dependency: $src/a.c uses b_fn of $src/b.c; $src/b.c uses a_fn of $src/a.c" ||
	fail "the a.c/b.c pair not reported"
printf '%s\n' "$out" | grep -qx "include cycle: $src/h1.h includes itself through other headers" ||
	fail "the h1.h/h2.h include cycle not reported"
printf '%s\n' "$out" | grep -qx "cycle under $src/ring/: $src/ring/p.c, $src/ring/q.c, $src/ring/r.c" ||
	fail "the p -> q -> r ring not reported"
printf '%s\n' "$out" | grep -qx "check_include_cycles: 5 files, 5 dependencies, 0 allowed pairs, 4 problems" ||
	fail "wrong totals"
echo "include_cycles_catches: all three kinds caught"
