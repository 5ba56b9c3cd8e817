#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""check_svg: an SVG drawing is well-formed XML, and names what it must.

    check_svg.py FILE.svg [--name TEXT]... [--png FILE.png]

--name: a text that must be a whole <text> label or appear in a <title>
(the expected names come from the machine's QEMU command line, not from the
drawing). --png: render FILE.svg with headless Chromium to FILE.png and check
the picture is not blank (exit 77, skipped, when Chromium is not installed).
"""
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"


def fail(msg):
    print(f"check_svg: {msg}", file=sys.stderr)
    sys.exit(1)


def main(argv):
    path, names, png = argv[1], [], None
    i = 2
    while i < len(argv):
        if argv[i] == "--name":
            names.append(argv[i + 1])
        elif argv[i] == "--png":
            png = argv[i + 1]
        else:
            fail(f"unknown argument {argv[i]}")
        i += 2
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        fail(f"{path}: not well-formed XML: {e}")
    if root.tag != NS + "svg":
        fail(f"{path}: root element is {root.tag}, not svg")
    # The legend names every zone whether drawn or not: it does not count.
    texts = {(t.text or "").strip() for t in root.iter(NS + "text") if t.get("class") != "legend"}
    titles = " ".join((t.text or "") for t in root.iter(NS + "title"))
    for n in names:
        if n not in texts and n not in titles:
            fail(f"{path}: no label or title names '{n}'")
        print(f"ok: names '{n}'")
    if png:
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if not chromium:
            print("check_svg: chromium not installed, render check skipped")
            return 77
        w, h = root.get("width", "1400"), root.get("height", "800")
        r = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                            f"--screenshot={png}", f"--window-size={w},{h}",
                            "file://" + __import__("os").path.abspath(path)],
                           capture_output=True, timeout=120)
        if r.returncode != 0:
            fail(f"chromium exited {r.returncode}: {r.stderr.decode()[-500:]}")
        colours = png_colours(png)
        # White background plus the fills of several areas and the text.
        if colours < 6:
            fail(f"{png}: only {colours} colours, the drawing did not render")
        print(f"ok: rendered {png}, {colours} colours")
    return 0


def png_colours(path):
    """Distinct RGB colours in a PNG (8-bit RGB/RGBA, any filter), stdlib only."""
    import struct
    import zlib
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail(f"{path}: not a PNG")
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        ln, typ = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + ln]
        if typ == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            if depth != 8 or ctype not in (2, 6):
                fail(f"{path}: unexpected PNG type {depth}/{ctype}")
            bpp = 3 if ctype == 2 else 4
        elif typ == b"IDAT":
            idat += body
        pos += 12 + ln
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    seen = set()
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        if y % 4 == 0:
            for x in range(0, stride, bpp * 4):
                seen.add(bytes(line[x:x + 3]))
        prev = line
    return len(seen)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
