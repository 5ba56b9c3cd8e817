#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Capture the ACPI tables OVMF/QEMU give our kernel on a -numa machine.

Either boots the built disk image (scripts/run --no-build) with the QEMU
arguments given after "--" and waits for the kernel's first serial line
(mmk-run.dat: the tables our kernel sees), or (--direct) runs the QEMU command
line given after "--" as it is, e.g. a reference .cmd file's line without
-kernel/-append, and waits for OVMF's boot manager (tables.dat: the tables
Linux saw). Then it saves the guest's physical memory around the tables with
QMP's pmemsave, stops QEMU, walks RSDP -> XSDT -> tables (+ the FADT's DSDT and
FACS) in the saved bytes and writes them in acpidump's text format:

  capture-qemu.py qemu-numa2/mmk-run.dat -m 2G --smp 2 -- -object ... -numa ...
  capture-qemu.py --direct qemu-numa2/tables.dat -- qemu-system-x86_64 -machine q35 ...

The RSDP is found as the only "RSD PTR " signature (4-byte aligned, revision 2) with good
checksums in the saved window (OVMF's tables sit in the ACPI reclaim/NVS ranges below 2 GiB).
"""
import json, os, socket, struct, subprocess, sys, tempfile, time

WIN_START, WIN_LEN = 0x7F000000, 0x1000000  # 2032 MiB .. 2048 MiB

def qmp(path, cmds):
    s = socket.socket(socket.AF_UNIX)
    for _ in range(200):
        try:
            s.connect(path)
            break
        except OSError:
            time.sleep(0.1)
    f = s.makefile("rw")
    f.readline()  # greeting
    out = []
    for c in [{"execute": "qmp_capabilities"}] + cmds:
        f.write(json.dumps(c) + "\n")
        f.flush()
        while True:
            r = json.loads(f.readline())
            if "return" in r or "error" in r:
                out.append(r)
                break
    return out

def hexdump(name, addr, data):
    lines = ["%s @ 0x%016x" % (name, addr)]
    for off in range(0, len(data), 16):
        chunk = data[off:off + 16]
        hx = " ".join("%02X" % b for b in chunk)
        asc = "".join(chr(b) if 0x20 <= b < 0x7f else "." for b in chunk)
        lines.append("    %04X: %-47s  %s" % (off, hx, asc))
    return "\n".join(lines) + "\n\n"

def main():
    direct = sys.argv[1] == "--direct"
    if direct:
        del sys.argv[1]
    out, args = sys.argv[1], sys.argv[2:]
    top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    tmp = tempfile.mkdtemp()
    sock, dump, log = (os.path.join(tmp, n) for n in ("qmp.sock", "mem.bin", "serial.log"))
    run_args, qemu_args = (args[:args.index("--")], args[args.index("--") + 1:]) if "--" in args else (args, [])
    qmp_arg = ["-qmp", "unix:%s,server=on,wait=off" % sock]
    if direct:
        cmd = qemu_args + qmp_arg
    else:
        cmd = [os.path.join(top, "scripts/run"), "--no-build"] + run_args + ["--"] + qmp_arg + qemu_args
    p = subprocess.Popen(cmd, stdout=open(log, "w"), stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    want = b"BdsDxe" if direct else b"\n"
    for _ in range(900):
        if os.path.exists(sock) and os.path.exists(log) and want in open(log, "rb").read():
            break
        time.sleep(0.1)
    time.sleep(1)
    r = qmp(sock, [{"execute": "stop"},
                   {"execute": "pmemsave", "arguments": {"val": WIN_START, "size": WIN_LEN, "filename": dump}},
                   {"execute": "quit"}])
    p.wait()
    mem = open(dump, "rb").read()
    def rd(a, n):
        assert WIN_START <= a and a + n <= WIN_START + WIN_LEN, hex(a)
        return mem[a - WIN_START:a - WIN_START + n]
    cands = [i for i in range(0, len(mem) - 36, 4) if mem[i:i + 8] == b"RSD PTR " and sum(mem[i:i + 20]) & 0xff == 0
             and mem[i + 15] >= 2 and sum(mem[i:i + 36]) & 0xff == 0]
    assert len(cands) == 1, cands
    rsdp_a = WIN_START + cands[0]
    rsdp = rd(rsdp_a, 36)
    xsdt_a = struct.unpack_from("<Q", rsdp, 24)[0]
    tables = [("RSDP", rsdp_a, rsdp)]
    xlen = struct.unpack_from("<I", rd(xsdt_a, 8), 4)[0]
    xsdt = rd(xsdt_a, xlen)
    tables.append(("XSDT", xsdt_a, xsdt))
    for i in range(36, xlen, 8):
        a = struct.unpack_from("<Q", xsdt, i)[0]
        ln = struct.unpack_from("<I", rd(a, 8), 4)[0]
        t = rd(a, ln)
        tables.append((t[:4].decode(), a, t))
        if t[:4] == b"FACP":
            facs, dsdt = struct.unpack_from("<II", t, 36)
            for b in (dsdt, facs):
                ln = struct.unpack_from("<I", rd(b, 8), 4)[0]
                tables.append((rd(b, 4).decode(), b, rd(b, ln)))
    with open(out, "w") as f:
        for name, a, data in tables:
            f.write(hexdump(name, a, data))
    print(open(log).read()[:2000])
    print("wrote %s: %s" % (out, ", ".join("%s@%x" % (n, a) for n, a, _ in tables)))

main()
