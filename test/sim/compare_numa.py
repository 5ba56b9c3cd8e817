#!/usr/bin/env python3
"""Compare mmsim's NUMA bring-up with the one Linux printed in a log.

    compare_numa.py MMSIM LOGFILE [mmsim options...]
    compare_numa.py --logs KERNEL_LOG LINUX_LOG

The second form compares our kernel's boot on the same QEMU machine with
Linux's, leaving out the zone, node and Initmem lines: our loader takes
other memory than Linux's EFI stub, so the firmware maps differ in a few
pages (the kernel-vs-mmsim boot test checks those lines for the kernel's
own map).

For Linux's own boots on QEMU NUMA machines (test/data/linux-6.1-numa*.log).
Compared, in order: the SRAT lines ("SRAT: PXM p -> APIC a -> Node n" and
"ACPI: SRAT: Node n PXM p [mem ...]"), Linux's "NUMA: Node n [mem] + [mem]
-> [mem]" merges, "Initializing node n as memoryless", the zone and node
ranges, every "Initmem setup node" line, the "Fallback order for Node n"
lines and the number of zonelists built; and as many "NODE_DATA(n)
allocated" lines for the same nodes (the addresses depend on what else the
kernel reserved). Exit 0 when equal, 1 with a diff, 2 on errors.
"""
import difflib
import re
import subprocess
import sys

PREFIX = re.compile(r'^\[\s*\d+\.\d+\] ')
WANTED = [
    r'^SRAT: PXM \d+ -> (X2)?APIC 0x[0-9a-f]+ -> Node \d+.*$',
    r'^ACPI: SRAT: Node \d+ PXM \d+ \[mem 0x[0-9a-f]+-0x[0-9a-f]+\].*$',
    r'^NUMA: Node \d+ \[mem .*$',
    r'^Initializing node \d+ as memoryless$',
    r'^Zone ranges:$',
    r'^  (DMA|DMA32|Normal|Movable) +(empty|\[mem 0x[0-9a-f]+-0x[0-9a-f]+\])$',
    r'^Early memory node ranges$',
    r'^  node +\d+: \[mem 0x[0-9a-f]+-0x[0-9a-f]+\]$',
    r'^Initmem setup node \d+ .*$',
    r'^Fallback order for Node \d+: .*$',
]
NODE_DATA = re.compile(r'^NODE_DATA\((\d+)\) allocated')
BUILT = re.compile(r'^Built (\d+) zonelists')


MAP_DEPENDENT = WANTED[4:9]


def lines(text, skip=()):
    out, node_data = [], []
    for raw in text.splitlines():
        line = PREFIX.sub('', raw.rstrip('\r'), count=1).rstrip()
        if any(re.match(w, line) for w in WANTED) and not any(re.match(s, line) for s in skip):
            out.append(line)
        m = NODE_DATA.match(line)
        if m:
            node_data.append(m.group(1))
        m = BUILT.match(line)
        if m:
            out.append(f'Built {m.group(1)} zonelists')
    out.append('NODE_DATA for nodes ' + ' '.join(node_data))
    return out


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    if sys.argv[1] == '--logs':
        got = lines(open(sys.argv[2], errors='replace').read(), MAP_DEPENDENT)
        logfile, name = sys.argv[3], 'kernel'
        want = lines(open(logfile, errors='replace').read(), MAP_DEPENDENT)
    else:
        mmsim, logfile, opts = sys.argv[1], sys.argv[2], sys.argv[3:]
        want = lines(open(logfile, errors='replace').read())
        run = subprocess.run([mmsim, *opts, logfile], capture_output=True, text=True,
                             env={'ASAN_OPTIONS': 'detect_leaks=0'})
        if run.returncode != 0:
            print(f'compare: mmsim exited {run.returncode}\n{run.stderr}')
            return 2
        got, name = lines(run.stdout), 'mmsim'
    if not any(l.startswith('ACPI: SRAT') for l in got):
        print(f'compare: no SRAT lines from {name}')
        return 1
    if not any(l.startswith('Fallback order') for l in want):
        print(f'compare: {logfile} has no "Fallback order" lines')
        return 2
    if got != want:
        sys.stdout.writelines(difflib.unified_diff(
            [l + '\n' for l in want], [l + '\n' for l in got], 'linux', name))
        return 1
    print(f'compare: {len(want)} NUMA and memory-init lines identical in Linux and {name}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
