#!/usr/bin/env bash
# coverage.sh: source-based line/branch coverage of each fuzzer's corpus.
#   test/fuzz/coverage.sh [-B COVDIR] [-c FUZZDIR] [-n] [FUZZER...]
# Configures COVDIR (default build-cov) with -DMMK_FUZZ_COVERAGE=ON, builds
# the named fuzzers there (default: all), replays each one's corpus once
# (libFuzzer -runs=0: every input run, nothing mutated) and prints
# `llvm-cov report` for the files that fuzzer targets. Corpora: the seeds
# kept in test/fuzz/corpus/NAME, plus FUZZDIR's corpus directories (a
# build's test/fuzz, e.g. build/test/fuzz after long runs; default none).
# -n: no configure or build, the fuzzers already in COVDIR/test/fuzz (the
# main build makes efi_e820 and elf_check ones in build/fuzz-cov).
# llvm-profdata/llvm-cov of the clang that builds (clang-14: llvm-14).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
covdir=$root/build-cov
fuzzdir=
nobuild=0
usage() {
	echo "usage: $0 [-B COVDIR] [-c FUZZDIR] [-n] [FUZZER...]" >&2
	exit 64
}
while getopts B:c:n opt; do
	case $opt in
	n) nobuild=1 ;;
	B) covdir=$(realpath -m "$OPTARG") ;;
	c) fuzzdir=$(realpath "$OPTARG") ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
all=(efi_e820 elf_check acpi mm_init page_alloc slab vmap_tree)
[ $# -gt 0 ] || set -- "${all[@]}"

major=$(clang --version | sed -n 's/.*clang version \([0-9]*\).*/\1/p' | head -n 1)
profdata=llvm-profdata-$major
cov=llvm-cov-$major
for tool in "$profdata" "$cov"; do
	command -v "$tool" >/dev/null || {
		echo "coverage.sh: $tool not found (scripts/deps test installs it)" >&2
		exit 1
	}
done

# The files each fuzzer is there to exercise (relative to the root).
targets() {
	case $1 in
	efi_e820) echo efi/efi_e820.c efi/kernel_home.c ;;
	elf_check) echo efi/elf_check.c ;;
	acpi) echo kernel/drivers/acpi/tables.c kernel/drivers/acpi/madt.c \
		kernel/drivers/acpi/srat.c kernel/drivers/acpi/slit.c test/sim/acpidump.c ;;
	mm_init) echo kernel/arch/amd64/e820.c kernel/mm/node_map.c kernel/mm/bootmem.c \
		kernel/mm/sparse.c kernel/mm/mm_init.c kernel/mm/zone_movable.c ;;
	page_alloc) echo kernel/mm/page_alloc.c kernel/mm/pcp.c kernel/mm/page_check.c ;;
	slab) echo kernel/mm/slab.c kernel/mm/kmalloc.c kernel/mm/slab_debug.c ;;
	vmap_tree) echo kernel/mm/vmap_tree.c ;;
	*) return 1 ;;
	esac
}

# The corpus directories of a fuzzer in FUZZDIR, as its ctest names them.
build_corpora() {
	[ -n "$fuzzdir" ] || return 0
	local d
	case $1 in
	efi_e820) d="corpus seeds" ;;
	acpi) d="corpus_acpi seeds_acpi" ;;
	elf_check) d="corpus_elf_check seeds_elf_check" ;;
	*) d="corpus_$1" ;;
	esac
	for x in $d; do
		[ -d "$fuzzdir/$x" ] && echo "$fuzzdir/$x"
	done
	return 0
}

for f in "$@"; do
	targets "$f" >/dev/null || { echo "coverage.sh: unknown fuzzer '$f'" >&2; usage; }
done

if [ $nobuild = 1 ]; then
	for f in "$@"; do
		[ -x "$covdir/test/fuzz/fuzz_$f" ] || {
			echo "coverage.sh: -n: no $covdir/test/fuzz/fuzz_$f" >&2
			exit 1
		}
	done
elif [ ! -f "$covdir/CMakeCache.txt" ]; then
	mkdir -p "$covdir"
	cmake -S "$root" -B "$covdir" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$root/toolchain/clang.cmake" \
		-DMMK_FUZZ_COVERAGE=ON >"$covdir/configure.log" 2>&1 || {
		cat "$covdir/configure.log" >&2
		exit 1
	}
fi
if [ $nobuild = 0 ]; then
	grep -q '^MMK_FUZZ_COVERAGE:BOOL=ON' "$covdir/CMakeCache.txt" || {
		echo "coverage.sh: $covdir is not a coverage build (MMK_FUZZ_COVERAGE=OFF)" >&2
		exit 1
	}
	bins=()
	for f in "$@"; do
		bins+=("fuzz_$f")
	done
	cmake --build "$covdir" --target "${bins[@]}" >"$covdir/build.log" 2>&1 || {
		tail -n 30 "$covdir/build.log" >&2
		exit 1
	}
fi

out=$covdir/coverage
mkdir -p "$out"
for f in "$@"; do
	bin=$covdir/test/fuzz/fuzz_$f
	dirs=()
	[ -d "$root/test/fuzz/corpus/$f" ] && dirs+=("$root/test/fuzz/corpus/$f")
	while read -r d; do
		dirs+=("$d")
	done < <(build_corpora "$f")
	if [ ${#dirs[@]} -eq 0 ]; then
		echo "== $f: no corpus (no seeds in the repo, no -c FUZZDIR): skipped"
		continue
	fi
	rm -rf "${out:?}/$f" && mkdir -p "$out/$f/new"
	inputs=$(find "${dirs[@]}" -type f | wc -l)
	# New inputs would go to the first directory: a scratch one.
	LLVM_PROFILE_FILE="$out/$f/%p.profraw" ASAN_OPTIONS=detect_leaks=0 \
		"$bin" -runs=0 -rss_limit_mb=4096 -timeout=60 "$out/$f/new" "${dirs[@]}" \
		>"$out/$f/replay.log" 2>&1 || {
		echo "coverage.sh: $f: replay failed (a crash in the corpus?), see $out/$f/replay.log" >&2
		tail -n 20 "$out/$f/replay.log" >&2
		exit 1
	}
	"$profdata" merge -sparse "$out/$f"/*.profraw -o "$out/$f/merged.profdata"
	mapfile -t files < <(targets "$f" | tr ' ' '\n' | sed "s|^|$root/|")
	echo "== $f: $inputs inputs from ${dirs[*]}"
	"$cov" report "$bin" -instr-profile="$out/$f/merged.profdata" "${files[@]}" |
		sed "s|$root/||"
done
