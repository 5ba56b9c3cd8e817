#!/usr/bin/env python3
"""The kernel's mminfo=/iomem= dumps checked for their numbers.

    check_dumps.py iomem LOG      iomem=dump's top-level "System RAM" ranges
                                  are the firmware's usable e820 entries
                                  (BIOS-e820 lines), cut to whole pages,
                                  without page 0 and [640K, 1M) (Linux's
                                  trims), nothing more, nothing less
    check_dumps.py zoneinfo LOG   mminfo=zoneinfo: each zone's start_pfn,
                                  spanned and present as the "Zone ranges"
                                  and "Early memory node ranges" lines say;
                                  present summed is the total of "Memory:
                                  A/BK" (B), managed summed is B minus its
                                  "RK reserved" (Linux's totalram: the
                                  deferred struct pages count from there
                                  on, not in A) plus the
                                  "efi: freed NK of boot services" and
                                  "Freeing unused kernel image (initmem)
                                  memory: NK" after it

Expected figures come from other lines of the same log (the firmware
table, the zone and node lines, which mmsim checks against Linux's), never
from the dump under test. Exit 0 when all hold, 1 with the differences.
"""
import re
import sys

PREFIX = re.compile(r'^\[\s*\d+\.\d+\] ')
PAGE = 4096


def log_lines(path):
    with open(path, errors='replace') as f:
        return [PREFIX.sub('', l.rstrip('\r\n'), count=1) for l in f]


def iomem(lines):
    want = []
    for l in lines:
        m = re.match(r'^BIOS-e820: \[mem 0x([0-9a-f]+)-0x([0-9a-f]+)\] usable$', l)
        if not m:
            continue
        start = (int(m.group(1), 16) + PAGE - 1) // PAGE * PAGE
        end = (int(m.group(2), 16) + 1) // PAGE * PAGE
        parts = [(start, end)]
        for cs, ce in ((0, PAGE), (0xa0000, 0x100000)):
            parts = [p for s, e in parts for p in ((s, min(e, cs)), (max(s, ce), e)) if p[0] < p[1]]
        want += parts
    got = []
    for l in lines:
        m = re.match(r'^([0-9a-f]{8,})-([0-9a-f]{8,}) : System RAM$', l)
        if m:
            got.append((int(m.group(1), 16), int(m.group(2), 16) + 1))
    if not want:
        print('iomem: no usable BIOS-e820 lines in the log')
        return 1
    if sorted(want) != got:
        print('iomem: System RAM ranges differ from the usable e820 entries')
        for s, e in sorted(set(want) - set(got)):
            print(f'  missing  {s:08x}-{e - 1:08x}')
        for s, e in sorted(set(got) - set(want)):
            print(f'  extra    {s:08x}-{e - 1:08x}')
        return 1
    print(f'iomem: {len(got)} System RAM ranges = the usable e820 entries')
    return 0


def zoneinfo(lines):
    zones, nodes, movable = {}, [], {}
    section = None
    for l in lines:
        if l == 'Zone ranges:':
            section = 'zones'
            continue
        if l == 'Movable zone start for each node':
            section = 'movable'
            continue
        if l == 'Early memory node ranges':
            section = 'nodes'
            continue
        m = re.match(r'^  (DMA|DMA32|Normal|Device) +\[mem 0x([0-9a-f]+)-0x([0-9a-f]+)\]$', l)
        if section == 'zones' and m:
            zones[m.group(1)] = (int(m.group(2), 16) // PAGE, (int(m.group(3), 16) + 1) // PAGE)
            continue
        m = re.match(r'^  Node (\d+): 0x([0-9a-f]+)$', l)
        if section == 'movable' and m:
            movable[int(m.group(1))] = int(m.group(2), 16) // PAGE
            continue
        m = re.match(r'^  node +(\d+): \[mem 0x([0-9a-f]+)-0x([0-9a-f]+)\]$', l)
        if section == 'nodes' and m:
            nodes.append((int(m.group(1)), int(m.group(2), 16) // PAGE,
                          (int(m.group(3), 16) + 1) // PAGE))
            continue
        if section and not l.startswith('  '):
            section = None if section == 'nodes' else section
    mem = next((re.match(r'^Memory: (\d+)K/(\d+)K available.* (\d+)K reserved', l) for l in lines
                if l.startswith('Memory: ')), None)
    given_back = re.compile(r'^(?:efi: freed (\d+)K of boot services memory|'
                            r'Freeing unused kernel image \(initmem\) memory: (\d+)K)$')
    freed = sum(int(m.group(1) or m.group(2))
                for m in (given_back.match(l) for l in lines) if m)
    if not zones or not nodes or not mem:
        print('zoneinfo: the log lacks the zone, node or Memory: lines')
        return 1

    # What each (node, zone) should be, from the zone and node lines.
    want = {}
    for nid in sorted({n for n, _, _ in nodes}):
        rs = [(s, e) for n, s, e in nodes if n == nid]
        nstart, nend = min(s for s, _ in rs), max(e for _, e in rs)
        ranges = dict(zones)
        if nid in movable:
            mv = movable[nid]
            ranges = {z: (s, min(e, mv)) for z, (s, e) in ranges.items()}
            ranges['Movable'] = (mv, nend)
        for z, (zs, ze) in ranges.items():
            s, e = max(zs, nstart), min(ze, nend)
            if s >= e:
                continue
            present = sum(max(0, min(e, re_) - max(s, rs_)) for rs_, re_ in rs)
            want[(nid, z)] = {'start_pfn': s, 'spanned': e - s, 'present': present}

    got, key = {}, None
    inside = False
    for l in lines:
        if l == 'zoneinfo:':
            inside = True
            continue
        if not inside:
            continue
        m = re.match(r'^Node (\d+), zone +(\w+)$', l)
        if m:
            key = (int(m.group(1)), m.group(2))
            got[key] = {}
            continue
        m = re.match(r'^ +(spanned|present|managed|start_pfn:) +(\d+)$', l)
        if m and key:
            got[key][m.group(1).rstrip(':')] = int(m.group(2))
            continue
        if key and not l.startswith(' '):
            break
    bad = 0
    for k in sorted(set(want) | set(got)):
        w, g = want.get(k), got.get(k)
        if g is None:
            print(f'zoneinfo: node {k[0]} zone {k[1]} missing (want {w})')
            bad = 1
            continue
        if w is None:
            if g.get('present', 0) or g.get('spanned', 0):
                print(f'zoneinfo: node {k[0]} zone {k[1]} not in the zone/node lines: {g}')
                bad = 1
            continue
        for f in ('start_pfn', 'spanned', 'present'):
            if g.get(f) != w[f]:
                print(f'zoneinfo: node {k[0]} zone {k[1]} {f} {g.get(f)}, the zone and node lines give {w[f]}')
                bad = 1
        if g.get('managed', -1) < 0 or g['managed'] > g.get('present', 0):
            print(f'zoneinfo: node {k[0]} zone {k[1]} managed {g.get("managed")} > present')
            bad = 1
    total, reserved = int(mem.group(2)), int(mem.group(3))
    avail = total - reserved
    present = sum(g.get('present', 0) for g in got.values()) * 4
    managed = sum(g.get('managed', 0) for g in got.values()) * 4
    if present != total:
        print(f'zoneinfo: present pages sum to {present}K, "Memory:" says {total}K')
        bad = 1
    if managed != avail + freed:
        print(f'zoneinfo: managed pages sum to {managed}K, "Memory:" {total}K - {reserved}K reserved + freed {freed}K')
        bad = 1
    if not bad:
        print(f'zoneinfo: {len(got)} zones agree with the zone/node lines and Memory:')
    return bad


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ('iomem', 'zoneinfo'):
        print(__doc__, file=sys.stderr)
        return 2
    lines = log_lines(sys.argv[2])
    return iomem(lines) if sys.argv[1] == 'iomem' else zoneinfo(lines)


if __name__ == '__main__':
    sys.exit(main())
