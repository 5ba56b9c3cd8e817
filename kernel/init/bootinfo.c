// SPDX-License-Identifier: MIT
/*
 * The first thing the kernel believes about the loader is checked here:
 * a wrong magic, version or size means a mismatched loader, and going on
 * would only produce a confusing crash later.
 */
#include <kernel/boot.h>
#include <kernel/panic.h>
#include <kernel/printk.h>

const struct bootinfo *bootinfo_check(uint64_t bi_phys)
{
	const struct bootinfo *bi;

	if (!bi_phys || (bi_phys & 7))
		panic("bootinfo: bad pointer 0x%llx from the loader (want a non-zero, 8-byte aligned physical address)",
		      (unsigned long long)bi_phys);
	bi = boot_va(bi_phys);
	if (bi->magic != BOOTINFO_MAGIC)
		panic("bootinfo: bad magic 0x%016llx at 0x%llx (want 0x%016llx): not started by our loader?",
		      (unsigned long long)bi->magic, (unsigned long long)bi_phys, BOOTINFO_MAGIC);
	if (bi->version != BOOTINFO_VERSION)
		panic("bootinfo: version %u, this kernel speaks version %u: rebuild the loader and the kernel together",
		      bi->version, BOOTINFO_VERSION);
	/* Newer fields are read only where bootinfo_has() says they exist. */
	if (bi->size < BOOTINFO_V1_SIZE)
		panic("bootinfo: size %u is smaller than the %u bytes of version %u", bi->size,
		      (unsigned)BOOTINFO_V1_SIZE, BOOTINFO_VERSION);
	if (bootinfo_has(bi, map_grown) && (bi->ebs_tries > 1 || bi->map_grown))
		pr_info("efi: the memory map grew by %u descriptors after the loader sized it; ExitBootServices took %u tries\n",
			bi->map_grown, bi->ebs_tries);
	return bi;
}
