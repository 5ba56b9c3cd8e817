/* SPDX-License-Identifier: MIT */
/*
 * The register frame the exception entry code (entry.S) builds on the stack.
 * The field order is the push order reversed; entry.S and this struct must
 * change together (static asserts in traps.c check the size).
 */
#ifndef ASM_PTRACE_H
#define ASM_PTRACE_H

#include <stdint.h>

struct pt_regs {
	uint64_t r15, r14, r13, r12, rbp, rbx, r11, r10;
	uint64_t r9, r8, rax, rcx, rdx, rsi, rdi;
	uint64_t vector;     /* pushed by the per-vector stub */
	uint64_t error_code; /* from the CPU, or a dummy 0 from the stub */
	/* hardware interrupt frame */
	uint64_t rip, cs, rflags, rsp, ss;
};

#endif
