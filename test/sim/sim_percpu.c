// SPDX-License-Identifier: MIT
/* Per-CPU areas (percpu.c), with its static state resettable; see sim_arch_e820.c. */
#include "../../kernel/mm/percpu.c"

void sim_percpu_reset(void);
void sim_percpu_reset(void)
{
	memset(__per_cpu_offset, 0, sizeof(__per_cpu_offset));
	sim_percpu_offset = 0;
	static_size = 0;
	dyn_base = NULL;
	pcpu_chosen_fc = "auto";
	memset(alloc_map, 0, sizeof(alloc_map));
	memset(bound_map, 0, sizeof(bound_map));
}
