#!/usr/bin/env python3
"""Print /sys/firmware/memmap (a copy: a directory, or a tar of one) as e820 lines.

    sysfs_memmap.py DIR|TARFILE

/sys/firmware/memmap/N/{start,end,type} is the firmware's own table (the
kernel's e820_table_firmware), ends inclusive, type names from the kernel's
e820_type_to_string(). Out comes one "BIOS-e820: [mem a-b] type" line per
entry, in N's order, as Linux prints the table, for mmsim to read. An entry
with an unknown type name or unreadable numbers is named on stderr and left
out; exit 2 when nothing usable is found.
"""
import os
import re
import sys
import tarfile

TYPES = {
    'System RAM': 'usable',
    'Reserved': 'reserved',
    'reserved': 'reserved',
    'ACPI Tables': 'ACPI data',
    'ACPI Non-volatile Storage': 'ACPI NVS',
    'Unusable memory': 'unusable',
    'Persistent Memory (legacy)': 'persistent (type 12)',
    'Persistent Memory': 'type 7',
    'Soft Reserved': 'soft reserved',
}


def entries_from_dir(top):
    out = {}
    for root, _dirs, files in os.walk(top):
        if {'start', 'end', 'type'} <= set(files) and re.fullmatch(r'\d+', os.path.basename(root)):
            out[int(os.path.basename(root))] = tuple(
                open(os.path.join(root, f), encoding='ascii', errors='replace').read().strip()
                for f in ('start', 'end', 'type'))
    return out


def entries_from_tar(path):
    out, parts = {}, {}
    with tarfile.open(path) as tar:
        for m in tar.getmembers():
            d, f = os.path.split(m.name.rstrip('/'))
            n = os.path.basename(d)
            if m.isfile() and f in ('start', 'end', 'type') and re.fullmatch(r'\d+', n):
                parts.setdefault((d, int(n)), {})[f] = tar.extractfile(m).read().decode(
                    'ascii', 'replace').strip()
    for (_d, n), p in parts.items():
        if len(p) == 3:
            out[n] = (p['start'], p['end'], p['type'])
    return out


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 64
    src = sys.argv[1]
    try:
        ents = entries_from_dir(src) if os.path.isdir(src) else entries_from_tar(src)
    except (OSError, tarfile.TarError) as e:
        print(f'mmsim: {src}: {e}', file=sys.stderr)
        return 2
    printed = 0
    for n in sorted(ents):
        start, end, typ = ents[n]
        try:
            a, b = int(start, 16), int(end, 16)
        except ValueError:
            print(f'mmsim: {src}: entry {n}: unreadable start/end {start!r} {end!r}, ignored',
                  file=sys.stderr)
            continue
        if typ not in TYPES:
            print(f'mmsim: {src}: entry {n}: unknown type {typ!r}, ignored', file=sys.stderr)
            continue
        print(f'BIOS-e820: [mem {a:#018x}-{b:#018x}] {TYPES[typ]}')
        printed += 1
    if not printed:
        print(f'mmsim: {src}: no /sys/firmware/memmap entries (N/start, N/end, N/type)',
              file=sys.stderr)
        return 2
    return 0


if __name__ == '__main__':
    sys.exit(main())
