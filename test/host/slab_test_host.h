/* SPDX-License-Identifier: MIT */
/* The machine and extra command line the host slab suites boot (slab_test_host.c). */
#ifndef TEST_SLAB_TEST_HOST_H
#define TEST_SLAB_TEST_HOST_H

#include "page_alloc_machines.h"

extern const struct pa_machine *slt_machine;
extern const char *slt_cmdline;

#endif
