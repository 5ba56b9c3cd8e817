/* SPDX-License-Identifier: MIT */
/* The last steps: final memory map, ExitBootServices, and the jump. */
#ifndef EFI_HANDOFF_H
#define EFI_HANDOFF_H

#include "paging.h"
#include <boot/bootinfo.h>
#include <efi.h>

struct handoff {
	struct bootinfo *bi;
	void *map;         /* buffer for the final EFI memory map */
	UINTN map_cap;     /* its size in bytes */
	struct e820_entry *e820;
	UINTN e820_cap;    /* entries */
	UINTN sized;       /* the map's size when the buffers were sized */
};

/**
 * handoff_prepare - map what the kernel needs and allocate the final buffers
 *
 * Adds to @pt the direct map of RAM at BOOT_PAGE_OFFSET, the framebuffer
 * (same offset) and an identity mapping of the jump trampoline, then
 * allocates the buffers the final memory map and the e820 table go to.
 * Nothing is allocated after this.
 */
EFI_STATUS handoff_prepare(struct handoff *ho, struct pt_builder *pt,
			   struct bootinfo *bi);

/**
 * handoff_exit_boot_services - get the final map and exit boot services
 *
 * Reallocates the buffers if the map outgrew them before the first
 * ExitBootServices call, and retries when the map key went stale. On
 * success boot services are gone and the e820 table, ebs_tries and
 * map_grown in the boot info are filled in. @grow_test (loader_test=grow_map)
 * grows the map at both points first.
 */
EFI_STATUS handoff_exit_boot_services(struct handoff *ho, EFI_HANDLE image,
				      int grow_test);

/* Switch to @cr3 and jump to @entry with %rdi = @bootinfo. */
_Noreturn void handoff_jump(uint64_t cr3, uint64_t entry,
					    uint64_t bootinfo, uint64_t enable_nx);

#endif
