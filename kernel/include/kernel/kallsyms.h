/* SPDX-License-Identifier: MIT */
/* Address -> function name, from the table scripts/gen-kallsyms links in. */
#ifndef KERNEL_KALLSYMS_H
#define KERNEL_KALLSYMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/**
 * kallsyms_lookup - find the function containing @addr
 * @addr: a kernel text address
 * @name: set to the symbol name
 * @offset: set to @addr minus the symbol's start
 * @size: set to the symbol's size (up to the next symbol or _etext)
 *
 * Return: true if @addr lies inside the kernel's text.
 */
bool kallsyms_lookup(uint64_t addr, const char **name, uint64_t *offset, uint64_t *size);

/**
 * sprint_symbol - format @addr as Linux's %pS: "name+0xoff/0xsize"
 * @buf: output
 * @len: size of @buf
 * @addr: address; printed as 0x%016llx if it is not in the text
 */
void sprint_symbol(char *buf, size_t len, uint64_t addr);

/**
 * sprint_backtrace - like sprint_symbol for a return address (%pB)
 *
 * Looks up @addr - 1, so a call that is the last instruction of a
 * function (to a noreturn callee) is still named after its caller.
 */
void sprint_backtrace(char *buf, size_t len, uint64_t addr);

/**
 * kernel_text_address - whether @addr is kernel text that can be read:
 * inside [_text, _etext) and not in the init text free_initmem() unmapped
 */
bool kernel_text_address(uint64_t addr);

/* Set by free_initmem(): the __init text is gone. */
extern bool initmem_freed;

#endif
