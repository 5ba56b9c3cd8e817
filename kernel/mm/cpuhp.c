// SPDX-License-Identifier: MIT
/* A CPU's per-CPU mm state, set up when the CPU is activated (cpuhp.h). */
#include "internal.h"
#include <mm/cpuhp.h>

void mm_cpu_online(unsigned int cpu)
{
	setup_cpu_pagesets(cpu);
}
