// SPDX-License-Identifier: MIT
/* kernel/mm/kmalloc.c with its cache table resettable; see sim_slab.c. */
#include "../../kernel/mm/kmalloc.c"

void sim_kmalloc_reset(void);
void sim_kmalloc_reset(void)
{
	memset(kmalloc_caches, 0, sizeof(kmalloc_caches));
}
