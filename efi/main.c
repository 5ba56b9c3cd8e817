// SPDX-License-Identifier: MIT
/*
 * The UEFI loader: reads \kernel.elf, \cmdline.txt and \initrd.img from its
 * own ESP, loads and maps the kernel, builds the boot-info structure
 * (docs/boot-protocol.md), exits boot services and jumps to the kernel.
 *
 * Every failure before ExitBootServices prints one line saying why and
 * returns the error to the firmware; nothing after it can fail.
 */
#include "console.h"
#include "cpu.h"
#include "efi_e820.h"
#include "elf_check.h"
#include "fs.h"
#include "handoff.h"
#include "loader.h"
#include "paging.h"
#include "pstore.h"
#include <lib/string.h>
#include <lib/vsprintf.h>

#define CMDLINE_MAX	 2048	   /* Linux's COMMAND_LINE_SIZE on x86 */
#define CMDLINE_READ_MAX (1 << 20) /* read this far to find qemu_exit */
#define INITRD_MAX	 (4ull << 30)

static struct bootinfo *bi;
static const char *cmdline = "";

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

/* The word, alone or with any =value. */
static int cmdline_has(const char *word)
{
	size_t n = strlen(word);

	for (const char *p = cmdline; *p;) {
		while (*p == ' ')
			p++;
		if (!strncmp(p, word, n) && (p[n] == ' ' || p[n] == '\0' || p[n] == '='))
			return 1;
		while (*p && *p != ' ')
			p++;
	}
	return 0;
}

/*
 * One line, then back to the firmware. Under `qemu_exit` (a test run) the
 * loader powers QEMU off with its status instead of falling into the shell.
 */
static EFI_STATUS fail(EFI_STATUS s, const char *what)
{
	con_printf("mmk-loader: error: %s\n", what);
	if (cmdline_has("qemu_exit"))
		outb(QEMU_EXIT_PORT, BOOT_EXIT_LOADER_ERROR);
	return EFI_ERROR(s) ? s : EFI_LOAD_ERROR;
}

static EFI_STATUS fail_status(EFI_STATUS s, const char *what, const char *file)
{
	char buf[160];

	ksnprintf(buf, sizeof(buf), "%s %s: %s", what, file, efi_status_str(s));
	return fail(s, buf);
}

static EFI_STATUS alloc_pages(uint64_t size, EFI_MEMORY_TYPE type, uint64_t *addr)
{
	EFI_PHYSICAL_ADDRESS pa = 0;
	EFI_STATUS s;

	s = BS->AllocatePages(AllocateAnyPages, type, EFI_SIZE_TO_PAGES(size), &pa);
	if (!EFI_ERROR(s)) {
		memset((void *)(uintptr_t)pa, 0, EFI_SIZE_TO_PAGES(size) * 4096);
		*addr = pa;
	}
	return s;
}

/* A file is lines; a command line is one line of printable ASCII. */
static char *printable_line(char *p, uint64_t *size)
{
	for (uint64_t i = 0; i < *size; i++)
		if ((unsigned char)p[i] < 0x20 || (unsigned char)p[i] > 0x7e)
			p[i] = ' ';
	while (*size && p[*size - 1] == ' ')
		p[--*size] = '\0';
	return p;
}

static EFI_STATUS read_cmdline(EFI_FILE_HANDLE root)
{
	uint64_t addr, size;
	EFI_STATUS s;
	char *p;

	s = fs_read_file(root, L"\\cmdline.txt", CMDLINE_MAX - 1, &addr, &size);
	if (s == EFI_NOT_FOUND)
		return EFI_SUCCESS; /* no file: empty command line */
	/*
	 * Too long: read it anyway (up to CMDLINE_READ_MAX) so that fail() sees
	 * a qemu_exit in it and a test run ends with status 3, not a timeout.
	 */
	if (s == EFI_BAD_BUFFER_SIZE &&
	    !EFI_ERROR(fs_read_file(root, L"\\cmdline.txt", CMDLINE_READ_MAX, &addr, &size)))
		cmdline = printable_line((char *)(uintptr_t)addr, &size);
	if (s == EFI_BAD_BUFFER_SIZE)
		return fail(s, "\\cmdline.txt is longer than 2047 bytes");
	if (EFI_ERROR(s))
		return fail_status(s, "cannot read", "\\cmdline.txt");
	p = printable_line((char *)(uintptr_t)addr, &size);
	cmdline = p;
	bi->cmdline = addr;
	bi->cmdline_size = (uint32_t)size;
	return loader_add_region(addr, size + 1, BOOT_REGION_CMDLINE);
}

static EFI_STATUS read_initrd(EFI_FILE_HANDLE root)
{
	uint64_t addr, size;
	EFI_STATUS s;

	s = fs_read_file(root, L"\\initrd.img", INITRD_MAX, &addr, &size);
	if (s == EFI_NOT_FOUND)
		return EFI_SUCCESS;
	if (EFI_ERROR(s))
		return fail_status(s, "cannot read", "\\initrd.img");
	bi->initrd = addr;
	bi->initrd_size = size;
	con_printf("mmk-loader: initrd %llu bytes at 0x%llx\n", (unsigned long long)size,
		   (unsigned long long)addr);
	return loader_add_region(addr, size, BOOT_REGION_INITRD);
}

/* The program headers of \kernel.elf: map_kernel reads them after the load. */
static Elf64_Phdr kernel_phdrs[ELF_MAX_PHDRS];

static EFI_STATUS kernel_elf_refused(const char *why)
{
	char msg[180];

	ksnprintf(msg, sizeof(msg), "\\kernel.elf: %s", why);
	return fail(EFI_LOAD_ERROR, msg);
}

/*
 * The ELF header, then the program headers, each checked against the
 * file's size before anything is read from where it points.
 */
static EFI_STATUS read_kernel_headers(EFI_FILE_HANDLE f, uint64_t fsize, struct kernel_image *img)
{
	Elf64_Ehdr eh;
	char why[128];
	EFI_STATUS s;

	memset(&eh, 0, sizeof(eh));
	s = fs_read_at(f, 0, &eh, fsize < sizeof(eh) ? fsize : sizeof(eh));
	if (EFI_ERROR(s))
		return fail_status(s, "cannot read", "\\kernel.elf");
	if (elf_check_header(&eh, fsize, why, sizeof(why)))
		return kernel_elf_refused(why);
	s = fs_read_at(f, eh.e_phoff, kernel_phdrs, (uint64_t)eh.e_phnum * sizeof(Elf64_Phdr));
	if (EFI_ERROR(s))
		return fail_status(s, "cannot read", "\\kernel.elf");
	if (elf_check_segments(&eh, kernel_phdrs, fsize, img, why, sizeof(why)))
		return kernel_elf_refused(why);
	return EFI_SUCCESS;
}

_Static_assert(KERNEL_MOVE_MAX_PIECES >= ELF_MAX_PHDRS, "a piece for every PT_LOAD");

/* Set by a staged load: the image moves after ExitBootServices. */
static struct kernel_move *kernel_move;
static uint32_t kernel_region; /* its entry in the region table */

/*
 * No free block holds the image (a machine of 48 MiB, where OVMF's boot
 * services hold most of the memory), or loader_test=move_kernel (or
 * loader_test=no_room, which then fails this block's allocation too): read only
 * the segments' file bytes, packed into one smaller block, and move them
 * into place once boot-services memory is free (handoff_jump). The block
 * is not a loader region: the kernel may reuse it.
 */
static EFI_STATUS load_kernel_staged(EFI_FILE_HANDLE f, uint64_t fsize, struct kernel_image *img,
				     UINTN pages)
{
	uint64_t need = sizeof(struct kernel_move), st, off;
	struct kernel_move *mv;
	EFI_STATUS s;

	for (unsigned i = 0; i < img->phnum; i++)
		if (img->phdrs[i].p_type == PT_LOAD && img->phdrs[i].p_filesz)
			need += (img->phdrs[i].p_filesz + 7) & ~7ull;
	/* loader_test=no_room: as if no block held even the file data. */
	s = cmdline_has("loader_test=no_room") ? EFI_OUT_OF_RESOURCES
					       : alloc_pages(need, EfiLoaderData, &st);
	if (EFI_ERROR(s)) {
		uint64_t total, largest = loader_largest_free(&total);
		char msg[200];

		ksnprintf(msg, sizeof(msg),
			  "no memory for the kernel image (%llu KiB) nor for its file data "
			  "(%llu KiB; largest free block %llu KiB of %llu KiB free)",
			  (unsigned long long)pages * 4, (unsigned long long)need >> 10,
			  (unsigned long long)largest >> 10, (unsigned long long)total >> 10);
		return fail(s, msg);
	}
	mv = (struct kernel_move *)(uintptr_t)st;
	mv->span = pages * 4096;
	off = sizeof(*mv);
	for (unsigned i = 0; i < img->phnum && !EFI_ERROR(s); i++) {
		const Elf64_Phdr *ph = &img->phdrs[i];

		if (ph->p_type != PT_LOAD || !ph->p_memsz || !ph->p_filesz)
			continue;
		/* elf_check_segments allows at most ELF_MAX_PHDRS segments. */
		mv->piece[mv->nr++] = (struct kernel_move_piece){
			BOOT_PAGE_OFFSET + st + off, ph->p_vaddr - img->vstart, ph->p_filesz
		};
		s = fs_read_at(f, ph->p_offset, (void *)(uintptr_t)(st + off), ph->p_filesz);
		off += (ph->p_filesz + 7) & ~7ull;
	}
	if (EFI_ERROR(s)) {
		BS->FreePages(st, EFI_SIZE_TO_PAGES(need));
		return fail_status(s, "cannot read", "\\kernel.elf");
	}
	con_printf("mmk-loader: kernel.elf %llu bytes, %llu KiB image: its %llu KiB of file data "
		   "wait at phys 0x%llx, to move to boot-services memory after ExitBootServices\n",
		   (unsigned long long)fsize, (unsigned long long)pages * 4,
		   (unsigned long long)need >> 10, (unsigned long long)st);
	kernel_move = mv;
	/* Until the move, the staged block stands in for the image's place:
	 * map_kernel builds the tables now and rewrites the leaves after. */
	bi->kernel_phys = st;
	bi->kernel_virt = img->vstart;
	bi->kernel_size = img->vend - img->vstart;
	kernel_region = bi->nr_regions;
	return loader_add_region(st, pages * 4096, BOOT_REGION_KERNEL);
}

/*
 * Each PT_LOAD read from the file straight into its place in one block,
 * at the requested address if free: the file is never held whole, so a
 * machine with just room for the image can boot. With no such block, the
 * staged load above.
 */
static EFI_STATUS load_kernel(EFI_FILE_HANDLE root, struct kernel_image *img)
{
	EFI_FILE_HANDLE f;
	EFI_PHYSICAL_ADDRESS pa;
	uint64_t fsize;
	UINTN pages;
	EFI_STATUS s;

	s = fs_open_file(root, L"\\kernel.elf", &f, &fsize);
	if (EFI_ERROR(s))
		return fail_status(s, "cannot read", "\\kernel.elf");
	s = read_kernel_headers(f, fsize, img);
	if (EFI_ERROR(s))
		goto close;

	pages = (img->vend - img->vstart) / 4096;
	pa = img->pstart;
	s = EFI_NOT_FOUND;
	if (!(pa & 0xfff))
		s = BS->AllocatePages(AllocateAddress, EfiLoaderCode, pages, &pa);
	if (EFI_ERROR(s)) /* taken (or absurd): anywhere will do */
		s = BS->AllocatePages(AllocateAnyPages, EfiLoaderCode, pages, &pa);
	if (!EFI_ERROR(s) &&
	    (cmdline_has("loader_test=move_kernel") || cmdline_has("loader_test=no_room"))) {
		BS->FreePages(pa, pages);
		s = EFI_OUT_OF_RESOURCES;
	}
	if (EFI_ERROR(s)) {
		s = load_kernel_staged(f, fsize, img, pages);
		goto close;
	}
	memset((void *)(uintptr_t)pa, 0, pages * 4096);
	for (unsigned i = 0; i < img->phnum && !EFI_ERROR(s); i++) {
		const Elf64_Phdr *ph = &img->phdrs[i];

		if (ph->p_type == PT_LOAD && ph->p_memsz && ph->p_filesz)
			s = fs_read_at(f, ph->p_offset,
				       (void *)(uintptr_t)(pa + ph->p_vaddr - img->vstart),
				       ph->p_filesz);
	}
	if (EFI_ERROR(s)) {
		BS->FreePages(pa, pages);
		s = fail_status(s, "cannot read", "\\kernel.elf");
		goto close;
	}
	con_printf("mmk-loader: kernel.elf %llu bytes, %llu KiB image at phys 0x%llx%s\n",
		   (unsigned long long)fsize, (unsigned long long)pages * 4, (unsigned long long)pa,
		   pa == img->pstart ? "" : " (requested address was taken)");
	bi->kernel_phys = pa;
	bi->kernel_virt = img->vstart;
	bi->kernel_size = img->vend - img->vstart;
	s = loader_add_region(pa, pages * 4096, BOOT_REGION_KERNEL);
close:
	f->Close(f);
	return s;
}

static EFI_STATUS map_kernel(struct pt_builder *pt, const struct kernel_image *img)
{
	for (unsigned i = 0; i < img->phnum; i++) {
		const Elf64_Phdr *ph = &img->phdrs[i];
		uint64_t lo, hi, flags = 0;
		EFI_STATUS s;

		if (ph->p_type != PT_LOAD || ph->p_memsz == 0)
			continue;
		lo = ph->p_vaddr & ~0xfffull;
		hi = (ph->p_vaddr + ph->p_memsz + 0xfff) & ~0xfffull;
		if (ph->p_flags & PF_W)
			flags |= PTE_W;
		if (!(ph->p_flags & PF_X))
			flags |= PTE_NX;
		s = pt_map(pt, lo, bi->kernel_phys + (lo - img->vstart), hi - lo, flags, SZ_4K);
		if (EFI_ERROR(s))
			return s;
	}
	return EFI_SUCCESS;
}

/*
 * After ExitBootServices: point the image's page-table leaves and its
 * region at @home. The tables were built for the staged block, so only
 * leaves change (pt.frozen keeps the firmware from being asked for a
 * page). Nothing can be printed any more: a failure here (a loader bug)
 * powers QEMU off with the loader's status under qemu_exit and stops the
 * CPU otherwise.
 */
static void move_kernel(struct pt_builder *pt, const struct kernel_image *img, uint64_t home)
{
	struct bootinfo_region *r = (struct bootinfo_region *)(uintptr_t)bi->regions;

	bi->kernel_phys = home;
	r[kernel_region].addr = home;
	kernel_move->home = BOOT_PAGE_OFFSET + home;
	pt->frozen = 1;
	if (!EFI_ERROR(map_kernel(pt, img)))
		return;
	if (cmdline_has("qemu_exit"))
		outb(QEMU_EXIT_PORT, BOOT_EXIT_LOADER_ERROR);
	for (;;)
		__asm__ volatile("cli; hlt");
}

static void find_framebuffer(void)
{
	EFI_GUID gop_guid = EFI_GRAPHICS_OUTPUT_PROTOCOL_GUID;
	EFI_GRAPHICS_OUTPUT_PROTOCOL *gop;
	EFI_GRAPHICS_OUTPUT_MODE_INFORMATION *info;
	struct bootinfo_framebuffer *fb = &bi->fb;

	fb->pixel_format = BOOT_PIXEL_NONE;
	if (EFI_ERROR(BS->LocateProtocol(&gop_guid, NULL, (void **)&gop)) || !gop->Mode ||
	    !gop->Mode->Info)
		return;
	info = gop->Mode->Info;
	fb->pixel_format = info->PixelFormat;
	if (info->PixelFormat == PixelBltOnly)
		return;
	fb->base = gop->Mode->FrameBufferBase;
	fb->size = gop->Mode->FrameBufferSize;
	fb->width = info->HorizontalResolution;
	fb->height = info->VerticalResolution;
	fb->stride = info->PixelsPerScanLine;
	fb->red_mask = info->PixelInformation.RedMask;
	fb->green_mask = info->PixelInformation.GreenMask;
	fb->blue_mask = info->PixelInformation.BlueMask;
	fb->reserved_mask = info->PixelInformation.ReservedMask;
}

static void find_rsdp(EFI_SYSTEM_TABLE *st)
{
	EFI_GUID acpi20 = ACPI_20_TABLE_GUID, acpi10 = ACPI_TABLE_GUID;

	for (UINTN i = 0; i < st->NumberOfTableEntries; i++) {
		EFI_CONFIGURATION_TABLE *t = &st->ConfigurationTable[i];

		if (!memcmp(&t->VendorGuid, &acpi20, sizeof(EFI_GUID))) {
			bi->acpi_rsdp = (uintptr_t)t->VendorTable;
			bi->acpi_rsdp_revision = 2;
			return; /* 2.0 wins over 1.0 */
		}
		if (!memcmp(&t->VendorGuid, &acpi10, sizeof(EFI_GUID))) {
			bi->acpi_rsdp = (uintptr_t)t->VendorTable;
			bi->acpi_rsdp_revision = 0;
		}
	}
}

EFI_STATUS EFIAPI efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *st)
{
	EFI_FILE_HANDLE root;
	struct kernel_image img;
	struct pt_builder pt;
	struct handoff ho;
	uint64_t page;
	char why[128];
	EFI_STATUS s;

	loader_init(st->BootServices);
	con_init(st);
	/* The firmware's 5-minute watchdog would reset a long kernel run. */
	BS->SetWatchdogTimer(0, 0, 0, NULL);

	/* bootinfo and the region table share one page, recorded first. */
	s = alloc_pages(4096, EfiLoaderData, &page);
	if (EFI_ERROR(s))
		return fail_status(s, "no memory for", "the boot info");
	bi = (struct bootinfo *)(uintptr_t)page;
	_Static_assert(sizeof(struct bootinfo) +
				       LOADER_MAX_REGIONS * sizeof(struct bootinfo_region) <
			       4096,
		       "bootinfo and regions must fit one page");
	bi->magic = BOOTINFO_MAGIC;
	bi->version = BOOTINFO_VERSION;
	bi->size = sizeof(*bi);
	loader_set_regions(bi, (struct bootinfo_region *)(bi + 1));
	bi->efi_system_table = (uintptr_t)st;
	/* An empty command line is the NUL byte at the end of the page. */
	bi->cmdline = page + 4095;
	loader_add_region(page, 4096, BOOT_REGION_BOOTINFO);

	s = fs_open_root(image, &root);
	if (EFI_ERROR(s))
		return fail_status(s, "cannot open", "the boot volume");
	s = read_cmdline(root);
	if (EFI_ERROR(s))
		return s;
	if (cpu_prepare(why, sizeof(why)))
		return fail(EFI_UNSUPPORTED, why);
	pstore_setup(root, bi);
	s = load_kernel(root, &img);
	if (EFI_ERROR(s))
		return s;
	s = read_initrd(root);
	if (EFI_ERROR(s))
		return s;
	find_framebuffer();
	find_rsdp(st);

	s = pt_init(&pt);
	if (!EFI_ERROR(s))
		s = map_kernel(&pt, &img);
	ho = (struct handoff){ .move = kernel_move };
	if (!EFI_ERROR(s))
		s = handoff_prepare(&ho, &pt, bi);
	if (EFI_ERROR(s))
		return fail_status(s, "cannot build", "the hand-off page tables");
	bi->pgtable_root = pt.root;

	con_printf("mmk-loader: exiting boot services, entering the kernel at 0x%llx\n",
		   (unsigned long long)img.entry);
	s = handoff_exit_boot_services(&ho, image, cmdline_has("loader_test=grow_map"));
	if (EFI_ERROR(s))
		return fail_status(s, "cannot", "exit boot services");
	if (kernel_move)
		move_kernel(&pt, &img, ho.home);
	handoff_jump(pt.root, img.entry, (uintptr_t)bi, pt.nx_mask != 0,
		     kernel_move ? BOOT_PAGE_OFFSET + (uintptr_t)kernel_move : 0);
}
