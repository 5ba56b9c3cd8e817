// SPDX-License-Identifier: MIT
/*
 * The slab allocator's core (kernel/mm/slab.c) compiled inside this file so
 * its file-local state (the kmem_cache_node pointer, the static bootstrap
 * caches) can go back to boot state between test cases.
 */
#include "../../kernel/mm/slab.c"

void sim_slab_reset(void);
void sim_slab_reset(void)
{
	slab_state = DOWN;
	INIT_LIST_HEAD(&slab_caches);
	kmem_cache = NULL;
	kmem_cache_node = NULL;
	slab_errors = 0;
	/* kmem_cache_open() relies on zeroed stand-ins (node[] of absent nodes). */
	memset(&boot_kmem_cache, 0, sizeof(boot_kmem_cache));
	memset(&boot_kmem_cache_node, 0, sizeof(boot_kmem_cache_node));
}
