/* SPDX-License-Identifier: MIT */
/*
 * What mm does when a CPU is activated: the seed's "initialized when they
 * are activated" for the per-CPU state of each CPU other than the boot one.
 */
#ifndef MM_CPUHP_H
#define MM_CPUHP_H

/**
 * mm_cpu_online - set up CPU @cpu's per-CPU mm state
 *
 * Called by the CPU itself (interrupts off, nothing else of its own
 * running) before it marks itself online: every zone's pageset limits
 * again, the zone's low watermark now split over one more CPU if the zone
 * is on this CPU's node. Its per-CPU area exists already
 * (setup_per_cpu_areas).
 */
void mm_cpu_online(unsigned int cpu);

#endif
