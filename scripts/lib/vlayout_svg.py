#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""vlayout_svg: draw the 48-bit virtual layout printed by test/tools/vlayout.

Input: lines "START END NAME" (hex, END exclusive) from the kernel's own
constants. Areas are stacked top (highest address) to bottom, gaps between
them drawn as unused; a box's height grows with log2 of its size so a
66-page fixmap and 64 TiB of direct map are both readable.

    vlayout_svg.py INPUT|- OUT.svg|-
"""
import math
import sys
from xml.sax.saxutils import escape

TOP_OF_SPACE = 1 << 64


def human(n):
    for unit, shift in (("EiB", 60), ("PiB", 50), ("TiB", 40), ("GiB", 30), ("MiB", 20), ("KiB", 10)):
        if n >= 1 << shift:
            v = n / (1 << shift)
            return f"{v:.0f} {unit}" if v == int(v) else f"{v:.1f} {unit}"
    return f"{n} B"


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    text = sys.stdin.read() if argv[1] == "-" else open(argv[1]).read()
    areas = []
    for line in text.splitlines():
        s, e, name = line.split(None, 2)
        areas.append((int(s, 16), int(e, 16), name))
    if not areas:
        sys.stderr.write("vlayout_svg: no areas\n")
        return 2
    # Nested areas (_text inside the text mapping) become markers.
    top_level = [a for a in areas if not any(b != a and b[0] <= a[0] and a[1] <= b[1] for b in areas)]
    marks = [a for a in areas if a not in top_level]
    top_level.sort()
    boxes, pos = [], 0
    for s, e, name in top_level:
        if s > pos:
            boxes.append((pos, s, "unused", False))
        boxes.append((s, e, name, True))
        pos = max(pos, e)
    if pos < TOP_OF_SPACE:
        boxes.append((pos, TOP_OF_SPACE, "unused", False))
    out, y = [], 40
    for s, e, name, used in reversed(boxes):
        h = 18 + 2.2 * math.log2(max(e - s, 4096) / 4096)
        fill = "#cfe2f3" if used else "#f3f3f3"
        if "hole" in name:
            fill = "#e0e0e0"
        out.append(f'<g><title>{escape(name)}: {s:#018x}-{e - 1:#018x} ({human(e - s)})</title>'
                   f'<rect x="190" y="{y:.1f}" width="260" height="{h:.1f}" fill="{fill}" stroke="#333"/>'
                   f'<text x="320" y="{y + h / 2 + 4:.1f}" text-anchor="middle">{escape(name)}</text>'
                   f'<text x="470" y="{y + h / 2 + 4:.1f}">{escape(human(e - s))}</text>'
                   f'<text x="182" y="{y + 10:.1f}" text-anchor="end" font-family="monospace">{e - 1:#018x}</text>')
        for ms, me, mname in marks:
            if s <= ms < e:
                out.append(f'<text x="560" y="{y + h / 2 + 4:.1f}">{escape(mname)} at {ms:#018x}</text>')
        out.append('</g>')
        y += h
    out.append(f'<text x="182" y="{y + 12:.1f}" text-anchor="end" font-family="monospace">0x0000000000000000</text>')
    height = y + 30
    svg = (f'<?xml version="1.0" encoding="UTF-8"?>\n'
           f'<svg xmlns="http://www.w3.org/2000/svg" width="820" height="{height:.0f}" '
           f'viewBox="0 0 820 {height:.0f}" font-family="sans-serif" font-size="12">\n'
           f'<title>mmk x86-64 virtual memory layout (48-bit, 4-level)</title>\n'
           f'<rect width="100%" height="100%" fill="white"/>\n'
           f'<text x="10" y="22" font-size="15" font-weight="bold">mmk x86-64 virtual layout '
           f'(generated from the kernel headers by test/tools/vlayout)</text>\n'
           + "\n".join(out) + "\n</svg>\n")
    if argv[2] == "-":
        sys.stdout.write(svg)
    else:
        with open(argv[2], "w") as f:
            f.write(svg)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
