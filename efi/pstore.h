/* SPDX-License-Identifier: MIT */
/* The loader's half of the persistent log (efi/pstore.c, boot/pstore.h). */
#ifndef EFI_PSTORE_H
#define EFI_PSTORE_H

#include <boot/bootinfo.h>
#include <efi.h>

/**
 * pstore_setup - save the last boot's log, then claim this boot's area
 * @root: the ESP's root directory (the log goes to \EFI\mmk\)
 * @bi: gets the area's address and size (0 when none could be claimed)
 *
 * Never fails the boot: problems are reported on the console.
 */
void pstore_setup(EFI_FILE_HANDLE root, struct bootinfo *bi);

#endif
