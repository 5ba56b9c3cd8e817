// SPDX-License-Identifier: MIT
/* mem=/memmap= (e820_user.c), with its queued edits resettable; see sim_arch_e820.c. */
#include "../../kernel/arch/amd64/e820_user.c"

#include <string.h>

void sim_arch_e820_user_reset(void);
void sim_arch_e820_user_reset(void)
{
	nr_edits = 0;
}
