/* SPDX-License-Identifier: MIT */
/* Reading files from the EFI system partition the loader came from. */
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
EFI_STATUS fs_read_file(EFI_FILE_HANDLE root, const CHAR16 *path, uint64_t max_size, uint64_t *addr,
			uint64_t *size);

/**
 * fs_open_file - open a file for reading and find its size
 * @root: the volume root
 * @path: e.g. L"\\kernel.elf"
 * @f: the open file, for fs_read_at(); the caller closes it
 * @size: its size in bytes, as the file system says
 *
 * Return: EFI_NOT_FOUND when the file does not exist; on any error nothing
 * stays open.
 */
EFI_STATUS fs_open_file(EFI_FILE_HANDLE root, const CHAR16 *path, EFI_FILE_HANDLE *f,
			uint64_t *size);

/**
 * fs_read_at - read exactly @len bytes at offset @pos of @f into @buf
 *
 * Return: EFI_END_OF_FILE when the file ends first, or the firmware's error.
 */
EFI_STATUS fs_read_at(EFI_FILE_HANDLE f, uint64_t pos, void *buf, uint64_t len);

#endif
