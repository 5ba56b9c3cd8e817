// SPDX-License-Identifier: MIT
/* Boot state of the x86 memory-init files (see sim_arch_e820.c). */
void sim_arch_e820_reset(void);
void sim_arch_e820_user_reset(void);
void sim_arch_numa_reset(void);
void sim_arch_setup_memory_reset(void);
void sim_arch_reset(void);

void sim_arch_reset(void)
{
	sim_arch_e820_reset();
	sim_arch_e820_user_reset();
	sim_arch_numa_reset();
	sim_arch_setup_memory_reset();
}
