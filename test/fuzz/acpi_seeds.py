#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Seed corpus for fuzz_acpi (see fuzz_acpi.c for the input modes).

  acpi_seeds.py OUT_DIR AML_DIR DATA_DIR

From the iasl tables (AML_DIR/*.aml): mode 1 inputs, one table each. From
QEMU's captured tables (DATA_DIR/qemu-*/tables.dat): mode 0 inputs, the
tables laid out again from physical 0x1000 with every pointer and checksum
redone (the DSDT cut to its header to keep inputs small), and mode 2 inputs,
the acpidump text itself without the DSDT's hex lines.
"""
import os
import struct
import sys

BASE = 0x1000


def read_dump(path):
    tables = []
    for block in open(path).read().split("\n\n"):
        lines = block.strip().splitlines()
        if not lines:
            continue
        name, addr = lines[0].split(" @ ")
        data = bytes.fromhex("".join(l.split(":", 1)[1][:49].replace(" ", "") for l in lines[1:]))
        tables.append((name, int(addr, 16), data))
    return tables


def checksum(buf, at, length):
    buf[at] = 0
    buf[at] = (-sum(buf[:length])) & 0xFF


def memory_image(tables):
    by_name = {n: bytearray(d) for n, _, d in tables}
    dsdt = by_name["DSDT"][:36]
    struct.pack_into("<I", dsdt, 4, 36)
    checksum(dsdt, 9, 36)
    by_name["DSDT"] = dsdt
    order = [n for n, _, _ in tables]
    addr, off = {}, 0
    for n in order:
        addr[n] = BASE + off
        off += (len(by_name[n]) + 15) & ~15
    rsdp, xsdt, fadt = by_name["RSDP"], by_name["XSDT"], by_name["FACP"]
    struct.pack_into("<I", rsdp, 16, 0)
    struct.pack_into("<Q", rsdp, 24, addr["XSDT"])
    others = [n for n in order if n not in ("RSDP", "XSDT", "DSDT", "FACS")]
    for i, n in enumerate(others):
        struct.pack_into("<Q", xsdt, 36 + 8 * i, addr[n])
    struct.pack_into("<II", fadt, 36, addr["FACS"], addr["DSDT"])
    if len(fadt) >= 148:
        struct.pack_into("<Q", fadt, 140, addr["DSDT"])
    checksum(rsdp, 8, 20)
    checksum(rsdp, 32, 36)
    for n in order:
        if n not in ("RSDP", "FACS"):
            checksum(by_name[n], 9, len(by_name[n]))
    img = bytearray(off)
    for n in order:
        img[addr[n] - BASE:addr[n] - BASE + len(by_name[n])] = by_name[n]
    return bytes(img)


def main():
    out, aml_dir, data_dir = sys.argv[1:4]
    os.makedirs(out, exist_ok=True)
    for f in sorted(os.listdir(aml_dir)):
        if f.endswith(".aml"):
            open(os.path.join(out, "parse-" + f[:-4]), "wb").write(b"\x01" + open(os.path.join(aml_dir, f), "rb").read())
    for d in sorted(os.listdir(data_dir)):
        path = os.path.join(data_dir, d, "tables.dat")
        if not os.path.exists(path):
            continue
        tables = read_dump(path)
        open(os.path.join(out, "memory-" + d), "wb").write(b"\x00" + memory_image(tables))
        text = open(path).read().split("\n\n")
        kept = "\n\n".join(b for b in text if not b.startswith("DSDT @"))
        open(os.path.join(out, "acpidump-" + d), "wb").write(b"\x02" + kept.encode())


main()
