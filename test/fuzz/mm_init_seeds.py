#!/usr/bin/env python3
"""Write fuzz_mm_init seeds (test/fuzz/corpus/mm_init/) from real e820 tables.

    mm_init_seeds.py OUTDIR LOG...

Each log's first e820 table in fuzz_mm_init's input format (see its header):
byte 0 picks the command line (0: none), then 7 bytes per entry. Entries
longer than the format's 8191 pages are cut into 16 MiB pieces, which the
sanitiser merges back; a table needing more than 64 entries is cut short,
parts past the format's 64 GiB are dropped and lines over 4 KiB skipped,
each said on stderr. Work is bounded by the output, never by the sizes in
the log: a hostile entry of 2^64 bytes costs no more than a small one.
Plus hand-made hostile seeds: size-0 entries, an entry ending at 2^64,
one wrapping past it, reserved inside usable.
"""
import os
import re
import sys

TYPES = {'usable': 0, 'reserved': 3, 'ACPI data': 4, 'ACPI NVS': 5, 'unusable': 6}
NEW = re.compile(r'BIOS-e820: \[mem (0x[0-9a-f]+)-(0x[0-9a-f]+)\] (.*)$')
CHUNK = 4096  # pages per piece: 16 MiB
MAX_IN = 64
LIMIT = 1 << 24  # pages the format's 24-bit start can reach: 64 GiB
MAX_LINE = 4096


def warn(msg):
    print(msg, file=sys.stderr)


def entry(page, pages, sel, hostile=0):
    return bytes([page & 0xff, (page >> 8) & 0xff, (page >> 16) & 0xff,
                  pages & 0xff, ((pages >> 8) & 0x1f) | hostile, 0, sel])


def lines(log):
    """The log's lines, each read with a bounded buffer; longer ones skipped."""
    with open(log, encoding='utf-8', errors='replace') as f:
        while True:
            line = f.readline(MAX_LINE + 1)
            if not line:
                return
            if len(line) > MAX_LINE and not line.endswith('\n'):
                warn(f'{log}: a line over {MAX_LINE} bytes skipped')
                while line and not line.endswith('\n'):
                    line = f.readline(1 << 16)
                continue
            yield line


def table(log):
    """Up to MAX_IN pieces of the log's first e820 table."""
    out = []
    for line in lines(log):
        m = NEW.search(line)
        if not m:
            if out:
                break
            continue
        a, b = int(m.group(1), 16), int(m.group(2), 16) + 1
        sel = TYPES.get(m.group(3).strip(), 3)
        page, end = a >> 12, (b + 4095) >> 12
        if end > LIMIT:
            warn(f'{log}: {line.strip()}: the part above 64 GiB dropped')
            end = LIMIT
        want = -(-(end - page) // CHUNK) if end > page else 0
        if len(out) + want > MAX_IN:
            warn(f'{log}: {len(out) + want} pieces or more, first {MAX_IN} kept')
            want = MAX_IN - len(out)
        for _ in range(want):
            n = min(CHUNK, end - page)
            out.append(entry(page, n, sel))
            page += n
        if len(out) == MAX_IN:
            break
    return out


def main():
    outdir = sys.argv[1]
    seeds = {}
    for log in sys.argv[2:]:
        ents = table(log)
        seeds['real-' + os.path.basename(log).removesuffix('.log')] = b'\0' + b''.join(ents)
    ram = [entry(0, 0x9f, 0), entry(0x100, CHUNK, 0), entry(0x100 + CHUNK, CHUNK, 0)]
    seeds['hostile-size0'] = b'\0' + b''.join(ram + [entry(0, 0, 0), entry(0x2000, 0, 3)])
    seeds['hostile-end-2-64'] = b'\0' + b''.join(ram + [entry(0, 15, 3, 0x80)])
    seeds['hostile-wrap'] = b'\0' + b''.join(ram + [entry(0, 15, 0, 0xc0)])
    seeds['hostile-reserved-in-usable'] = b'\5' + b''.join(ram + [entry(0x900, 16, 3),
                                                                   entry(0x910, 8, 4), entry(0x914, 8, 5)])
    # RAM in clusters far apart (bootmem cuts its bitmap at holes over 64
    # times the RAM): 32 MiB low and 16 MiB at 60 GiB; 16 MiB low and 1 MiB
    # every 3.5 GiB, 17 cuts, past the 16 entries of bootmem_cluster_data.
    seeds['clusters-2'] = b'\0' + b''.join([entry(0, CHUNK, 0), entry(CHUNK, CHUNK, 0),
                                             entry(0xf00000, CHUNK, 0)])
    seeds['clusters-18'] = b'\0' + b''.join([entry(0, CHUNK, 0)] +
                                              [entry(k * 0xe0000, 0x100, 0) for k in range(1, 18)])
    for name, data in seeds.items():
        with open(os.path.join(outdir, name), 'wb') as f:
            f.write(data)


if __name__ == '__main__':
    main()
