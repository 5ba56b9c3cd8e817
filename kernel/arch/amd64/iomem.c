// SPDX-License-Identifier: MIT
/*
 * The x86 part of the iomem tree: the e820 table with Linux's names, the
 * kernel image's sections inside System RAM, the address holes between
 * the top of low RAM and 4 GiB (where the chipset decodes PCI MMIO; no
 * PCI enumeration yet, so one "PCI MMIO" resource per hole) and the
 * framebuffer inside its hole.
 */
#define pr_fmt(fmt) "iomem: " fmt

#include <asm/e820.h>
#include <asm/iomem.h>
#include <asm/pgtable.h>
#include <kernel/ioport.h>
#include <kernel/printk.h>
#include <mm/bootmem.h>

#define SZ_4G (1ull << 32)

extern const char _text[], _etext[], __start_rodata[], __end_rodata[];
extern const char _sdata[], _edata[], __bss_start[], __bss_stop[];

/* Linux 6.1's e820_type_to_string(): what /proc/iomem calls each type. */
static const char *e820_resource_name(uint32_t type)
{
	switch (type) {
	case E820_TYPE_RAM: return "System RAM";
	case E820_TYPE_ACPI: return "ACPI Tables";
	case E820_TYPE_NVS: return "ACPI Non-volatile Storage";
	case E820_TYPE_UNUSABLE: return "Unusable memory";
	case E820_TYPE_PRAM: return "Persistent Memory (legacy)";
	case E820_TYPE_PMEM: return "Persistent Memory";
	case E820_TYPE_RESERVED: return "Reserved";
	case E820_TYPE_SOFT_RESERVED: return "Soft Reserved";
	default: return "Unknown E820 type";
	}
}

/* Reserved kinds stay claimable by device drivers, as in Linux. */
static unsigned long e820_resource_flags(uint32_t type)
{
	switch (type) {
	case E820_TYPE_RAM: return IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY;
	case E820_TYPE_RESERVED:
	case E820_TYPE_SOFT_RESERVED:
	case E820_TYPE_PRAM:
	case E820_TYPE_PMEM: return IORESOURCE_MEM;
	default: return IORESOURCE_MEM | IORESOURCE_BUSY;
	}
}

static void add(struct resource *r, uint64_t start, uint64_t end_excl, const char *name,
		unsigned long flags)
{
	r->start = start;
	r->end = end_excl - 1;
	r->name = name;
	r->flags = flags;
	if (insert_resource(&iomem_resource, r))
		pr_warn("cannot register [mem %#010llx-%#010llx] %s: overlaps another resource\n",
			(unsigned long long)start, (unsigned long long)end_excl - 1, name);
}

static void add_new(uint64_t start, uint64_t end_excl, const char *name, unsigned long flags)
{
	add(alloc_bootmem(sizeof(struct resource)), start, end_excl, name, flags);
}

static void register_e820(void)
{
	for (uint32_t i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];

		/* A range ending at 2^64 has no inclusive end in 64 bits. */
		if (!e->size || e->addr + e->size < e->addr)
			continue;
		add_new(e->addr, e->addr + e->size, e820_resource_name(e->type),
			e820_resource_flags(e->type));
	}
}

/* Every hole in the e820 table from the end of low RAM up to 4 GiB. */
static void register_pci_holes(void)
{
	uint64_t cursor = 0;

	for (uint32_t i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];

		if (e->type == E820_TYPE_RAM && e->addr < SZ_4G)
			cursor = e->addr + e->size;
	}
	if (!cursor)
		return;
	for (uint32_t i = 0; i < e820_table->nr_entries && cursor < SZ_4G; i++) {
		const struct e820_entry *e = &e820_table->entries[i];

		if (e->addr + e->size <= cursor)
			continue;
		if (e->addr > cursor)
			add_new(cursor, e->addr < SZ_4G ? e->addr : SZ_4G, "PCI MMIO",
				IORESOURCE_MEM);
		cursor = e->addr + e->size;
	}
	if (cursor < SZ_4G)
		add_new(cursor, SZ_4G, "PCI MMIO", IORESOURCE_MEM);
}

static void register_kernel_image(void)
{
	static struct resource code, rodata, data, bss;

	add(&code, __pa_symbol(_text), __pa_symbol(_etext), "Kernel code",
	    IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY);
	add(&rodata, __pa_symbol(__start_rodata), __pa_symbol(__end_rodata), "Kernel rodata",
	    IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY);
	add(&data, __pa_symbol(_sdata), __pa_symbol(_edata), "Kernel data",
	    IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY);
	add(&bss, __pa_symbol(__bss_start), __pa_symbol(__bss_stop), "Kernel bss",
	    IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY);
}

void x86_iomem_init(const struct bootinfo *bi)
{
	static struct resource fb;

	register_e820();
	register_pci_holes();
	register_kernel_image();
	if (bi->fb.base && bi->fb.size)
		add(&fb, bi->fb.base, bi->fb.base + bi->fb.size, "efifb",
		    IORESOURCE_MEM | IORESOURCE_BUSY);
}
