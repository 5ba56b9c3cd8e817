// SPDX-License-Identifier: MIT
/*
 * The loader's half of the persistent log (boot/pstore.h): find the last
 * boot's area at one of the fixed addresses, check it, write its text to
 * \EFI\mmk\last-boot.log (the older ones move to last-boot.1.log ..
 * last-boot.3.log), then claim an area for this boot.
 *
 * Nothing here can stop the boot: a failure is one line and the boot goes
 * on, at worst without a persistent log.
 */
#include "pstore.h"
#include "console.h"
#include "loader.h"
#include <boot/pstore.h>
#include <lib/string.h>
#include <lib/vsprintf.h>

#define KEEP_LOGS 4 /* last-boot.log and last-boot.1.log .. .3.log */

static const uint64_t candidates[] = PSTORE_CANDIDATES;

/* Whether [addr, addr + size) is RAM in the firmware's map right now. */
static int is_ram(uint64_t addr, uint64_t size)
{
	struct loader_map m;
	int found = 0;

	if (EFI_ERROR(loader_get_map(&m, 8)))
		return 0;
	for (UINTN off = 0; off + m.dsize <= m.size; off += m.dsize) {
		EFI_MEMORY_DESCRIPTOR *d = (void *)((char *)m.map + off);
		uint64_t end = d->PhysicalStart + (d->NumberOfPages << 12);

		if (d->PhysicalStart > addr || end < addr + size)
			continue;
		found = d->Type == EfiConventionalMemory || d->Type == EfiLoaderCode ||
			d->Type == EfiLoaderData || d->Type == EfiBootServicesCode ||
			d->Type == EfiBootServicesData;
		break;
	}
	BS->FreePool(m.map);
	return found;
}

static int header_valid(const struct pstore_header *h)
{
	return h->magic == PSTORE_MAGIC && h->version == PSTORE_VERSION &&
	       h->header_size == sizeof(*h) && h->size == PSTORE_SIZE - sizeof(*h) &&
	       h->hdr_csum == pstore_header_csum(h);
}

static const char *ending(uint32_t state, uint32_t status, char *buf, size_t n)
{
	switch (state) {
	case PSTORE_STATE_RUNNING:
		return "did not finish (reset, triple fault, hang or power loss)";
	case PSTORE_STATE_HALTED:
		ksnprintf(buf, n, "completed with status %u and halted", status);
		return buf;
	case PSTORE_STATE_PANIC: return "ended in a kernel panic";
	case PSTORE_STATE_REBOOT:
		ksnprintf(buf, n, "completed with status %u and rebooted", status);
		return buf;
	default: return "ended in an unknown state";
	}
}

static EFI_STATUS open_dir(EFI_FILE_HANDLE root, EFI_FILE_HANDLE *dir)
{
	EFI_FILE_HANDLE efi;
	EFI_STATUS s;

	s = root->Open(root, &efi, L"\\EFI",
		       EFI_FILE_MODE_READ | EFI_FILE_MODE_WRITE | EFI_FILE_MODE_CREATE,
		       EFI_FILE_DIRECTORY);
	if (EFI_ERROR(s))
		return s;
	s = efi->Open(efi, dir, L"mmk",
		      EFI_FILE_MODE_READ | EFI_FILE_MODE_WRITE | EFI_FILE_MODE_CREATE,
		      EFI_FILE_DIRECTORY);
	efi->Close(efi);
	return s;
}

static void log_name(CHAR16 *buf, unsigned i)
{
	static const CHAR16 plain[] = L"last-boot.log", numbered[] = L"last-boot.0.log";

	if (!i) {
		memcpy(buf, plain, sizeof(plain));
		return;
	}
	memcpy(buf, numbered, sizeof(numbered));
	buf[10] = (CHAR16)(L'0' + i);
}

/* last-boot.log -> .1 -> .2 -> .3; the oldest goes. */
static void rotate(EFI_FILE_HANDLE dir)
{
	EFI_GUID info_guid = EFI_FILE_INFO_ID;
	CHAR16 name[32];

	for (unsigned i = KEEP_LOGS - 1; i-- > 0;) {
		UINT64 buf[(sizeof(EFI_FILE_INFO) + 64 * sizeof(CHAR16)) / 8 + 1];
		EFI_FILE_INFO *info = (EFI_FILE_INFO *)buf;
		EFI_FILE_HANDLE f;
		UINTN len = sizeof(buf);

		log_name(name, i + 1);
		if (!EFI_ERROR(
			    dir->Open(dir, &f, name, EFI_FILE_MODE_READ | EFI_FILE_MODE_WRITE, 0)))
			f->Delete(f); /* closes it */
		log_name(name, i);
		if (EFI_ERROR(
			    dir->Open(dir, &f, name, EFI_FILE_MODE_READ | EFI_FILE_MODE_WRITE, 0)))
			continue;
		if (!EFI_ERROR(f->GetInfo(f, &info_guid, &len, info))) {
			log_name(info->FileName, i + 1);
			info->Size = SIZE_OF_EFI_FILE_INFO + sizeof(L"last-boot.0.log");
			f->SetInfo(f, &info_guid, info->Size, info);
		}
		f->Close(f);
	}
}

static EFI_STATUS write_all(EFI_FILE_HANDLE f, const void *p, UINTN len)
{
	while (len) {
		UINTN n = len;
		EFI_STATUS s = f->Write(f, &n, (void *)p);

		if (EFI_ERROR(s))
			return s;
		if (!n)
			return EFI_DEVICE_ERROR;
		p = (const char *)p + n;
		len -= n;
	}
	return EFI_SUCCESS;
}

/* Write the old log (header line, then the ring in order) to the ESP. */
static EFI_STATUS save_log(EFI_FILE_HANDLE root, struct pstore_header *h, const char *why,
			   uint64_t *bytes)
{
	const unsigned char *data = (const unsigned char *)(h + 1);
	uint64_t n = h->written < h->size ? h->written : h->size;
	uint64_t start = h->written < h->size ? 0 : h->written % h->size;
	char head[256], st[48];
	EFI_FILE_HANDLE dir, f;
	CHAR16 name[32];
	EFI_STATUS s;
	int len;

	len = ksnprintf(head, sizeof(head),
			"mmk-loader: log of boot %llu, which %s; %llu bytes%s%s\n",
			(unsigned long long)h->seq,
			ending(h->state, h->exit_status, st, sizeof(st)), (unsigned long long)n,
			h->written > h->size ? " (wrapped: the oldest text is lost)" : "", why);
	s = open_dir(root, &dir);
	if (EFI_ERROR(s))
		return s;
	rotate(dir);
	log_name(name, 0);
	s = dir->Open(dir, &f, name,
		      EFI_FILE_MODE_READ | EFI_FILE_MODE_WRITE | EFI_FILE_MODE_CREATE, 0);
	dir->Close(dir);
	if (EFI_ERROR(s))
		return s;
	s = write_all(f, head, (UINTN)len);
	if (!EFI_ERROR(s))
		s = write_all(f, data + start, n - start);
	if (!EFI_ERROR(s) && start)
		s = write_all(f, data, start);
	if (!EFI_ERROR(s))
		s = f->Flush(f);
	f->Close(f);
	*bytes = n;
	return s;
}

/* Returns the sequence number of the log found (0: none). */
static uint64_t recover(EFI_FILE_HANDLE root)
{
	uint64_t seq = 0;

	for (unsigned i = 0; i < PSTORE_NR_CANDIDATES; i++) {
		struct pstore_header *h = (void *)(uintptr_t)candidates[i];
		const char *why = "";
		uint64_t bytes = 0;
		EFI_STATUS s;

		if (!is_ram(candidates[i], PSTORE_SIZE) || !header_valid(h))
			continue;
		if (h->seq > seq)
			seq = h->seq;
		if (h->state == PSTORE_STATE_SAVED || h->state == PSTORE_STATE_READY || !h->written)
			continue;
		if (pstore_data_sum((const unsigned char *)(h + 1), h->size) != h->data_sum)
			why = " (data checksum MISMATCH: the text may be damaged)";
		s = save_log(root, h, why, &bytes);
		if (EFI_ERROR(s)) {
			con_printf(
				"mmk-loader: cannot save the log of boot %llu to \\EFI\\mmk\\last-boot.log: %s\n",
				(unsigned long long)h->seq, efi_status_str(s));
			continue;
		}
		con_printf(
			"mmk-loader: saved the log of boot %llu (%llu bytes%s) to \\EFI\\mmk\\last-boot.log\n",
			(unsigned long long)h->seq, (unsigned long long)bytes,
			*why ? ", checksum mismatch" : "");
		h->end_state = h->state;
		h->state = PSTORE_STATE_SAVED;
		h->hdr_csum = pstore_header_csum(h);
	}
	return seq;
}

void pstore_setup(EFI_FILE_HANDLE root, struct bootinfo *bi)
{
	uint64_t seq = recover(root);

	for (unsigned i = 0; i < PSTORE_NR_CANDIDATES; i++) {
		EFI_PHYSICAL_ADDRESS pa = candidates[i];
		struct pstore_header *h;

		if (EFI_ERROR(BS->AllocatePages(AllocateAddress, EfiLoaderData, PSTORE_SIZE / 4096,
						&pa)))
			continue;
		h = (void *)(uintptr_t)pa;
		memset(h, 0, PSTORE_SIZE);
		h->magic = PSTORE_MAGIC;
		h->version = PSTORE_VERSION;
		h->header_size = sizeof(*h);
		h->seq = seq + 1;
		h->size = PSTORE_SIZE - sizeof(*h);
		h->state = PSTORE_STATE_READY;
		h->hdr_csum = pstore_header_csum(h);
		if (EFI_ERROR(loader_add_region(pa, PSTORE_SIZE, BOOT_REGION_PSTORE))) {
			BS->FreePages(pa, PSTORE_SIZE / 4096);
			return;
		}
		bi->pstore = pa;
		bi->pstore_size = PSTORE_SIZE;
		return;
	}
	con_printf(
		"mmk-loader: no persistent log this boot: none of its fixed addresses is free RAM\n");
}
