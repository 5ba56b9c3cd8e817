#!/usr/bin/env bash
# kernel_vs_mmsim.sh BUILD_DIR MACHINE MEM [CMDLINE]: boot with efi=debug,
# run mmsim on the kernel's own log (same e820 table, same command line),
# and require the same memory-init lines from both.
set -euo pipefail
build=$1 machine=$2 mem=$3 extra=${4-}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

tag="$machine-$mem${extra:+-$(printf '%s' "$extra" | tr -c 'a-zA-Z0-9' _)}"
out="$logdir/kvsim-$tag.mmsim"
boot 0 "kvsim-$tag" --machine "$machine" -m "$mem" --cmdline "efi=debug $extra"
ASAN_OPTIONS=detect_leaks=0 "$build/test/sim/mmsim" --log-cmdline "$log" > "$out" 2>&1
python3 "$here/compare_kernel_mmsim.py" "$log" "$out"
