/* SPDX-License-Identifier: MIT */
/* Reading whole files from the EFI system partition the loader came from. */
#ifndef EFI_FS_H
#define EFI_FS_H

#include <efi.h>
#include <stdint.h>

EFI_STATUS fs_open_root(EFI_HANDLE image, EFI_FILE_HANDLE *root);

/**
 * fs_read_file - read a whole file into newly allocated EfiLoaderData pages
 * @root: the volume root
 * @path: e.g. L"\\kernel.elf"
 * @max_size: refuse (EFI_BAD_BUFFER_SIZE) anything larger
 * @addr, @size: where it landed, and its size in bytes
 *
 * Return: EFI_NOT_FOUND when the file does not exist, another error when it
 * cannot be read; nothing stays allocated on error.
 */
EFI_STATUS fs_read_file(EFI_FILE_HANDLE root, const CHAR16 *path,
			uint64_t max_size, uint64_t *addr, uint64_t *size);

#endif
