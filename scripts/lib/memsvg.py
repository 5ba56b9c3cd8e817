#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""memsvg: draw a physical memory map as SVG from boot-log lines.

Reads the lines mmsim -v prints (or a Linux or mmk serial log: the same
formats) and draws one row each for the e820 table, the zones, the nodes'
memory ranges and the early reservations. The axis is piecewise: every
boundary address found in the log is a tick, and the gap between two ticks
is drawn with a width that grows with log2 of its size, so a 4 KiB hole
and 60 GiB of RAM are both visible and the order is always right.

    memsvg.py [--title T] LOGFILE|- OUT.svg

Exit status: 0 written; 2 no e820 table in the input.
"""
import math
import re
import sys
from xml.sax.saxutils import escape

MEM = r"\[mem (0x[0-9a-fA-F]+)-(0x[0-9a-fA-F]+)\]"
TS = r"^(?:\[[ 0-9.]+\] )?"
E820_RE = re.compile(TS + r"(?:BIOS-e820|e820): " + MEM + r" (.+?)\s*$")
ZONE_RE = re.compile(TS + r"\s+(DMA32|DMA|Normal|Movable|Device)\s+(?:" + MEM + r"|empty)")
NODE_RE = re.compile(TS + r"\s+node\s+(\d+): " + MEM)
MOVABLE_RE = re.compile(TS + r"\s+Node (\d+): (0x[0-9a-fA-F]+)\s*$")
RES_RE = re.compile(TS + r"\s+early res \d+: " + MEM + r" (.+?)\s*$")
BOOTMAP_RE = re.compile(TS + r"bootmem: bitmap of \d+ bytes at \[mem (0x[0-9a-f]+)-(0x[0-9a-f]+)\]")

E820_COLOURS = {
    "usable": "#8fd18f", "reserved": "#b0b0b0", "ACPI data": "#f2c46d",
    "ACPI NVS": "#e89b5a", "unusable": "#e06666", "persistent (type 7)": "#9fc5e8",
    "soft reserved": "#c9b3e6",
}
ZONE_COLOURS = {"DMA": "#f4cccc", "DMA32": "#fce5cd", "Normal": "#d9ead3",
                "Movable": "#cfe2f3", "Device": "#d9d2e9"}
NODE_COLOURS = ["#a4c2f4", "#b6d7a8", "#ffe599", "#ea9999", "#b4a7d6", "#a2c4c9"]

WIDTH, LEFT, ROW_H, ROW_GAP, TOP = 1400, 150, 46, 14, 50


def parse(lines):
    """Collect the first e820 table, zones, node ranges, reservations."""
    m = {"e820": [], "zones": [], "nodes": [], "res": [], "movable": []}
    in_first_table = None
    for line in lines:
        line = line.rstrip("\r\n")
        r = E820_RE.search(line)
        if r and "==>" not in line and "remove" not in line and "update" not in line:
            # Only the first table ("BIOS-provided"); later "e820:" tables
            # repeat it after sanitising.
            if in_first_table is None or in_first_table:
                in_first_table = True
                m["e820"].append((int(r[1], 16), int(r[2], 16) + 1, r[3]))
            continue
        if in_first_table and m["e820"]:
            in_first_table = False
        r = ZONE_RE.search(line)
        if r and r[2]:
            m["zones"].append((int(r[2], 16), int(r[3], 16) + 1, r[1]))
            continue
        r = NODE_RE.search(line)
        if r:
            m["nodes"].append((int(r[2], 16), int(r[3], 16) + 1, "node " + r[1]))
            continue
        r = MOVABLE_RE.search(line)
        if r:
            m["movable"].append((int(r[1]), int(r[2], 16)))
            continue
        r = RES_RE.search(line)
        if r:
            m["res"].append((int(r[1], 16), int(r[2], 16) + 1, r[3]))
            continue
        r = BOOTMAP_RE.search(line)
        if r:
            m["res"].append((int(r[1], 16), int(r[2], 16) + 1, "bootmem bitmap"))
    # The bitmap's own line and its early reservation name the same range.
    m["res"] = list(dict.fromkeys(m["res"]))
    return m


def human(n):
    for unit, shift in (("T", 40), ("G", 30), ("M", 20), ("K", 10)):
        if n >= 1 << shift and n % (1 << shift) == 0:
            return f"{n >> shift}{unit}"
    for unit, shift in (("T", 40), ("G", 30), ("M", 20), ("K", 10)):
        if n >= 1 << shift:
            return f"{n / (1 << shift):.1f}{unit}"
    return f"{n}B"


class Axis:
    """Piecewise log scale through every boundary address."""

    def __init__(self, points):
        self.pts = sorted(set(points))
        weights = [1 + math.log2(max(b - a, 4096) / 4096)
                   for a, b in zip(self.pts, self.pts[1:])]
        total = sum(weights) or 1
        self.xs = [LEFT]
        for w in weights:
            self.xs.append(self.xs[-1] + w * (WIDTH - LEFT - 20) / total)

    def x(self, addr):
        import bisect
        i = bisect.bisect_right(self.pts, addr) - 1
        i = max(0, min(i, len(self.pts) - 2))
        a, b = self.pts[i], self.pts[i + 1]
        frac = 0 if b == a else (addr - a) / (b - a)
        return self.xs[i] + frac * (self.xs[i + 1] - self.xs[i])


def rect(out, axis, y, h, start, end, fill, label, tip):
    x0, x1 = axis.x(start), axis.x(end)
    w = max(x1 - x0, 1.0)
    out.append(f'<g><title>{escape(tip)}</title>'
               f'<rect x="{x0:.1f}" y="{y}" width="{w:.1f}" height="{h}" '
               f'fill="{fill}" stroke="#333" stroke-width="0.5"/>')
    # Label inside when it fits (about 6.5 px per character at 11 px).
    if label and w > 6.5 * len(label) + 4:
        out.append(f'<text x="{x0 + w / 2:.1f}" y="{y + h / 2 + 4}" '
                   f'text-anchor="middle">{escape(label)}</text>')
    out.append('</g>')


def draw(m, title):
    pts = set()
    for key in ("e820", "zones", "nodes", "res"):
        for s, e, _ in m[key]:
            pts.update((s, e))
    axis = Axis(pts)
    rows = [("e820", m["e820"], lambda n: E820_COLOURS.get(n, "#ddd")),
            ("zones", m["zones"], lambda n: ZONE_COLOURS.get(n, "#ddd")),
            ("nodes", m["nodes"], lambda n: NODE_COLOURS[int(n.split()[1]) % len(NODE_COLOURS)]),
            ("early reservations", m["res"], lambda n: "#e6b8af" if "kernel" in n else "#d5a6bd")]
    out = []
    y = TOP
    for name, items, colour in rows:
        out.append(f'<text x="8" y="{y + ROW_H / 2 + 4}" font-weight="bold">{escape(name)}</text>')
        out.append(f'<line x1="{LEFT}" y1="{y + ROW_H}" x2="{WIDTH - 20}" y2="{y + ROW_H}" stroke="#ccc"/>')
        # Overlapping reservations are stacked in two lanes.
        lanes = [[], []]
        for s, e, n in items:
            lane = 0 if not any(s < e2 and s2 < e for s2, e2 in lanes[0]) else 1
            lanes[lane].append((s, e))
            h = ROW_H if name != "early reservations" else ROW_H // 2 - 1
            yy = y if name != "early reservations" else y + lane * (ROW_H // 2 + 1)
            rect(out, axis, yy, h, s, e, colour(n), n,
                 f"{n}: [mem {s:#018x}-{e - 1:#018x}] {human(e - s)}")
        y += ROW_H + ROW_GAP
    for nid, start in m["movable"]:
        x = axis.x(start)
        out.append(f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{y}" stroke="#06c" '
                   f'stroke-dasharray="4 3"><title>ZONE_MOVABLE start, node {nid}</title></line>')
    # Ticks: every boundary, labelled where there is room.
    last = -1e9
    for p, x in zip(axis.pts, axis.xs):
        out.append(f'<line x1="{x:.1f}" y1="{y - 6}" x2="{x:.1f}" y2="{y}" stroke="#333"/>')
        if x - last > 14:
            out.append(f'<text x="{x:.1f}" y="{y + 6}" transform="rotate(60 {x:.1f} {y + 6})" '
                       f'font-size="9">{p:#x} ({escape(human(p))})</text>')
            last = x
    height = y + 140
    # Legend of e820 types and zones.
    lx, ly = LEFT, height - 22
    for label, fill in list(E820_COLOURS.items())[:5] + list(ZONE_COLOURS.items())[:4]:
        out.append(f'<rect x="{lx}" y="{ly - 10}" width="12" height="12" fill="{fill}" stroke="#333"/>'
                   f'<text class="legend" x="{lx + 16}" y="{ly}">{escape(label)}</text>')
        lx += 30 + 7 * len(label)
    head = (f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
            f'viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" font-size="11">\n'
            f'<title>{escape(title)}</title>\n'
            f'<rect width="100%" height="100%" fill="white"/>\n'
            f'<text x="8" y="22" font-size="15" font-weight="bold">{escape(title)}</text>\n'
            f'<text x="8" y="38" font-size="10">physical addresses; widths grow with log2(size) '
            f'between boundaries (hover for exact ranges)</text>\n')
    return head + "\n".join(out) + "\n</svg>\n"


def main(argv):
    title = None
    args = argv[1:]
    if len(args) >= 2 and args[0] == "--title":
        title, args = args[1], args[2:]
    if len(args) != 2:
        sys.stderr.write(__doc__)
        return 2
    src, dst = args
    text = sys.stdin.read() if src == "-" else open(src, errors="replace").read()
    m = parse(text.splitlines())
    if not m["e820"]:
        sys.stderr.write(f"memsvg: no e820 table in {src}\n")
        return 2
    svg = draw(m, title or "physical memory map")
    if dst == "-":
        sys.stdout.write(svg)
    else:
        with open(dst, "w") as f:
            f.write(svg)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
