// SPDX-License-Identifier: MIT
/* The per-CPU interrupt nesting counts behind in_hardirq() (<kernel/hardirq.h>). */
#include <kernel/hardirq.h>

unsigned int hardirq_nesting[NR_CPUS];
