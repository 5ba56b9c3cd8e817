/* SPDX-License-Identifier: MIT */
/* What the loader checks and fixes on the CPU before the kernel runs. */
#ifndef EFI_CPU_H
#define EFI_CPU_H

#include <stddef.h>

/**
 * cpu_prepare - clear Intel's XD-disable, then check the kernel's needs
 * @why: gets the reason when a needed feature is missing
 * @n: size of @why
 *
 * Return: 0 if the kernel can run on this CPU, -1 otherwise.
 */
int cpu_prepare(char *why, size_t n);

#endif
