/* SPDX-License-Identifier: MIT */
/* How many simulated CPUs the host's smp suites run on (smp_test_host.c). */
#ifndef TEST_HOST_SMP_TEST_HOST_H
#define TEST_HOST_SMP_TEST_HOST_H

extern unsigned int smpt_host_cpus;

#endif
