#!/usr/bin/env bash
# kernel_vs_mmsim.sh BUILD_DIR MACHINE MEM [CMDLINE]: boot with efi=debug,
# run mmsim on the kernel's own log (same e820 table, same command line),
# and require the same memory-init lines from both.
set -euo pipefail
build=$1 machine=$2 mem=$3 extra=${4-}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
logdir="$build/test-logs"
mkdir -p "$logdir"
tag="$machine-$mem${extra:+-$(printf '%s' "$extra" | tr -c 'a-zA-Z0-9' _)}"
log="$logdir/kvsim-$tag.log"
out="$logdir/kvsim-$tag.mmsim"
set +e
MMK_BUILD_DIR=$build "$top/scripts/run" --no-build --machine "$machine" -m "$mem" \
	--timeout 150 --cmdline "efi=debug $extra" --log "$log" > /dev/null
rc=$?
set -e
if [ $rc -ne 0 ]; then
	echo "boot failed with status $rc"; tail -n 20 "$log"; exit 1
fi
ASAN_OPTIONS=detect_leaks=0 "$build/test/sim/mmsim" --log-cmdline "$log" > "$out" 2>&1
python3 "$here/compare_kernel_mmsim.py" "$log" "$out"
