/* SPDX-License-Identifier: MIT */
/* The last steps: final memory map, ExitBootServices, and the jump. */
#ifndef EFI_HANDOFF_H
#define EFI_HANDOFF_H

#include "kernel_home.h"
#include "paging.h"
#include <boot/bootinfo.h>
#include <efi.h>

/* Nothing below 1 MiB: the kernel keeps that for real-mode work (SMP). */
#define KERNEL_HOME_FLOOR 0x100000ull

/*
 * The kernel image's move after ExitBootServices, when no free block held
 * it before (main.c's staged load): handoff_jump zeroes the image's home,
 * then copies each piece there from where it waited. Addresses are
 * direct-map addresses: the copy runs on the hand-off page tables, so it
 * may overwrite the firmware's own tables, stack and GDT.
 */
#define KERNEL_MOVE_MAX_PIECES 64
struct kernel_move {
	uint64_t home; /* the image's start in the direct map, set after the exit */
	uint64_t span; /* the image's size in bytes, a multiple of 8 */
	uint64_t nr;   /* pieces */
	struct kernel_move_piece {
		uint64_t src;	 /* the staged bytes, in the direct map */
		uint64_t offset; /* where they go, from the image's start */
		uint64_t len;
	} piece[KERNEL_MOVE_MAX_PIECES];
};

struct handoff {
	struct bootinfo *bi;
	void *map;         /* buffer for the final EFI memory map */
	UINTN map_cap;     /* its size in bytes */
	struct e820_entry *e820;
	UINTN e820_cap;    /* entries */
	UINTN sized;       /* the map's size when the buffers were sized */
	struct kernel_move *move; /* NULL when the image is in place already */
	struct efi_range *scratch; /* efi_kernel_home's, one range a descriptor */
	uint64_t home;		   /* where the image goes, after the exit */
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
 * ExitBootServices call, and retries when the map key went stale. With
 * @ho->move set, every map fetched must have a place for the image
 * (efi_kernel_home) before ExitBootServices is called; it is left in
 * @ho->home. On success boot services are gone and the e820 table,
 * ebs_tries and map_grown in the boot info are filled in. @grow_test
 * (loader_test=grow_map) grows the map at both points first.
 */
EFI_STATUS handoff_exit_boot_services(struct handoff *ho, EFI_HANDLE image,
				      int grow_test);

/*
 * Switch to @cr3, carry out @move (a struct kernel_move in the direct map,
 * or 0) and jump to @entry with %rdi = @bootinfo.
 */
_Noreturn void handoff_jump(uint64_t cr3, uint64_t entry, uint64_t bootinfo, uint64_t enable_nx,
			    uint64_t move);

#endif
