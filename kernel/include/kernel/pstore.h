/* SPDX-License-Identifier: MIT */
/*
 * The kernel's half of the persistent log (boot/pstore.h): every printk
 * record, whatever its level, also goes to the RAM area the loader
 * reserved, and the way the boot ends is written into its header.
 */
#ifndef KERNEL_PSTORE_H
#define KERNEL_PSTORE_H

#include <boot/bootinfo.h>
#include <boot/pstore.h>

/**
 * pstore_init - start logging into the loader's area, if there is one
 * @bi: the boot information (the area is in its extension 1)
 *
 * Copies what printk stored so far, then takes every later record.
 */
void pstore_init(const struct bootinfo *bi);

/**
 * pstore_end - record how this boot ends
 * @state: PSTORE_STATE_HALTED, _PANIC or _REBOOT
 * @status: the boot's exit status
 */
void pstore_end(enum pstore_state state, unsigned int status);

#endif
