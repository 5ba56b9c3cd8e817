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

    compare_zones.py --report MMSIM LOGFILE [mmsim options...]

The user's view (scripts/mmsim --compare): every memory-init line of the
log beside mmsim's, the zone and node lines above plus "Fallback order",
"Built N zonelists", "Policy zone" and "Memory:", each marked "equal" or
"differs" (or present on one side only). Same exit statuses.
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


REPORTED = WANTED + [
    re.compile(r'^Built \d+ zonelists.*$'),
    re.compile(r'^Policy zone: .*$'),
    re.compile(r'^Memory: .*$'),
    re.compile(r'^mmsim: fallback order unknown.*$'),
]


def wanted_lines(text, total=True, wanted=WANTED):
    out = []
    for raw in text.splitlines():
        line = PREFIX.sub('', raw.rstrip('\r'), count=1).rstrip()
        if any(w.match(line) for w in wanted) or (total and BUILT.match(line)):
            out.append(line)
        m = MEMORY.match(line)
        if m:
            out.append(f'Memory: present {m.group(1)}K')
    return out


def report(mmsim, log, opts):
    """Side by side, line by line, for a person to read."""
    with open(log, encoding='utf-8', errors='replace') as f:
        linux = first_boot(wanted_lines(f.read(), False, REPORTED))
    run = subprocess.run([mmsim, *opts, log], capture_output=True, text=True,
                         env={'ASAN_OPTIONS': 'detect_leaks=0'})
    sys.stderr.write(run.stderr)
    if run.returncode != 0:
        print(f'mmsim exited {run.returncode}', file=sys.stderr)
        return 2
    ours = wanted_lines(run.stdout, False, REPORTED)
    if not linux:
        print(f'{log}: the log has no memory-init lines to compare with; mmsim printed:')
        for l in ours:
            print(f'  mmsim    {l}')
        return 2
    if not any(l.startswith('  Device ') for l in linux):
        ours = [l for l in ours if not l.startswith('  Device ')]
    same = 0
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, linux, ours, autojunk=False).get_opcodes():
        if op == 'equal':
            for l in linux[i1:i2]:
                print(f'equal    {l}')
            same += i2 - i1
            continue
        # Pair only lines of one kind (the same zone, node, "Built",
        # "Memory:"...): a line one side lacks is "only", not "differs".
        rest = list(ours[j1:j2])
        for a in linux[i1:i2]:
            b = next((x for x in rest if line_kind(x) == line_kind(a)), None)
            if b is None:
                print(f'linux only  {a}')
                continue
            rest.remove(b)
            print(f'differs  linux: {a}\n         mmsim: {b}')
            if a.startswith('Built ') and old_low_reserve(log):
                print('         (Linux before 5.13 reserved only 64K below 1 MiB, not all of it: '
                      'its Total pages is higher by about those pages)')
        for b in rest:
            print(f'mmsim only  {b}')
    total = max(len(linux), len(ours))
    print(f'{same} of {total} lines equal ("linux"/"mmsim": only in that one; '
          '"Memory:" differs by the kernel image\'s size and reservations)')
    return 0 if same == len(linux) == len(ours) else 1


def line_kind(line):
    """What a line is about, without its figures: "Built", "Memory:", "Zone DMA32"..."""
    m = re.match(r'^(Fallback order for Node \d+|Initmem setup node \d+|  node +\d+:|'
                 r'  Node \d+:|  \w+ +(?=\[mem|empty)|[A-Z][A-Za-z ]*?)(?=[ :]|$)', line)
    return m.group(1).strip() if m else line


def old_low_reserve(log):
    """Is the log's kernel older than 5.13 (x86: first 1 MiB always reserved)?"""
    with open(log, encoding='utf-8', errors='replace') as f:
        m = re.search(r'Linux version (\d+)\.(\d+)', f.read())
    return bool(m) and (int(m.group(1)), int(m.group(2))) < (5, 13)


def first_boot(lines):
    """Stop at a second "Zone ranges:" (a second boot in one log)."""
    if lines.count('Zone ranges:') > 1:
        second = lines.index('Zone ranges:', lines.index('Zone ranges:') + 1)
        return lines[:second]
    return lines


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == '--report':
        return report(sys.argv[2], sys.argv[3], sys.argv[4:])
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
