// SPDX-License-Identifier: MIT
/* Node ranges and distances (numa.c), resettable; see sim_arch_e820.c. */
#include "../../kernel/arch/amd64/numa.c"

#include <string.h>

void sim_arch_numa_reset(void);
void sim_arch_numa_reset(void)
{
	memset(memblks, 0, sizeof(memblks));
	nr_memblks = 0;
	memset(numa_distance, 0, sizeof(numa_distance));
	have_distance = false;
	nr_nodes = 1; /* its initial value: node 0 always exists */
}
