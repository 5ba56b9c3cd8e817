#!/usr/bin/env python3
"""Compare mmsim's zone and node lines with the ones Linux printed in a log.

    compare_zones.py MMSIM LOGFILE [mmsim options...]

Compared: "Zone ranges:" and its zone lines, "Movable zone start for each
node" and its "  Node N:" lines, "Early memory node ranges" and its
"  node N:" lines, "Initmem setup node" lines -- the lines Linux 6.1 prints
with the same arithmetic since 5.x. Version differences handled:
  - "  Device   empty" exists only with CONFIG_ZONE_DEVICE; Linux 6.1 (Debian)
    prints it, the 5.3 Gentoo kernel in the ASUS log did not. Ours always
    prints it, so it is compared only where Linux printed it.
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
]


def wanted_lines(text):
    out = []
    for raw in text.splitlines():
        line = PREFIX.sub('', raw.rstrip('\r'), count=1).rstrip()
        if any(w.match(line) for w in WANTED):
            out.append(line)
    return out


def first_boot(lines):
    """Stop at a second "Zone ranges:" (a second boot in one log)."""
    if lines.count('Zone ranges:') > 1:
        second = lines.index('Zone ranges:', lines.index('Zone ranges:') + 1)
        return lines[:second]
    return lines


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    mmsim, log = sys.argv[1], sys.argv[2]
    with open(log, encoding='utf-8', errors='replace') as f:
        linux = first_boot(wanted_lines(f.read()))
    if not linux:
        print(f'{log}: no zone lines from Linux to compare with', file=sys.stderr)
        return 2
    run = subprocess.run([mmsim, *sys.argv[3:], log], capture_output=True, text=True,
                         env={'ASAN_OPTIONS': 'detect_leaks=0'})
    if run.returncode != 0:
        print(f'mmsim exited {run.returncode}\n{run.stdout}{run.stderr}', file=sys.stderr)
        return 1
    ours = wanted_lines(run.stdout)
    if not any(l.startswith('  Device ') for l in linux):
        ours = [l for l in ours if not l.startswith('  Device ')]
    if ours == linux:
        print(f'{log}: {len(linux)} lines equal')
        return 0
    sys.stdout.writelines(difflib.unified_diff(
        [l + '\n' for l in linux], [l + '\n' for l in ours], 'linux', 'mmsim'))
    return 1


if __name__ == '__main__':
    sys.exit(main())
