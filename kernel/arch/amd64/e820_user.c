// SPDX-License-Identifier: MIT
/*
 * mem= and memmap=: the user's edits to the e820 table, in Linux's syntax.
 * Options are parsed before the table exists, so the handlers only check
 * the syntax and queue the edit; e820__finish_early_params() applies the
 * queue in command-line order once the firmware table is in.
 */
#define pr_fmt(fmt) fmt

#include <asm/e820.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <lib/cmdline.h>
#include <lib/string.h>

enum user_op { OP_LIMIT, OP_ADD, OP_EXACTMAP };

struct user_edit {
	enum user_op op;
	uint64_t size, start;
	uint32_t type;
};

#define MAX_USER_EDITS 32
static struct user_edit edits[MAX_USER_EDITS];
static unsigned nr_edits;

static int queue(struct user_edit e)
{
	if (nr_edits >= MAX_USER_EDITS) {
		pr_warn("e820: more than %d mem=/memmap= edits, ignoring the rest\n",
			MAX_USER_EDITS);
		return -1;
	}
	edits[nr_edits++] = e;
	return 0;
}

/* mem=nn[KMG]: forget RAM above nn. mem=0 is refused, as Linux does. */
static int parse_memopt(const char *val)
{
	const char *end;
	uint64_t size;

	if (!val || memparse(val, &end, &size) || *end || size == 0) {
		pr_warn("e820: mem=%s: expected a non-zero size like 512M; ignored\n",
			val ? val : "");
		return -1;
	}
	return queue((struct user_edit){ OP_LIMIT, size, 0, 0 });
}
kernel_param("mem", parse_memopt);

/* One memmap= item: exactmap | nn[KMG] | nn[KMG]{@,#,$,!}ss[KMG]. */
static int parse_memmap_one(const char *p)
{
	const char *end;
	uint64_t size, start;
	uint32_t type;

	if (!strcmp(p, "exactmap"))
		return queue((struct user_edit){ OP_EXACTMAP, 0, 0, 0 });
	if (memparse(p, &end, &size))
		return -1;
	if (*end == '\0')
		return queue((struct user_edit){ OP_LIMIT, size, 0, 0 });
	switch (*end) {
	case '@': type = E820_TYPE_RAM; break;
	case '#': type = E820_TYPE_ACPI; break;
	case '$': type = E820_TYPE_RESERVED; break;
	case '!': type = E820_TYPE_PRAM; break;
	default: return -1;
	}
	if (memparse(end + 1, &end, &start) || *end || size == 0 || start + size < start)
		return -1;
	return queue((struct user_edit){ OP_ADD, size, start, type });
}

static int parse_memmap_opt(const char *val)
{
	unsigned saved = nr_edits;
	char item[64];

	if (!val || !*val)
		goto bad;
	/* Comma-separated items; one bad item drops the whole option. */
	for (const char *p = val; *p;) {
		size_t n = 0;

		while (p[n] && p[n] != ',')
			n++;
		if (n == 0 || n >= sizeof(item))
			goto bad;
		memcpy(item, p, n);
		item[n] = '\0';
		if (parse_memmap_one(item))
			goto bad;
		p += n + (p[n] == ',');
	}
	return 0;
bad:
	nr_edits = saved;
	pr_warn("e820: memmap=%s: expected exactmap or nn[KMG][@#$!ss[KMG]], comma separated; ignored\n",
		val ? val : "");
	return -1;
}
kernel_param("memmap", parse_memmap_opt);

void e820__finish_early_params(void)
{
	if (!nr_edits)
		return;
	for (unsigned i = 0; i < nr_edits; i++) {
		const struct user_edit *e = &edits[i];

		switch (e->op) {
		case OP_EXACTMAP: e820_table->nr_entries = 0; break;
		case OP_LIMIT:
			e820__range_remove(e->size, UINT64_MAX - e->size, E820_TYPE_RAM, true);
			break;
		case OP_ADD: e820__range_add(e->start, e->size, e->type); break;
		}
	}
	if (e820__update_table(e820_table) < 0 && e820_table->nr_entries == 0)
		pr_err("e820: the user-defined map is empty\n");
	pr_info("user-defined physical RAM map:\n");
	e820__print_table("user");
}
