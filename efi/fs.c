// SPDX-License-Identifier: MIT
#include "fs.h"
#include "loader.h"

EFI_STATUS fs_open_root(EFI_HANDLE image, EFI_FILE_HANDLE *root)
{
	EFI_GUID li_guid = EFI_LOADED_IMAGE_PROTOCOL_GUID;
	EFI_GUID fs_guid = EFI_SIMPLE_FILE_SYSTEM_PROTOCOL_GUID;
	EFI_LOADED_IMAGE *li;
	EFI_FILE_IO_INTERFACE *fs;
	EFI_STATUS s;

	s = BS->HandleProtocol(image, &li_guid, (void **)&li);
	if (EFI_ERROR(s))
		return s;
	s = BS->HandleProtocol(li->DeviceHandle, &fs_guid, (void **)&fs);
	if (EFI_ERROR(s))
		return s;
	return fs->OpenVolume(fs, root);
}

static EFI_STATUS file_size(EFI_FILE_HANDLE f, uint64_t *size)
{
	EFI_GUID info_guid = EFI_FILE_INFO_ID;
	/* EFI_FILE_INFO ends in the file name: leave room for a long one. */
	UINT64 buf[(sizeof(EFI_FILE_INFO) + 512 * sizeof(CHAR16)) / 8 + 1];
	UINTN len = sizeof(buf);
	EFI_STATUS s;

	s = f->GetInfo(f, &info_guid, &len, buf);
	if (EFI_ERROR(s))
		return s;
	*size = ((EFI_FILE_INFO *)buf)->FileSize;
	return EFI_SUCCESS;
}

EFI_STATUS fs_open_file(EFI_FILE_HANDLE root, const CHAR16 *path, EFI_FILE_HANDLE *f,
			uint64_t *size)
{
	EFI_STATUS s;

	s = root->Open(root, f, (CHAR16 *)path, EFI_FILE_MODE_READ, 0);
	if (EFI_ERROR(s))
		return s;
	s = file_size(*f, size);
	if (EFI_ERROR(s))
		(*f)->Close(*f);
	return s;
}

EFI_STATUS fs_read_at(EFI_FILE_HANDLE f, uint64_t pos, void *buf, uint64_t len)
{
	uint64_t done = 0;
	EFI_STATUS s;

	s = f->SetPosition(f, pos);
	if (EFI_ERROR(s))
		return s;
	while (done < len) {
		UINTN chunk = len - done;

		s = f->Read(f, &chunk, (char *)buf + done);
		if (EFI_ERROR(s))
			return s;
		if (chunk == 0) /* file shorter than GetInfo said */
			return EFI_END_OF_FILE;
		done += chunk;
	}
	return EFI_SUCCESS;
}

EFI_STATUS fs_read_file(EFI_FILE_HANDLE root, const CHAR16 *path, uint64_t max_size, uint64_t *addr,
			uint64_t *size)
{
	EFI_FILE_HANDLE f;
	EFI_PHYSICAL_ADDRESS pa = 0;
	uint64_t fsize;
	UINTN pages;
	EFI_STATUS s;

	s = fs_open_file(root, path, &f, &fsize);
	if (EFI_ERROR(s))
		return s;
	if (fsize > max_size) {
		s = EFI_BAD_BUFFER_SIZE;
		goto close;
	}
	pages = EFI_SIZE_TO_PAGES(fsize + 1); /* +1: room for a NUL */
	s = BS->AllocatePages(AllocateAnyPages, EfiLoaderData, pages, &pa);
	if (EFI_ERROR(s))
		goto close;
	s = fs_read_at(f, 0, (void *)(uintptr_t)pa, fsize);
	if (EFI_ERROR(s)) {
		BS->FreePages(pa, pages);
		goto close;
	}
	((char *)(uintptr_t)pa)[fsize] = '\0';
	*addr = pa;
	*size = fsize;
close:
	f->Close(f);
	return s;
}
