#!/usr/bin/env bash
# kernel_vs_mmsim.sh BUILD_DIR MACHINE MEM [CMDLINE]: boot with efi=debug,
# run mmsim on the kernel's own log (same e820 table, same command line),
# and require the same memory-init lines from both. Both run the same mm
# code, so mmsim is also held to Linux's own lines (zones, nodes, fallback
# order, Total pages, Memory: present) on Linux 6.1's q35 512M log.
set -euo pipefail
build=$1 machine=$2 mem=$3 extra=${4-}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

tag="$machine-$mem${extra:+-$(printf '%s' "$extra" | tr -c 'a-zA-Z0-9' _)}"
out="$logdir/kvsim-$tag.mmsim"
boot 0 "kvsim-$tag" --machine "$machine" -m "$mem" --cmdline "efi=debug $extra"
ASAN_OPTIONS=detect_leaks=0 "$build/test/sim/mmsim" --log-cmdline "$log" > "$out" 2>&1
python3 "$here/compare_kernel_mmsim.py" "$log" "$out"
python3 "$top/test/sim/compare_zones.py" "$build/test/sim/mmsim" \
	"$top/test/data/linux-6.1-q35-512M.log" || fail "mmsim differs from Linux 6.1 on its q35 512M log"
