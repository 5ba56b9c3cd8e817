// SPDX-License-Identifier: MIT
/* kernel/mm/slab_debug.c with the slub_debug= state resettable; see sim_slab.c. */
#include "../../kernel/mm/slab_debug.c"

void sim_slab_debug_reset(void);
void sim_slab_debug_reset(void)
{
	slub_debug = 0;
	slub_debug_slabs[0] = '\0';
}
