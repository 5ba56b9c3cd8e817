/* SPDX-License-Identifier: MIT */
/*
 * Loader console: ConOut only. OVMF and most firmware mirror ConOut to the
 * serial port, so writing COM1 as well would print every line twice there.
 */
#ifndef EFI_CONSOLE_H
#define EFI_CONSOLE_H

#include <efi.h>

void con_init(EFI_SYSTEM_TABLE *st);
void con_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *efi_status_str(EFI_STATUS s);

#endif
