/* SPDX-License-Identifier: MIT */
/*
 * The persistent log area: a RAM block the loader reserves at a fixed
 * physical address, where the kernel keeps a copy of everything printk
 * emits (like Linux's ramoops). RAM survives a warm reset, so the next
 * boot's loader finds the block, checks it and saves the text to the ESP
 * (\EFI\mmk\last-boot.log). Shared by the loader and the kernel; the
 * layout is in docs/boot-protocol.md.
 *
 * Data is a ring of `size` bytes; `written` counts every byte ever put in,
 * so the log is the last min(written, size) bytes, oldest at
 * written % size once wrapped. `data_sum` is kept up to date on every
 * byte, so a log cut short by a reset still checks out; `hdr_csum` covers
 * the header and is rewritten after every update.
 */
#ifndef BOOT_PSTORE_H
#define BOOT_PSTORE_H

#include <stdint.h>

#define PSTORE_MAGIC   0x31474f4c504b4d4dull /* "MMKPLOG1" little-endian */
#define PSTORE_VERSION 1
#define PSTORE_SIZE    (256u * 1024) /* header included */

/* Where the loader puts the area: the first of these it can allocate. */
#define PSTORE_CANDIDATES                                \
	{                                                \
		0x4000000ull, 0x8000000ull, 0x2800000ull \
	}
#define PSTORE_NR_CANDIDATES 3

/* How the boot that wrote the log ended, as far as anyone could tell. */
enum pstore_state {
	PSTORE_STATE_READY = 0,	  /* the loader set it up; no kernel ran */
	PSTORE_STATE_RUNNING = 1, /* the kernel runs: still so = reset/triple fault/hang */
	PSTORE_STATE_HALTED = 2,  /* boot completed (exit_status), the machine halted */
	PSTORE_STATE_PANIC = 3,	  /* panic or fatal exception */
	PSTORE_STATE_REBOOT = 4,  /* the kernel rebooted the machine (reboot, panic=N) */
	PSTORE_STATE_SAVED = 5,	  /* a loader already saved this log */
};

struct pstore_header {
	uint64_t magic;	      /* PSTORE_MAGIC */
	uint32_t version;     /* PSTORE_VERSION */
	uint32_t header_size; /* sizeof(struct pstore_header) */
	uint64_t seq;	      /* boot number: the previous log's seq + 1 */
	uint64_t size;	      /* data bytes after the header */
	uint64_t written;     /* bytes put into the ring in total */
	uint32_t data_sum;    /* pstore_weight-ed sum of the data bytes */
	uint32_t state;	      /* enum pstore_state */
	uint32_t exit_status; /* enum boot_exit_status, with HALTED/PANIC */
	uint32_t end_state;   /* the state before SAVED (for the saved file) */
	uint32_t pad;
	uint32_t hdr_csum; /* pstore_header_csum() */
};

/* Byte i of the ring counts (i % 251 + 1) times: position matters. */
static inline uint32_t pstore_weight(uint64_t i)
{
	return (uint32_t)(i % 251) + 1;
}

/* FNV-1a over the header bytes before hdr_csum. */
static inline uint32_t pstore_header_csum(const struct pstore_header *h)
{
	const unsigned char *p = (const unsigned char *)h;
	uint32_t c = 2166136261u;

	for (unsigned i = 0; i < __builtin_offsetof(struct pstore_header, hdr_csum); i++)
		c = (c ^ p[i]) * 16777619u;
	return c;
}

/* The data checksum recomputed from scratch (the loader's check). */
static inline uint32_t pstore_data_sum(const unsigned char *data, uint64_t size)
{
	uint32_t s = 0;

	for (uint64_t i = 0; i < size; i++)
		s += data[i] * pstore_weight(i);
	return s;
}

#endif
