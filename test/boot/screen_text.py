#!/usr/bin/env python3
"""screen_text.py FONT.psf SCREEN.png: the text on a framebuffer-console
screenshot, read back cell by cell with the console's own PSF1 font (the
cells are exact: the console draws glyphs on a fixed grid from the top left
corner). A cell that matches no printable ASCII glyph comes out as '?'.
Pure Python (zlib only): PNG 8-bit RGB/RGBA, no interlace."""
import struct
import sys
import zlib


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"{path}: not a PNG file")
    pos, idat, ihdr = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    w, h, depth, ctype, _, _, interlace = ihdr
    if depth != 8 or ctype not in (2, 6) or interlace:
        sys.exit(f"{path}: only 8-bit RGB/RGBA non-interlaced PNGs (got depth {depth} type {ctype})")
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 0xff
            elif f == 2:
                line[i] = (line[i] + b) & 0xff
            elif f == 3:
                line[i] = (line[i] + ((a + b) >> 1)) & 0xff
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pred) & 0xff
        rows.append(bytes(line))
        prev = line
    # One bit per pixel: lit when brighter than a quarter.
    bits = [[1 if max(r[x * bpp:x * bpp + 3]) > 0x40 else 0 for x in range(w)] for r in rows]
    return w, h, bits


def read_psf1(path):
    d = open(path, "rb").read()
    if d[0:2] != b"\x36\x04":
        sys.exit(f"{path}: not a PSF1 font")
    mode, height = d[2], d[3]
    count = 512 if mode & 1 else 256
    glyphs = [d[4 + i * height:4 + (i + 1) * height] for i in range(count)]
    first = {}
    if mode & 2:
        p = 4 + count * height
        for g in range(count):
            seq = False
            while p + 2 <= len(d):
                v = d[p] | d[p + 1] << 8
                p += 2
                if v == 0xffff:
                    break
                if v == 0xfffe:
                    seq = True
                elif not seq and v < 256:
                    first.setdefault(v, g)
    else:
        first = {c: c for c in range(256)}
    table = {}
    for cp in range(32, 127):
        if cp in first:
            table.setdefault(glyphs[first[cp]], chr(cp))
    return 8, height, table


def main():
    fw, fh, table = read_psf1(sys.argv[1])
    w, h, bits = read_png(sys.argv[2])
    for row in range(h // fh):
        text = []
        for col in range(w // fw):
            cell = bytes(
                sum(bits[row * fh + y][col * fw + x] << (7 - x) for x in range(fw))
                for y in range(fh))
            text.append(table.get(cell, "?"))
        print("".join(text).rstrip())


main()
