/* SPDX-License-Identifier: MIT */
#ifndef ASM_PAT_H
#define ASM_PAT_H

#include <stdbool.h>

/**
 * pat_init - program the PAT as Linux does: WB WC UC- UC WB WP UC- WT
 *
 * Entries 0 (WB), 2 (UC-) and 3 (UC) keep their power-on meaning, so existing
 * mappings without the PAT bit do not change type; entry 1 (PWT alone)
 * becomes write-combining. The TLB must be flushed afterwards (paging_init
 * loads CR3 next). Prints "x86/PAT: Configuration [0-7]: ...".
 *
 * Return: false when the CPU has no PAT (PWT then means write-through).
 */
bool pat_init(void);

#endif
