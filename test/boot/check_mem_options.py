#!/usr/bin/env python3
"""Check a boot log's user-defined e820 table and node ranges against Linux 6.1's rules.

    check_mem_options.py LOG.txt CMDLINE

Written from Linux's rules, not from our code: starting from the log's own
"BIOS-e820:" table, mem=N removes usable RAM from N up (e820__range_remove of
type RAM); memmap=S$A adds a reserved range, memmap=S@A a usable one and
memmap=exactmap drops the firmware's table first (parse_memmap_one), then the
table is sanitised (the higher type wins where entries overlap; touching
entries of one type merge). Expected "user:" lines follow; the "node   0:"
lines are the usable entries rounded inwards to pages, without page 0.
Exit 0 when both agree, 1 with the differences.
"""
import re
import sys

TYPES = {'usable': 1, 'reserved': 2, 'ACPI data': 3, 'ACPI NVS': 4, 'unusable': 5}
NAMES = {v: k for k, v in TYPES.items()}
E820 = re.compile(r'^(BIOS-e820|user): \[mem (0x[0-9a-f]+)-(0x[0-9a-f]+)\] (.+)$')
SUFFIX = {'K': 1 << 10, 'M': 1 << 20, 'G': 1 << 30}


def size(s):
    return int(s[:-1], 0) * SUFFIX[s[-1]] if s[-1] in SUFFIX else int(s, 0)


def sanitise(entries):
    """Type per byte range: the highest type of the entries covering it."""
    points = sorted({p for a, b, _ in entries for p in (a, b)})
    out = []
    for lo, hi in zip(points, points[1:]):
        t = max((t for a, b, t in entries if a <= lo and hi <= b), default=0)
        if not t:
            continue
        if out and out[-1][2] == t and out[-1][1] == lo:
            out[-1] = (out[-1][0], hi, t)
        else:
            out.append((lo, hi, t))
    return out


def main():
    log, cmdline = sys.argv[1], sys.argv[2]
    bios, user, nodes = [], [], []
    for line in open(log, encoding='utf-8', errors='replace'):
        line = line.rstrip()
        m = E820.match(line)
        if m:
            ent = (int(m.group(2), 16), int(m.group(3), 16) + 1, TYPES[m.group(4)])
            (bios if m.group(1) == 'BIOS-e820' else user).append(ent)
        elif line.startswith('  node   0: [mem '):
            nodes.append(line)
    table = list(bios)
    for opt in cmdline.split():
        key, _, val = opt.partition('=')
        if key == 'mem':
            limit = size(val)
            table = [(a, min(b, limit), t) if t == 1 else (a, b, t)
                     for a, b, t in table if t != 1 or a < limit]
        elif key == 'memmap' and val == 'exactmap':
            table = []
        elif key == 'memmap':
            m = re.fullmatch(r'(\w+)([$@])(\w+)', val)
            s, a = size(m.group(1)), size(m.group(3))
            table.append((a, a + s, 2 if m.group(2) == '$' else 1))
    want = sanitise(table)
    want_user = [f'user: [mem {a:#018x}-{b - 1:#018x}] {NAMES[t]}' for a, b, t in want]
    got_user = [f'user: [mem {a:#018x}-{b - 1:#018x}] {NAMES[t]}' for a, b, t in user]
    want_nodes = []
    for a, b, t in want:
        lo, hi = max((a + 4095) >> 12, 1), b >> 12
        if t == 1 and lo < hi:
            want_nodes.append(f'  node   0: [mem {lo << 12:#018x}-{(hi << 12) - 1:#018x}]')
    ok = True
    for what, w, g in (('user-defined table', want_user, got_user), ('node ranges', want_nodes, nodes)):
        if w != g:
            ok = False
            print(f'{what}: want')
            print('\n'.join(w))
            print('got')
            print('\n'.join(g))
    if ok:
        print(f'{len(want_user)} user lines and {len(want_nodes)} node ranges as Linux 6.1 gives them')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
