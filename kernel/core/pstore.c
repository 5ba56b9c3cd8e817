// SPDX-License-Identifier: MIT
/*
 * The persistent log, kernel side: a ring in the area the loader reserved
 * (boot/pstore.h). Each byte updates the weighted data sum, each record the
 * header checksum, so whatever point a reset hits, the next loader finds a
 * consistent area holding everything up to the last whole record.
 */
#define pr_fmt(fmt) "pstore: " fmt

#include <kernel/boot.h>
#include <kernel/printk.h>
#include <kernel/pstore.h>

static struct pstore_header *ph;
static unsigned char *pdata;

static void pstore_write(const char *s, size_t len)
{
	uint64_t w = ph->written, size = ph->size;
	uint32_t sum = ph->data_sum;

	for (size_t i = 0; i < len; i++, w++) {
		uint64_t pos = w % size;
		unsigned char old = pdata[pos], b = (unsigned char)s[i];

		pdata[pos] = b;
		sum += ((uint32_t)b - old) * pstore_weight(pos);
	}
	ph->written = w;
	ph->data_sum = sum;
	ph->hdr_csum = pstore_header_csum(ph);
}

void pstore_init(const struct bootinfo *bi)
{
	struct pstore_header *h;

	if (!bootinfo_has(bi, pstore_size) || !bi->pstore) {
		pr_info("no persistent log area from the loader\n");
		return;
	}
	h = boot_va(bi->pstore);
	if (bi->pstore_size != PSTORE_SIZE || h->magic != PSTORE_MAGIC ||
	    h->version != PSTORE_VERSION || h->header_size != sizeof(*h) ||
	    h->size != PSTORE_SIZE - sizeof(*h) || h->hdr_csum != pstore_header_csum(h)) {
		pr_warn("the loader's area at 0x%llx is not a valid log header, not using it\n",
			(unsigned long long)bi->pstore);
		return;
	}
	h->state = PSTORE_STATE_RUNNING;
	h->hdr_csum = pstore_header_csum(h);
	ph = h;
	pdata = (unsigned char *)(h + 1);
	printk_set_persistent(pstore_write);
	pr_info("persistent log at 0x%llx, %lluK, boot %llu; the next boot's loader saves it to \\EFI\\mmk\\last-boot.log\n",
		(unsigned long long)bi->pstore, (unsigned long long)bi->pstore_size / 1024,
		(unsigned long long)h->seq);
}

void pstore_end(enum pstore_state state, unsigned int status)
{
	if (!ph)
		return;
	ph->state = state;
	ph->exit_status = status;
	ph->hdr_csum = pstore_header_csum(ph);
}
