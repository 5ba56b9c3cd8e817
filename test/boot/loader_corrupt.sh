#!/usr/bin/env bash
# loader_corrupt.sh BUILD_DIR KIND: boot a damaged kernel.elf; the loader
# must print one error line naming the problem, and the kernel must not run.
set -euo pipefail
build=$1 kind=$2
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
logdir="$build/test-logs"
mkdir -p "$logdir"
elf="$build/kernel/kernel.elf"
bad="$logdir/kernel-$kind.elf"
log="$logdir/loader-$kind.log"

cp "$elf" "$bad"
patch_byte() { printf "\\x$2" | dd of="$bad" bs=1 seek="$1" conv=notrunc status=none; }
case $kind in
truncated) truncate -s 200 "$bad"; want='segment [0-9]+: file data lies outside the file|program headers lie outside the file' ;;
machine)   patch_byte 18 03; want='not an x86-64 ELF \(e_machine 3\)' ;;   # EM_386
magic)     patch_byte 1 58; want='bad ELF magic' ;;
class)     patch_byte 4 01; want='not a 64-bit ELF' ;;
type)      patch_byte 16 03; want='not an executable ELF \(e_type 3\)' ;; # ET_DYN
empty)     : > "$bad"; want='file too small for an ELF header' ;;
*) echo "unknown kind $kind"; exit 2 ;;
esac

set +e
MMK_BUILD_DIR=$build "$top/scripts/run" --no-build --kernel "$bad" --timeout 120 \
	--log "$log" > /dev/null
rc=$?
set -e
fails=0
if [ $rc -ne 3 ]; then echo "FAIL: status $rc, expected 3 (loader error)"; fails=1; fi
if ! grep -Eq "mmk-loader: error: \\\\kernel.elf: ($want)" "$log"; then
	echo "FAIL: no loader error line matching: $want"; fails=1
fi
if grep -Eq 'Command line:|BIOS-provided|entering the kernel' "$log"; then
	echo "FAIL: the kernel (or the jump) ran despite a bad kernel.elf"; fails=1
fi
if [ $fails -ne 0 ]; then tail -n 15 "$log"; exit 1; fi
grep -a "mmk-loader: error" "$log"
