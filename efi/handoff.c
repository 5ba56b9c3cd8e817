// SPDX-License-Identifier: MIT
#include "handoff.h"
#include "console.h"
#include "efi_e820.h"
#include "loader.h"
#include <lib/string.h>

/* Room for descriptors our own allocations add after we sized the map. */
#define MAP_SLACK_DESCS 32
#define EBS_TRIES	8

/* Memory the kernel reaches through the direct map: RAM in any role. */
static int direct_mapped(const struct efi_memory_desc *d)
{
	switch (efi_mem_to_e820_type(d->type, d->attribute)) {
	case E820_TYPE_RAM:
	case E820_TYPE_ACPI:
	case E820_TYPE_NVS:
	case E820_TYPE_SOFT_RESERVED: return 1;
	default:
		return d->type == EFI_RUNTIME_SERVICES_CODE || d->type == EFI_RUNTIME_SERVICES_DATA;
	}
}

/*
 * Map each run of RAM, rounded out to 2 MiB, at PAGE_OFFSET + phys. The
 * runs are merged first so a 1 GiB page never straddles two of them.
 */
static EFI_STATUS map_direct(struct pt_builder *pt, struct bootinfo *bi)
{
	struct loader_map m;
	struct efi_range *r;
	UINTN n = 0, w;
	EFI_STATUS s;

	s = loader_get_map(&m, MAP_SLACK_DESCS);
	if (EFI_ERROR(s))
		return s;
	if (m.dsize < sizeof(struct efi_memory_desc)) {
		con_printf("mmk-loader: error: firmware descriptor size %llu is "
			   "smaller than the UEFI descriptor\n",
			   (unsigned long long)m.dsize);
		BS->FreePool(m.map);
		return EFI_UNSUPPORTED;
	}
	s = BS->AllocatePool(EfiLoaderData, (m.size / m.dsize) * sizeof(*r), (void **)&r);
	if (EFI_ERROR(s)) {
		BS->FreePool(m.map);
		return s;
	}
	for (UINTN off = 0; off + m.dsize <= m.size; off += m.dsize) {
		const struct efi_memory_desc *d = (void *)((char *)m.map + off);
		uint64_t end = d->phys_addr + (d->num_pages << EFI_PAGE_SHIFT);

		if (!direct_mapped(d) || !d->num_pages || end <= d->phys_addr)
			continue;
		r[n].start = d->phys_addr & ~(SZ_2M - 1);
		r[n].end = (end + SZ_2M - 1) & ~(SZ_2M - 1);
		n++;
	}
	BS->FreePool(m.map);
	w = efi_ranges_merge(r, n);
	s = EFI_SUCCESS;
	for (UINTN i = 0; i < w && !EFI_ERROR(s); i++) {
		s = pt_map(pt, BOOT_PAGE_OFFSET + r[i].start, r[i].start, r[i].end - r[i].start,
			   PTE_W | PTE_NX, SZ_1G);
		bi->direct_map_end = r[i].end;
	}
	BS->FreePool(r);
	return s;
}

/* Buffers for the final map and its e820 table, for a map of @size bytes. */
static EFI_STATUS alloc_final_buffers(struct handoff *ho, UINTN size, UINTN dsize)
{
	EFI_PHYSICAL_ADDRESS pa;
	EFI_STATUS s;

	/* More allocations follow, and each may split a descriptor. */
	ho->map_cap = size + MAP_SLACK_DESCS * dsize;
	ho->e820_cap = ho->map_cap / dsize;
	s = BS->AllocatePages(AllocateAnyPages, EfiLoaderData,
			      EFI_SIZE_TO_PAGES(ho->e820_cap * sizeof(struct e820_entry)), &pa);
	if (EFI_ERROR(s))
		return s;
	ho->e820 = (struct e820_entry *)(uintptr_t)pa;
	s = loader_add_region(pa, ho->e820_cap * sizeof(struct e820_entry), BOOT_REGION_E820);
	if (EFI_ERROR(s))
		return s;
	s = BS->AllocatePages(AllocateAnyPages, EfiLoaderData, EFI_SIZE_TO_PAGES(ho->map_cap), &pa);
	if (EFI_ERROR(s))
		return s;
	ho->map = (void *)(uintptr_t)pa;
	s = loader_add_region(pa, ho->map_cap, BOOT_REGION_EFI_MMAP);
	if (EFI_ERROR(s) || !ho->move)
		return s;
	/* Pool memory of a map this big: the kernel may reuse it. */
	return BS->AllocatePool(EfiLoaderData, ho->e820_cap * sizeof(*ho->scratch),
				(void **)&ho->scratch);
}

/* The image's place in the map just fetched, when it has to move. */
static EFI_STATUS find_home(struct handoff *ho, UINTN size, UINTN dsize, int try)
{
	if (!ho->move)
		return EFI_SUCCESS;
	ho->home = efi_kernel_home(ho->map, size, dsize, ho->move->span, KERNEL_HOME_FLOOR,
				   ho->scratch);
	if (ho->home)
		return EFI_SUCCESS;
	if (!try) /* printing is still allowed */
		con_printf("mmk-loader: error: no room for the kernel image (%llu KiB) even in "
			   "boot-services memory\n",
			   (unsigned long long)ho->move->span >> 10);
	return EFI_OUT_OF_RESOURCES;
}

/*
 * loader_test=grow_map: what some firmware does behind the loader's back.
 * Pages of alternating types cannot merge, so each is a new descriptor.
 */
static void grow_map(unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		EFI_PHYSICAL_ADDRESS pa;

		BS->AllocatePages(AllocateAnyPages, i & 1 ? EfiLoaderData : EfiBootServicesData, 1,
				  &pa);
	}
}

EFI_STATUS handoff_prepare(struct handoff *ho, struct pt_builder *pt, struct bootinfo *bi)
{
	uint64_t tramp = (uintptr_t)handoff_jump & ~0xfffull;
	UINTN size = 0, key, dsize;
	UINT32 dver;
	EFI_STATUS s;

	ho->bi = bi;
	s = map_direct(pt, bi);
	if (EFI_ERROR(s))
		return s;
	if (bi->fb.base) {
		uint64_t lo = bi->fb.base & ~(SZ_2M - 1);
		uint64_t hi = (bi->fb.base + bi->fb.size + SZ_2M - 1) & ~(SZ_2M - 1);

		s = pt_map(pt, BOOT_PAGE_OFFSET + lo, lo, hi - lo, PTE_W | PTE_NX, SZ_2M);
		if (EFI_ERROR(s))
			return s;
	}
	/* The jump runs on after the CR3 switch: keep it where it is. */
	s = pt_map(pt, tramp, tramp, 2 * SZ_4K, 0, SZ_4K);
	if (EFI_ERROR(s))
		return s;

	s = BS->GetMemoryMap(&size, NULL, &key, &dsize, &dver);
	if (s != EFI_BUFFER_TOO_SMALL)
		return EFI_ERROR(s) ? s : EFI_LOAD_ERROR;
	ho->sized = size;
	return alloc_final_buffers(ho, size, dsize);
}

EFI_STATUS handoff_exit_boot_services(struct handoff *ho, EFI_HANDLE image, int grow_test)
{
	struct bootinfo *bi = ho->bi;
	UINTN size, key, dsize = 0;
	UINT32 dver = 0;
	size_t n = 0;
	int try = 0;
	EFI_STATUS s;

	if (grow_test)
		grow_map(2 * MAP_SLACK_DESCS + 8);
	/*
	 * Before the first ExitBootServices call the loader may still
	 * allocate: a map that outgrew its buffer gets bigger buffers.
	 */
	for (;;) {
		size = ho->map_cap;
		s = BS->GetMemoryMap(&size, ho->map, &key, &dsize, &dver);
		if (s != EFI_BUFFER_TOO_SMALL)
			break;
		con_printf(
			"mmk-loader: the memory map outgrew its buffer (%llu > %llu bytes), reallocating\n",
			(unsigned long long)size, (unsigned long long)ho->map_cap);
		s = alloc_final_buffers(ho, size, dsize);
		if (EFI_ERROR(s))
			return s;
	}
	if (!EFI_ERROR(s))
		s = find_home(ho, size, dsize, try);
	/*
	 * From the first ExitBootServices call on, only GetMemoryMap and
	 * ExitBootServices are allowed (UEFI 2.10, 7.4): a stale key means
	 * the map changed, so fetch it again into the same buffer.
	 */
	while (!EFI_ERROR(s) && try < EBS_TRIES) {
		if (grow_test && try == 0)
			grow_map(1); /* makes the key stale */
		try++;
		s = BS->ExitBootServices(image, key);
		if (s != EFI_INVALID_PARAMETER)
			break;
		size = ho->map_cap;
		s = BS->GetMemoryMap(&size, ho->map, &key, &dsize, &dver);
		if (!EFI_ERROR(s))
			s = find_home(ho, size, dsize, try);
	}
	if (EFI_ERROR(s))
		return s;
	bi->ebs_tries = (uint32_t)try;
	if (size > ho->sized)
		bi->map_grown = (uint32_t)((size - ho->sized) / dsize);

	/* Boot services are gone: from here on nothing can be reported. The
	 * e820 buffer holds one entry per descriptor, so this cannot overflow;
	 * if the firmware still broke it, the kernel sees 0 entries and says so. */
	if (efi_map_to_e820(ho->map, size, dsize, ho->e820, ho->e820_cap, &n, NULL) != EFI_E820_OK)
		n = 0;
	bi->efi_mmap = (uintptr_t)ho->map;
	bi->efi_mmap_size = size;
	bi->efi_desc_size = (uint32_t)dsize;
	bi->efi_desc_version = dver;
	bi->e820_table = (uintptr_t)ho->e820;
	bi->e820_entries = (uint32_t)n;
	return EFI_SUCCESS;
}

/*
 * MS x64 ABI: cr3 in %rcx, entry in %rdx, bootinfo in %r8, enable_nx in
 * %r9, move at 40(%rsp) (after the return address and the 32-byte shadow
 * space). The kernel expects the boot info in %rdi (SysV) and sets its own
 * stack; no stack is used after the CR3 switch, since the firmware's may
 * be where the image goes.
 */
__asm__(".text\n"
	".globl handoff_jump\n"
	".p2align 4\n"
	"handoff_jump:\n"
	"	cli\n"
	"	cld\n"
	"	movq 40(%rsp), %r12\n"
	"	movq %rcx, %r10\n"
	"	movq %rdx, %r11\n"
	"	testq %r9, %r9\n"
	"	jz 1f\n"
	"	movl $0xc0000080, %ecx\n" /* EFER */
	"	rdmsr\n"
	"	orl $0x800, %eax\n" /* NXE: our tables use the NX bit */
	"	wrmsr\n"
	"1:	movq %cr0, %rax\n"
	"	orl $0x10000, %eax\n" /* WP: read-only means read-only */
	"	movq %rax, %cr0\n"
	"	movq %r10, %cr3\n"
	"	testq %r12, %r12\n"
	"	jz 3f\n"
	"	movq 0(%r12), %rdi\n" /* move->home */
	"	movq 8(%r12), %rcx\n" /* move->span */
	"	shrq $3, %rcx\n"
	"	xorl %eax, %eax\n"
	"	rep stosq\n"
	"	movq 16(%r12), %r13\n" /* move->nr */
	"	leaq 24(%r12), %r14\n" /* move->piece */
	"2:	testq %r13, %r13\n"
	"	jz 3f\n"
	"	movq 0(%r14), %rsi\n"
	"	movq 0(%r12), %rdi\n"
	"	addq 8(%r14), %rdi\n"
	"	movq 16(%r14), %rcx\n"
	"	rep movsb\n"
	"	addq $24, %r14\n"
	"	decq %r13\n"
	"	jmp 2b\n"
	"3:	movq %r8, %rdi\n"
	"	jmp *%r11\n");
