// SPDX-License-Identifier: MIT
/*
 * The x86 e820 code exactly as the kernel builds it, compiled inside this
 * file so the simulator can put its file-local state back to boot state
 * (the kernel never needs to: it boots once). One arch file per wrapper,
 * since each defines its own pr_fmt and static helpers.
 */
#include "../../kernel/arch/amd64/e820.c"

void sim_arch_e820_reset(void);
void sim_arch_e820_reset(void)
{
	memset(&e820_table_init, 0, sizeof(e820_table_init));
	e820_table = &e820_table_init;
}
