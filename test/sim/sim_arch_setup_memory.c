// SPDX-License-Identifier: MIT
/* x86_memory_init and early reservations (setup_memory.c), resettable; see sim_arch_e820.c. */
#include "../../kernel/arch/amd64/setup_memory.c"

#include <string.h>

void sim_arch_setup_memory_reset(void);
void sim_arch_setup_memory_reset(void)
{
	memset(early_res, 0, sizeof(early_res));
	nr_early_res = 0;
	real_mode_trampoline = 0;
	nr_possible_apicids = 0;
}
