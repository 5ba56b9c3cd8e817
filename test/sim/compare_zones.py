#!/usr/bin/env python3
"""Compare mmsim's zone and node lines with the ones Linux printed in a log.

    compare_zones.py [--no-total] MMSIM LOGFILE [mmsim options...]

Compared: "Zone ranges:" and its zone lines, "Movable zone start for each
node" and its "  Node N:" lines, "Early memory node ranges" and its
"  node N:" lines, "Initmem setup node" lines -- the lines Linux 6.1 prints
with the same arithmetic since 5.x -- and, where Linux printed them, the
"Fallback order for Node N" lines, "Built N zonelists ... Total pages: N"
and the present-RAM figure of "Memory: A/BK available" (B). Version
differences handled:
  - "  Device   empty" exists only with CONFIG_ZONE_DEVICE; Linux 6.1 (Debian)
    prints it, the 5.3 Gentoo kernel in the ASUS log did not. Ours always
    prints it, so it is compared only where Linux printed it.
  - --no-total: the "Built" line is not compared. Total pages includes
    dma_reserve, the RAM below 16 MiB already reserved; Linux before 5.13
    reserved only the first 64K, not the first 1 MiB, so 5.3 and 5.4 print
    a total higher by the pages in [64K, 640K) minus what they did reserve.
Exit 0 when the lines are equal, 1 with a diff when not, 2 on errors.
"""
import difflib
import re
import subprocess
import sys

PREFIX = re.compile(r'^(\[\s*\d+\.\d+\] |\[(Mon|Tue|Wed|Thu|Fri|Sat|Sun) [^\]]*\] |<\d>)')
WANTED = [
    re.compile(r'^Zone ranges:$'),
    re.compile(r'^  (DMA|DMA32|Normal|Device|Movable) +(empty|\[mem 0x[0-9a-f]+-0x[0-9a-f]+\])$'),
    re.compile(r'^Movable zone start for each node$'),
    re.compile(r'^  Node \d+: 0x[0-9a-f]+$'),
    re.compile(r'^Early memory node ranges$'),
    re.compile(r'^  node +\d+: \[mem 0x[0-9a-f]+-0x[0-9a-f]+\]$'),
    re.compile(r'^Initmem setup node \d+ .*$'),
    re.compile(r'^Fallback order for Node \d+: .*$'),
]
BUILT = re.compile(r'^Built \d+ zonelists, mobility grouping \w+\.  Total pages: \d+$')
MEMORY = re.compile(r'^Memory: \d+K/(\d+)K available')


def wanted_lines(text, total=True):
    out = []
    for raw in text.splitlines():
        line = PREFIX.sub('', raw.rstrip('\r'), count=1).rstrip()
        if any(w.match(line) for w in WANTED) or (total and BUILT.match(line)):
            out.append(line)
        m = MEMORY.match(line)
        if m:
            out.append(f'Memory: present {m.group(1)}K')
    return out


def first_boot(lines):
    """Stop at a second "Zone ranges:" (a second boot in one log)."""
    if lines.count('Zone ranges:') > 1:
        second = lines.index('Zone ranges:', lines.index('Zone ranges:') + 1)
        return lines[:second]
    return lines


def main():
    args = sys.argv[1:]
    total = not (args and args[0] == '--no-total')
    if not total:
        args = args[1:]
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    mmsim, log = args[0], args[1]
    with open(log, encoding='utf-8', errors='replace') as f:
        linux = first_boot(wanted_lines(f.read(), total))
    if not linux:
        print(f'{log}: no zone lines from Linux to compare with', file=sys.stderr)
        return 2
    run = subprocess.run([mmsim, *args[2:], log], capture_output=True, text=True,
                         env={'ASAN_OPTIONS': 'detect_leaks=0'})
    if run.returncode != 0:
        print(f'mmsim exited {run.returncode}\n{run.stdout}{run.stderr}', file=sys.stderr)
        return 1
    ours = wanted_lines(run.stdout, total)
    if not any(l.startswith('  Device ') for l in linux):
        ours = [l for l in ours if not l.startswith('  Device ')]
    # Only the kinds of line Linux printed (a log excerpt may lack some).
    for kind in ('Fallback order', 'Built ', 'Memory: '):
        if not any(l.startswith(kind) for l in linux):
            ours = [l for l in ours if not l.startswith(kind)]
    if ours == linux:
        print(f'{log}: {len(linux)} lines equal')
        return 0
    sys.stdout.writelines(difflib.unified_diff(
        [l + '\n' for l in linux], [l + '\n' for l in ours], 'linux', 'mmsim'))
    return 1


if __name__ == '__main__':
    sys.exit(main())
