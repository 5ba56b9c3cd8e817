// SPDX-License-Identifier: MIT
/* Until the x86 memory-init files build on the host: nothing to reset. */
void sim_arch_reset(void);
void sim_arch_reset(void)
{
}
