#!/usr/bin/env python3
"""check_kernel_home.py LOG moved|in-place: where the kernel image ended up.

Reads the loader's `kernel.elf N bytes, K KiB image` line, the kernel's
`efi=debug` lines (the final EFI memory map, the one handed over) and its
`iomem=dump` `Kernel code` line (the image starts with its text).

moved: the loader staged the image and moved it after ExitBootServices.
The image must lie wholly in Conventional / Boot Code / Boot Data memory,
touch no other descriptor, and be the highest such placement at or above
1 MiB (the rule restated here from docs/boot-protocol.md, not taken from
the loader's code).
in-place: the image lies wholly in Loader Code, where AllocatePages put it.
"""
import re
import sys

FREE = {"Conventional", "Boot Code", "Boot Data"}
FLOOR = 1 << 20


def fail(msg):
    print(f"check_kernel_home: {msg}")
    sys.exit(1)


def covered(ranges, lo, hi):
    """Is [lo, hi) inside the union of @ranges?"""
    cur = lo
    while cur < hi:
        best = max((e for s, e in ranges if s <= cur < e), default=cur)
        if best == cur:
            return False
        cur = best
    return True


def main():
    log, mode = sys.argv[1], sys.argv[2]
    text = open(log, errors="replace").read()
    m = re.search(r"mmk-loader: kernel\.elf \d+ bytes, (\d+) KiB image", text)
    if not m:
        fail("no loader line giving the image's size")
    size = int(m.group(1)) * 1024
    descs = [(t.strip(), int(a, 16), int(b, 16) + 1)
             for t, a, b in re.findall(
                 r"efi: mem\d+: \[([A-Za-z ]+?)\s*\|.*?range=\[0x([0-9a-f]+)-0x([0-9a-f]+)\]",
                 text)]
    if not descs:
        fail("no efi=debug lines")
    m = re.search(r"^(?:\[[ \d.]+\] )?\s*([0-9a-f]+)-[0-9a-f]+ : Kernel code$", text, re.M)
    if not m:
        fail("no iomem=dump 'Kernel code' line")
    lo = int(m.group(1), 16)
    hi = lo + size
    print(f"image [{lo:#x}-{hi - 1:#x}], {size >> 10} KiB")
    if mode == "in-place":
        if not covered([(s, e) for t, s, e in descs if t == "Loader Code"], lo, hi):
            fail("the image is not in Loader Code")
        return
    free = [(s, e) for t, s, e in descs if t in FREE]
    other = [(s, e) for t, s, e in descs if t not in FREE]

    def fits(a):
        return a >= FLOOR and covered(free, a, a + size) and \
            not any(s < a + size and a < e for s, e in other)

    if not fits(lo):
        fail("the image is not wholly in free or boot-services memory")
    # Any higher placement's top is a free run's end or another
    # descriptor's start, rounded down to a page.
    tops = {e & ~0xfff for _, e in free} | {s & ~0xfff for s, _ in other}
    higher = [t - size for t in tops if t - size > lo and fits(t - size)]
    if higher:
        fail(f"a higher place was free: {max(higher):#x}")


if __name__ == "__main__":
    main()
