#!/usr/bin/env python3
"""Write fuzz_elf_check seeds from real ELF files.

    elf_seeds.py OUTDIR ELF...

Each seed is fuzz_elf_check's input format (see its header): the file's
size as 8 little-endian bytes, then the file's first bytes up to the end of
its program headers (the checks read nothing else).
"""
import os
import struct
import sys


def seed(path):
    with open(path, 'rb') as f:
        head = f.read(64)
        size = os.fstat(f.fileno()).st_size
        if len(head) < 64 or head[:4] != b'\x7fELF':
            sys.exit(f'{path}: not an ELF file')
        phoff, = struct.unpack_from('<Q', head, 32)
        phentsize, phnum = struct.unpack_from('<HH', head, 54)
        f.seek(0)
        return struct.pack('<Q', size) + f.read(min(phoff + phentsize * phnum, 1 << 16))


def main():
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    for path in sys.argv[2:]:
        with open(os.path.join(outdir, 'real-' + os.path.basename(path)), 'wb') as f:
            f.write(seed(path))


if __name__ == '__main__':
    main()
