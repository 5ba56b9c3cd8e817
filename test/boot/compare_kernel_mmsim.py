#!/usr/bin/env python3
"""The kernel and mmsim must agree on a machine's memory init.

    compare_kernel_mmsim.py KERNEL_LOG MMSIM_OUTPUT

mmsim runs the same memory-init code on the host and is checked against
Linux's own logs (test/sim); this checks that the kernel, booted under
QEMU, prints the same layout mmsim derives from the e820 table (and EFI
boot-services ranges) that the kernel printed. Compared: the zone, node,
Initmem and unavailable-range lines, the fallback order, "Built N
zonelists ... Total pages: N" and the present-RAM figure of "Memory:".
"""
import difflib
import re
import sys

PREFIX = re.compile(r'^\[\s*\d+\.\d+\] ')
WANTED = [
    r'^SRAT: PXM \d+ -> (X2)?APIC 0x[0-9a-f]+ -> Node \d+.*$',
    r'^ACPI: SRAT: Node \d+ PXM \d+ \[mem 0x[0-9a-f]+-0x[0-9a-f]+\].*$',
    r'^NUMA: Node \d+ \[mem .*$',
    r'^(No NUMA configuration found|NUMA turned off)$',
    r'^Faking (a )?node .*$',
    r'^Initializing node \d+ as memoryless$',
    r'^NODE_DATA\(\d+\) allocated .*$',
    r'^Zone ranges:$',
    r'^  (DMA|DMA32|Normal|Device|Movable) +(empty|\[mem 0x[0-9a-f]+-0x[0-9a-f]+\])$',
    r'^Movable zone start for each node$',
    r'^  Node \d+: 0x[0-9a-f]+$',
    r'^Early memory node ranges$',
    r'^  node +\d+: \[mem 0x[0-9a-f]+-0x[0-9a-f]+\]$',
    r'^Initmem setup node \d+ .*$',
    r'^On node \d+, zone \w+: \d+ pages in unavailable ranges$',
    r'^Fallback order for Node \d+: .*$',
    r'^Built \d+ zonelists, mobility grouping \w+\.  Total pages: \d+$',
    r'^last_pfn = 0x[0-9a-f]+ max_arch_pfn = 0x[0-9a-f]+$',
]
MEMORY = re.compile(r'^Memory: \d+K/(\d+)K available')


def lines(path):
    out = []
    for raw in open(path, errors='replace'):
        line = PREFIX.sub('', raw.rstrip('\r\n'), count=1).rstrip()
        if any(re.match(w, line) for w in WANTED):
            out.append(line)
        m = MEMORY.match(line)
        if m:
            out.append(f'Memory: present {m.group(1)}K')
    return out


def main():
    kernel, sim = lines(sys.argv[1]), lines(sys.argv[2])
    if not any(l.startswith('Built ') for l in kernel):
        print('compare: the kernel log has no "Built N zonelists" line')
        return 1
    if kernel != sim:
        sys.stdout.writelines(difflib.unified_diff(
            [l + '\n' for l in kernel], [l + '\n' for l in sim], 'kernel', 'mmsim'))
        return 1
    print(f'compare: {len(kernel)} memory-init lines identical in kernel and mmsim')
    return 0


if __name__ == '__main__':
    sys.exit(main())
