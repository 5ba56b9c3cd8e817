#!/usr/bin/env python3
"""Assertions on a kernel serial log, for the QEMU boot tests.

    check_boot_log.py LOG --mem 512M [--efi-e820] [--expect-status N]

Checks that the boot reached its end marker with the expected status, that
the e820 table is well formed (Linux's line format, sorted, no overlaps)
and that its usable RAM matches what QEMU was given, less what the firmware
keeps. With --efi-e820 it also re-derives the e820 table from the raw EFI
map the kernel printed under efi=debug, with Linux 6.1's EFI stub rules
written independently here, and requires the two tables to be identical.
"""
import argparse
import re
import sys

E820_LINE = re.compile(
    r"BIOS-e820: \[mem 0x([0-9a-f]{16})-0x([0-9a-f]{16})\] (.+)$")
EFI_LINE = re.compile(
    r"efi: mem(\d+): \[([^|\]]+)\|([^\]]*)\] "
    r"range=\[0x([0-9a-f]{16})-0x([0-9a-f]{16})\] \((\d+)MB\)$")
END_LINE = re.compile(r"mmk: boot complete, status (\d+)$")

# Linux's names for EFI types in efi=debug output (efi_md_typeattr_format).
EFI_TYPE_BY_NAME = {
    "Reserved": 0, "Loader Code": 1, "Loader Data": 2, "Boot Code": 3,
    "Boot Data": 4, "Runtime Code": 5, "Runtime Data": 6,
    "Conventional": 7, "Unusable": 8, "ACPI Reclaim": 9, "ACPI Mem NVS": 10,
    "MMIO": 11, "MMIO Port": 12, "PAL Code": 13, "Persistent": 14,
    "Unaccepted": 15,
}


def e820_type_of(efi_type, attrs):
    """Linux 6.1 setup_e820(): EFI type (+ SP attribute) -> e820 name."""
    if efi_type in (1, 2, 3, 4, 7):
        return "soft reserved" if "SP" in attrs else "usable"
    return {0: "reserved", 5: "reserved", 6: "reserved", 11: "reserved",
            12: "reserved", 13: "reserved", 8: "unusable", 9: "ACPI data",
            10: "ACPI NVS", 14: "persistent (type 7)"}.get(efi_type)


def strip(line):
    line = line.rstrip("\r\n")
    return re.sub(r"^\[\s*\d+\.\d+\] ", "", line)


def parse_size(s):
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}
    if s[-1] in units:
        return int(s[:-1]) * units[s[-1]]
    return int(s) << 20  # QEMU's default unit is MiB


def fail(msg):
    print(f"check_boot_log: FAIL: {msg}")
    sys.exit(1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("log")
    ap.add_argument("--mem", required=True)
    ap.add_argument("--efi-e820", action="store_true")
    ap.add_argument("--expect-status", type=int, default=0)
    ap.add_argument("--firmware-slack", default="16M",
                    help="how much RAM the firmware may keep (default 16M)")
    a = ap.parse_args()

    lines = [strip(l) for l in open(a.log, errors="replace")]
    mem = parse_size(a.mem)
    slack = parse_size(a.firmware_slack)

    ends = [m for m in map(END_LINE.search, lines) if m]
    if not ends:
        fail("no 'mmk: boot complete' line: the boot did not finish")
    if int(ends[-1].group(1)) != a.expect_status:
        fail(f"boot status {ends[-1].group(1)}, expected {a.expect_status}")

    if "BIOS-provided physical RAM map:" not in lines:
        fail("no 'BIOS-provided physical RAM map:' line")
    start = lines.index("BIOS-provided physical RAM map:")
    e820 = []
    for l in lines[start + 1:]:
        m = E820_LINE.search(l)
        if not m:
            break
        e820.append((int(m.group(1), 16), int(m.group(2), 16), m.group(3)))
    if not e820:
        fail("the e820 table is empty")
    prev_end = -1
    for s, e, t in e820:
        if e < s:
            fail(f"e820 entry {s:#x}-{e:#x} ends before it starts")
        if s <= prev_end:
            fail(f"e820 entry at {s:#x} overlaps or is out of order")
        prev_end = e
    usable = sum(e - s + 1 for s, e, t in e820 if t == "usable")
    if not mem - slack <= usable <= mem:
        fail(f"usable RAM {usable >> 10} KiB is not within "
             f"[{(mem - slack) >> 10}, {mem >> 10}] KiB for -m {a.mem}")
    print(f"e820: {len(e820)} entries, {usable >> 10} KiB usable of "
          f"{mem >> 10} KiB given")

    if a.efi_e820:
        derived = derive_from_efi(lines)
        if derived != e820:
            for d in derived:
                print("expected: [mem 0x%016x-0x%016x] %s" % d)
            fail("the printed e820 table differs from the one Linux 6.1's "
                 "rules derive from the printed EFI map")
        print(f"efi: e820 table matches the EFI map ({len(derived)} entries)")


def derive_from_efi(lines):
    entries = []
    for l in lines:
        m = EFI_LINE.search(l)
        if not m:
            continue
        name = m.group(2).strip()
        if name not in EFI_TYPE_BY_NAME:
            fail(f"unknown EFI type name '{name}' in: {l}")
        attrs = [x.strip() for x in m.group(3).split("|")]
        t = e820_type_of(EFI_TYPE_BY_NAME[name], attrs)
        s, e = int(m.group(4), 16), int(m.group(5), 16)
        if t is not None and e >= s:
            entries.append([s, e, t])
    if not entries:
        fail("no 'efi: memNN:' lines (boot with efi=debug)")
    entries.sort(key=lambda x: (x[0], x[1]))
    merged = []
    for s, e, t in entries:
        if merged and merged[-1][2] == t and merged[-1][1] + 1 == s:
            merged[-1][1] = e
        else:
            merged.append([s, e, t])
    return [tuple(x) for x in merged]


if __name__ == "__main__":
    main()
