#!/usr/bin/env bash
# loader_corrupt.sh BUILD_DIR KIND: boot a damaged kernel.elf; the loader
# must print one error line naming the problem, and the kernel must not run.
set -euo pipefail
build=$1 kind=$2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
elf="$build/kernel/kernel.elf"
bad="$logdir/kernel-$kind.elf"

cp "$elf" "$bad"
patch_byte() { printf "\\x$2" | dd of="$bad" bs=1 seek="$1" conv=notrunc status=none; }
case $kind in
truncated) truncate -s 200 "$bad"; want='segment [0-9]+: file data lies outside the file|program headers lie outside the file' ;;
machine)   patch_byte 18 03; want='not an x86-64 ELF \(e_machine 3\)' ;;   # EM_386
magic)     patch_byte 1 58; want='bad ELF magic' ;;
class)     patch_byte 4 01; want='not a 64-bit ELF' ;;
type)      patch_byte 16 03; want='not an executable ELF \(e_type 3\)' ;; # ET_DYN
empty)     : > "$bad"; want='file too small for an ELF header' ;;
# Headers whole, a PT_LOAD's file range past the end: refused from the
# headers, before the loader reads any segment (it streams them).
segment_past_eof)
	off=$(python3 -c 'import struct, sys
d = open(sys.argv[1], "rb").read()
phoff, = struct.unpack_from("<Q", d, 32)
phnum, = struct.unpack_from("<H", d, 56)
print(max(struct.unpack_from("<IIQ", d, phoff + 56 * i)[2] for i in range(phnum)
          if struct.unpack_from("<I", d, phoff + 56 * i)[0] == 1))' "$bad")
	truncate -s $((off + 16)) "$bad"
	want='segment [0-9]+: file data lies outside the file' ;;
*) echo "unknown kind $kind"; exit 2 ;;
esac

boot 3 "loader-$kind" --kernel "$bad"
has "mmk-loader: error: \\\\kernel.elf: ($want)"
! grep -qE 'Command line:|BIOS-provided|entering the kernel' "$log.txt" ||
	fail "the kernel (or the jump) ran despite a bad kernel.elf"
grep -a "mmk-loader: error" "$log.txt"
