# SPDX-License-Identifier: MIT
"""gdb helpers for mmk, in the spirit of Linux's scripts/gdb/linux/.

Loaded by scripts/gdb (or: (gdb) source scripts/lib/gdb/mmk.py; it cannot be
scripts/gdb/mmk.py since scripts/gdb is the command itself). Each command
reads the kernel's own data structures through gdb and prints them in the
same format as the kernel's dumps (mminfo=buddyinfo,zoneinfo,slabinfo), so
a live machine and a serial log can be compared line by line:

  mmk-dmesg            the whole log buffer, every level (also what the
                       console's loglevel hid)
  mmk-e820             the e820 table as the kernel holds it now
  mmk-zoneinfo         mminfo=zoneinfo
  mmk-buddyinfo        mminfo=buddyinfo
  mmk-slabinfo         mminfo=slabinfo (slabinfo 2.1 and the "# slab memory" line)
  mmk-vmallocinfo      busy vmalloc areas, /proc/vmallocinfo style
  mmk-pfn PFN          struct page of PFN: address, flags, zone, node
  mmk-pgtable VA       the page-table walk for VA from CR3

Works whether NODE_DATA is an array of pg_data_t or of pointers to it (NULL
for absent nodes): the helpers look at node_data's type.
"""
import gdb

PAGE_SHIFT = 12
PAGE_OFFSET = 0xffff888000000000  # BOOT_PAGE_OFFSET, kernel/include/boot/bootinfo.h
# page->flags layout, kernel/include/mm/page_flags.h.
NODES_SHIFT, ZONES_SHIFT = 6, 3
NODES_PGSHIFT = 64 - NODES_SHIFT
ZONES_PGSHIFT = NODES_PGSHIFT - ZONES_SHIFT


def u64(v):
    return int(v) & 0xffffffffffffffff


def sym(name):
    """A global or file-static variable by name."""
    s = gdb.lookup_global_symbol(name) or gdb.lookup_static_symbol(name)
    if s is None:
        try:
            return gdb.parse_and_eval(name)
        except gdb.error:
            raise gdb.GdbError(f"mmk: no symbol '{name}' (is kernel.elf loaded?)")
    return s.value()


def read_mem(addr, size):
    return bytes(gdb.selected_inferior().read_memory(addr, size))


def read_u64(addr):
    return int.from_bytes(read_mem(addr, 8), "little")


def cstr(ptr):
    return ptr.string() if u64(ptr) else "(null)"


def array_len(v):
    lo, hi = v.type.range()
    return hi - lo + 1


def nodes():
    """Every pg_data_t present, whether node_data[] holds structs or pointers."""
    nd = sym("node_data")
    for nid in range(array_len(nd)):
        e = nd[nid]
        if e.type.strip_typedefs().code == gdb.TYPE_CODE_PTR:
            if not u64(e):
                continue
            e = e.dereference()
        if int(e["node_present_pages"]) == 0 and int(e["node_spanned_pages"]) == 0:
            continue
        yield e


def populated_zones():
    for pgdat in nodes():
        zones = pgdat["node_zones"]
        for i in range(array_len(zones)):
            z = zones[i]
            if int(z["present_pages"]):
                yield pgdat, z


def per_cpu_ptr(ptr, cpu):
    off = sym("__per_cpu_offset")[cpu]
    # Per-CPU pointers are offsets that wrap around: add modulo 2^64.
    addr = (u64(ptr) + u64(off)) & 0xffffffffffffffff
    return gdb.Value(addr).cast(gdb.lookup_type("unsigned long")).cast(ptr.type)


def nr_cpu_ids():
    return int(sym("nr_cpu_ids"))


def list_entries(head, typ, member):
    """list_for_each_entry over a struct list_head (a gdb.Value, not a pointer)."""
    ptr_t = gdb.lookup_type(typ).pointer()
    off = None
    for f in gdb.lookup_type(typ).fields():
        if f.name == member:
            off = f.bitpos // 8
    head_addr = u64(head.address)
    node = u64(head["next"])
    seen = 0
    while node != head_addr:
        yield gdb.Value(node - off).cast(ptr_t).dereference()
        node = u64(gdb.Value(node).cast(head["next"].type).dereference()["next"])
        seen += 1
        if seen > 1 << 22:
            raise gdb.GdbError("mmk: list does not end (corrupt?)")


def list_empty(head):
    return u64(head["next"]) == u64(head.address)


class Dmesg(gdb.Command):
    """mmk-dmesg: the kernel's log buffer, every level."""

    def __init__(self):
        super().__init__("mmk-dmesg", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        buf, length = sym("log_buf"), int(sym("log_len"))
        data = read_mem(u64(buf.address), length)
        pos, out = 0, []
        while pos + 3 <= length:
            n = data[pos + 1] | data[pos + 2] << 8
            out.append(data[pos + 3:pos + 3 + n].decode("utf-8", "replace"))
            pos += 3 + n
        gdb.write("".join(out))


class E820(gdb.Command):
    """mmk-e820: the kernel's e820 table, as e820__print_table prints it."""

    TYPES = {1: "usable", 2: "reserved", 3: "ACPI data", 4: "ACPI NVS", 5: "unusable",
             7: "persistent (type 7)", 12: "persistent (type 12)", 0xefffffff: "soft reserved"}

    def __init__(self):
        super().__init__("mmk-e820", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        t = sym("e820_table").dereference()
        for i in range(int(t["nr_entries"])):
            e = t["entries"][i]
            a, s, ty = u64(e["addr"]), u64(e["size"]), int(e["type"])
            gdb.write(f"e820: [mem {a:#018x}-{a + s - 1:#018x}] "
                      f"{self.TYPES.get(ty, f'type {ty}')}\n")


def wmark(z, i):
    return int(z["_watermark"][i])


class Zoneinfo(gdb.Command):
    """mmk-zoneinfo: mminfo=zoneinfo."""

    def __init__(self):
        super().__init__("mmk-zoneinfo", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        gdb.write("zoneinfo:\n")
        for pgdat, z in populated_zones():
            gdb.write(f"Node {int(pgdat['node_id'])}, zone {cstr(z['name']):>8}\n")
            gdb.write(f"  pages free     {int(z['free_pages'])}\n")
            gdb.write(f"        min      {wmark(z, 0)}\n")
            gdb.write(f"        low      {wmark(z, 1)}\n")
            gdb.write(f"        high     {wmark(z, 2)}\n")
            for f in ("spanned", "present", "managed"):
                gdb.write(f"        {f:<8} {int(z[f + '_pages'])}\n")
            prot = z["lowmem_reserve"]
            gdb.write("        protection: (" +
                      ", ".join(str(int(prot[i])) for i in range(array_len(prot))) + ")\n")
            gdb.write("  pagesets\n")
            if u64(z["pageset"]):
                for cpu in range(nr_cpu_ids()):
                    p = per_cpu_ptr(z["pageset"], cpu).dereference()
                    gdb.write(f"    cpu: {cpu}\n")
                    gdb.write(f"              count: {int(p['count'])}\n")
                    gdb.write(f"              high:  {int(p['high'])}\n")
                    gdb.write(f"              batch: {int(p['batch'])}\n")
            gdb.write(f"  start_pfn:           {int(z['zone_start_pfn'])}\n")


class Buddyinfo(gdb.Command):
    """mmk-buddyinfo: mminfo=buddyinfo (free blocks per order, per zone)."""

    def __init__(self):
        super().__init__("mmk-buddyinfo", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        gdb.write("buddyinfo:\n")
        for pgdat, z in populated_zones():
            fa = z["free_area"]
            counts = "".join(f"{int(fa[o]['nr_free']):6d} " for o in range(array_len(fa)))
            gdb.write(f"Node {int(pgdat['node_id'])}, zone {cstr(z['name']):>8} {counts}\n")


def slab_counters(page):
    c = int(page["counters"]) & 0xffffffff
    return c & 0xffff, (c >> 16) & 0x7fff  # inuse, objects


class Slabinfo(gdb.Command):
    """mmk-slabinfo: mminfo=slabinfo (slabinfo 2.1)."""

    def __init__(self):
        super().__init__("mmk-slabinfo", gdb.COMMAND_DATA)

    def count(self, s):
        slabs = objects = free = 0
        node = s["node"]
        for nid in range(array_len(node)):
            if not u64(node[nid]):
                continue
            n = node[nid].dereference()
            for lst in ("partial", "full"):
                for page in list_entries(n[lst], "struct page", "lru"):
                    inuse, objs = slab_counters(page)
                    slabs += 1
                    objects += objs
                    free += objs - inuse
        offset = int(s["offset"])
        for cpu in range(nr_cpu_ids()):
            c = per_cpu_ptr(s["cpu_slab"], cpu).dereference()
            page = u64(c["page"])
            if not page:
                continue
            inuse, objs = slab_counters(c["page"].dereference())
            slabs += 1
            objects += objs
            free += objs - inuse  # freed by other CPUs onto the page's own list
            # Free objects of a cpu slab are on the freelists of the CPUs holding it.
            for cpu2 in range(nr_cpu_ids()):
                c2 = per_cpu_ptr(s["cpu_slab"], cpu2).dereference()
                if u64(c2["page"]) != page:
                    continue
                obj, steps = u64(c2["freelist"]), 0
                while obj and steps < 1 << 16:
                    free += 1
                    steps += 1
                    obj = read_u64(obj + offset)
        return slabs, objects, free

    def invoke(self, arg, from_tty):
        gdb.write("slabinfo - version: 2.1\n")
        gdb.write("# name            <active_objs> <num_objs> <objsize> <objperslab> "
                  "<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : "
                  "slabdata <active_slabs> <num_slabs> <sharedavail>\n")
        pages = live = 0
        for s in list_entries(sym("slab_caches"), "struct kmem_cache", "list"):
            slabs, objects, free = self.count(s)
            order = int(s["order"])
            gdb.write(f"{cstr(s['name']):<17} {objects - free:6d} {objects:6d} "
                      f"{int(s['size']):6d} {int(s['objects']):4d} {1 << order:4d} : "
                      f"tunables {0:4d} {0:4d} {0:4d} : slabdata {slabs:6d} {slabs:6d} {0:6d}\n")
            pages += slabs << order
            live += (objects - free) * int(s["object_size"])
        overhead = (pages * 4096 - live) * 100 // live if live else 0
        gdb.write(f"# slab memory: {pages} pages ({pages << 2}K) hold {live >> 10}K "
                  f"of live objects: {overhead}% overhead\n")


class Vmallocinfo(gdb.Command):
    """mmk-vmallocinfo: live vmalloc areas (guard page included), in address order.

    Areas being freed or waiting for the lazy purge's TLB flush stay in the busy
    tree with VM_FREEING set: they are not live, only counted on the last line."""

    VM_FREEING = 0x80000000  # kernel/mm/vmalloc.c

    def __init__(self):
        super().__init__("mmk-vmallocinfo", gdb.COMMAND_DATA)

    def walk(self, node, out):
        while u64(node):
            va = node.dereference()
            self.walk(va["left"], out)
            out.append((u64(va["va_start"]), u64(va["va_end"]), int(va["flags"])))
            node = va["right"]

    def invoke(self, arg, from_tty):
        space = sym("vmap_space")
        areas = []
        self.walk(space["busy_root"], areas)
        live = [a for a in areas if not a[2] & self.VM_FREEING]
        for start, end, flags in live:
            gdb.write(f"{start:#018x}-{end:#018x} {end - start:8d} flags={flags:#x}\n")
        gdb.write(f"# {len(live)} areas, {u64(space['free_bytes']) >> 10}K free in "
                  f"[{u64(space['start']):#018x}-{u64(space['end']):#018x}), "
                  f"{len(areas) - len(live)} freed areas ({u64(sym('vmap_lazy_nr'))} pages) "
                  f"waiting for the lazy purge\n")


def pfn_to_page(pfn):
    sections, nr = sym("mem_section"), int(sym("nr_mem_sections"))
    shift = 21 - PAGE_SHIFT  # SECTION_SIZE_BITS, mm/memory_model.h
    s = pfn >> shift
    if s >= nr or not read_u64(u64(sections) + 8 * s):
        return None
    return (read_u64(u64(sections) + 8 * s) + pfn * 64) & 0xffffffffffffffff


class Pfn(gdb.Command):
    """mmk-pfn PFN: the struct page of PFN, its flags, zone and node."""

    def __init__(self):
        super().__init__("mmk-pfn", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        try:
            pfn = int(gdb.parse_and_eval(arg))
        except (gdb.error, ValueError):
            raise gdb.GdbError("usage: mmk-pfn PFN")
        addr = pfn_to_page(pfn)
        if addr is None:
            gdb.write(f"pfn {pfn:#x}: no memmap (hole or beyond the last section)\n")
            return
        page = gdb.Value(addr).cast(gdb.lookup_type("struct page").pointer()).dereference()
        flags = u64(page["flags"])
        names = []
        enum = gdb.lookup_type("enum pageflags")
        for f in enum.fields():
            if f.name.startswith("PG_") and flags >> f.enumval & 1:
                names.append(f.name[3:])
        nid = flags >> NODES_PGSHIFT & ((1 << NODES_SHIFT) - 1)
        zid = flags >> ZONES_PGSHIFT & ((1 << ZONES_SHIFT) - 1)
        zname = cstr(sym("zone_names")[zid]) if zid < array_len(sym("zone_names")) else "?"
        gdb.write(f"pfn {pfn:#x} phys {pfn << PAGE_SHIFT:#x}: (struct page *){addr:#x}\n")
        gdb.write(f"  flags {flags:#018x} ({'|'.join(names) or 'none'}) node {nid} zone {zname}\n")
        gdb.write(f"  refcount {int(page['_refcount'])} mapcount {int(page['_mapcount'])} "
                  f"private {u64(page['private'])}")
        if "buddy" in names:
            gdb.write(f" (free block of order {u64(page['private'])})")
        if "slab" in names and u64(page["slab_cache"]):
            cache = page["slab_cache"].cast(gdb.lookup_type("struct kmem_cache").pointer())
            gdb.write(f" (slab of {cstr(cache['name'])})")
        gdb.write("\n")


class Pgtable(gdb.Command):
    """mmk-pgtable VA: walk the live page tables (CR3) for VA, level by level."""

    LEVELS = (("PGD", 39), ("PUD", 30), ("PMD", 21), ("PTE", 12))

    def __init__(self):
        super().__init__("mmk-pgtable", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        try:
            va = u64(gdb.parse_and_eval(f"(unsigned long)({arg})"))
        except gdb.error:
            raise gdb.GdbError("usage: mmk-pgtable VA")
        table = u64(gdb.parse_and_eval("$cr3")) & 0x000ffffffffff000
        gdb.write(f"va {va:#018x}  cr3 {table:#x}\n")
        for name, shift in self.LEVELS:
            idx = va >> shift & 511
            e = read_u64(PAGE_OFFSET + table + 8 * idx)
            bits = [b for b, m in (("P", 1), ("RW", 2), ("US", 4), ("PWT", 8), ("PCD", 16),
                                   ("A", 32), ("D", 64), ("PSE", 128), ("G", 256)) if e & m]
            if e >> 63:
                bits.append("NX")
            gdb.write(f"  {name}[{idx:3d}] = {e:#018x}  {' '.join(bits)}\n")
            if not e & 1:
                gdb.write("  not present\n")
                return
            phys = e & 0x000ffffffffff000
            if name == "PTE" or (e & 128 and name in ("PUD", "PMD")):
                size = 1 << shift
                base = phys & ~(size - 1)
                gdb.write(f"  -> phys {base + (va & (size - 1)):#x} "
                          f"({size >> 10}K page at {base:#x})\n")
                return
            table = phys


for cls in (Dmesg, E820, Zoneinfo, Buddyinfo, Slabinfo, Vmallocinfo, Pfn, Pgtable):
    cls()
