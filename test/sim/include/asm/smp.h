/* SPDX-License-Identifier: MIT */
/*
 * The host simulator's answer to <asm/smp.h>: each simulated CPU is a host
 * thread (sim_smp_run(), test/sim/sim_smp.c) whose number is thread-local;
 * the main thread and any thread not started as a CPU are CPU 0. It
 * shadows the x86 header through the simulator's include path.
 */
#ifndef ASM_SMP_H
#define ASM_SMP_H

/*
 * Every binary the simulator is linked into is an executable: its TLS is
 * at fixed offsets from %fs, one instruction away as %gs-relative per-CPU
 * data is for the kernel (the default, initial-exec, adds a load of the
 * offset to each access).
 */
#define SIM_TLS __attribute__((tls_model("local-exec")))

extern __thread unsigned int sim_cpu_id SIM_TLS;

static inline unsigned int smp_processor_id(void)
{
	return sim_cpu_id;
}

#endif
