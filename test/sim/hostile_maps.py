#!/usr/bin/env python3
"""hostile_maps.py MMSIM [FIRST_SEED COUNT]: mmsim on generated hostile e820 tables.

Each seed draws one table of a class: RAM in small pieces between reserved ones,
a tiny machine, unaligned and typed-at-random entries, little RAM far up (to just
below 64 TiB), hundreds of entries, random overlaps, RAM only below 1 MiB, a
mix with zero-sized and huge entries, RAM low plus pieces scattered up to 64 TiB,
and RAM only far up; in either print form (`[mem a-b]` or the old `a - b (type)`),
sometimes shuffled. Every run must end one of three ways:

  status 0  a layout, with its "Memory:" line;
  status 1  a kernel panic that names what was missing ("Kernel panic - not
            syncing: ..." as the last line);
  status 2  a refusal of the table itself, with mmsim's own message.

Anything else (a signal, a sanitizer report, a timeout, a status 1 without a
panic line) fails, with the seed and the table kept for the report. Whether a
panic is where Linux 6.1 would panic too is decided only for the classes in
MUST_BOOT, built so that Linux lays them out: those must end in a layout
(test/README.md lists the panics seen in the others).
"""
import os
import random
import subprocess
import sys
import tempfile

KINDS = ["pieces", "tiny", "unaligned", "high", "many", "overlap", "lowonly", "mixed",
         "scatter", "highonly"]
# Classes whose tables Linux 6.1 lays out (its memblock keeps ranges): a
# panic there is a failure too, not only a crash.
MUST_BOOT = {"high", "scatter", "highonly"}
TYPES = ["usable", "usable", "reserved", "ACPI data", "ACPI NVS", "unusable",
         "type 12", "persistent (type 7)"]


def table(seed):
    """One hostile table: (class, [(start, size, type)])."""
    r = random.Random(seed)
    kind = KINDS[seed % len(KINDS)]
    ents = []
    if kind == "pieces":
        piece = r.choice([0x1000, 0x8000, 0x40000, 0x100000, 0x180000])
        gap = r.choice([0x1000, 0x8000, 0x100000])
        a = 0x100000
        ents.append((0, 0x9fc00, "usable"))
        for _ in range(r.randint(50, 600)):
            ents += [(a, piece, "usable"), (a + piece, gap, "reserved")]
            a += piece + gap
    elif kind == "tiny":
        ents += [(0, 0x9fc00, "usable"),
                 (0x100000, r.choice([1, 4, 16, 32, 48]) << 20, "usable")]
    elif kind == "unaligned":
        a = 0
        for _ in range(r.randint(5, 200)):
            size = r.randint(1, 1 << 26)
            ents.append((a, size, r.choice(TYPES)))
            a = max(a + size + r.randint(-0x1000, 0x10000), 0)
    elif kind == "high":
        base = r.choice([1 << 32, 1 << 36, 1 << 40, 1 << 44, (1 << 46) - (1 << 30)])
        ents += [(0, 0x9fc00, "usable"), (base, r.choice([1 << 28, 1 << 30]), "usable")]
    elif kind == "many":
        a = 0x100000
        for _ in range(r.randint(100, 1000)):
            size = r.choice([0x1000, 0x2000, 0x10000, 0x200000]) * r.randint(1, 4)
            ents.append((a, size, r.choice(["usable", "reserved"])))
            a += size
    elif kind == "overlap":
        for _ in range(r.randint(5, 100)):
            ents.append((r.randint(0, 1 << 33) & ~0xfff, r.randint(1, 1 << 30),
                         r.choice(["usable", "reserved", "ACPI data"])))
    elif kind == "scatter":
        # Linux 6.1 boots these: >= 128 MiB low, pieces of >= 4 MiB far apart.
        ents.append((0, 0x9fc00, "usable"))
        ents.append((0x100000, r.choice([128, 256, 512]) << 20, "usable"))
        for _ in range(r.randint(2, 120)):
            a = r.randint(1 << 32, (1 << 46) - (1 << 27)) & ~0x1fffff
            ents.append((a, r.choice([4, 8, 64]) << 20, "usable"))
    elif kind == "highonly":
        # Nothing below 4 GiB (or only reserved): RAM far up, as much as Linux needs.
        if r.random() < 0.5:
            ents.append((0, 1 << 32, "reserved"))
        base = r.choice([1 << 32, 1 << 40, 40 << 40, (1 << 46) - (1 << 30)])
        ents.append((base, r.choice([256 << 20, 1 << 30]), "usable"))
    elif kind == "lowonly":
        ents.append((0, r.choice([0x9fc00, 0xa0000, 0x1000]), "usable"))
        if r.random() < 0.5:
            ents.append((0x100000, 0x1000 * r.randint(1, 512), "usable"))
    else:
        for _ in range(r.randint(1, 60)):
            a = r.choice([0, 0x100000, 1 << 32, r.randint(0, 1 << 40)])
            size = r.choice([0, 1, 0x1000, 1 << 20, 1 << 30, r.randint(0, 1 << 35)])
            ents.append((a, size, r.choice(["usable", "reserved", "ACPI data", "unusable"])))
    if r.random() < 0.3:
        r.shuffle(ents)
    lines = ["Linux version 6.1.0-hostile", "BIOS-provided physical RAM map:"]
    for a, size, ty in ents:
        if r.random() < 0.5:
            end = (a + size - 1) & ((1 << 64) - 1)
            lines.append(f"BIOS-e820: [mem 0x{a:016x}-0x{end:016x}] {ty}")
        else:
            lines.append(f"BIOS-e820: {a:016x} - {a + size:016x} ({ty})")
    return kind, "\n".join(lines) + "\n"


def main():
    mmsim = sys.argv[1]
    first = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 64
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
    seen, bad = {}, 0
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(first, first + count):
            kind, text = table(seed)
            path = os.path.join(tmp, f"hostile-{seed}.log")
            with open(path, "w") as f:
                f.write(text)
            try:
                run = subprocess.run([mmsim, path], capture_output=True, text=True,
                                     timeout=120, env=env)
                rc, out, err = run.returncode, run.stdout, run.stderr
            except subprocess.TimeoutExpired:
                rc, out, err = "timeout", "", ""
            last = (out.strip().splitlines() or [""])[-1]
            booted = rc == 0 and any(l.startswith("Memory: ") for l in out.splitlines())
            ok = booted or (kind not in MUST_BOOT and (
                (rc == 1 and last.startswith("Kernel panic - not syncing: ")) or
                (rc == 2 and "mmsim: " in out + err)))
            if rc == 1:
                why = last.split("not syncing: ", 1)[-1][:50]
                seen[(kind, why)] = seen.get((kind, why), 0) + 1
            if not ok:
                bad += 1
                print(f"FAIL: seed {seed} ({kind}): status {rc}, last line {last!r}")
                print(err[-2000:])
                print(text[:4000])
    for (kind, why), n in sorted(seen.items()):
        print(f"  {n:3} {kind:9} panicked: {why}")
    print(f"{count - bad} of {count} hostile tables ended in a layout, a named panic or a refusal")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
