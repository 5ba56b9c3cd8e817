/* SPDX-License-Identifier: MIT */
#ifndef ASM_SERIAL_H
#define ASM_SERIAL_H

/**
 * serial_init - probe COM1 and, if there is a UART, register it as ttyS0
 *
 * 115200 8N1, polled. Never blocks for long: no UART means no console,
 * and a UART that stops draining is dropped.
 */
void serial_init(void);

#endif
