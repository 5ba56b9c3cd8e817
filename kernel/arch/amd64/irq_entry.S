/*
 * Entry for vectors 32-255 (IPIs, the local APIC's own vectors, anything
 * unexpected). Unlike exceptions these return: the stub pushes its vector
 * and irq_common saves the registers a C call may clobber, calls
 * do_IRQ(vector) and returns with iretq. Interrupt gates arrive with
 * interrupts off; the stubs are 16 bytes apart (idt.c indexes them).
 * The frame irq_common builds is struct irq_frame (stacktrace.c), which
 * the unwinder reads when it meets the return address after the call.
 */
	.text
	.p2align 4
	.globl irq_entries_start
irq_entries_start:
	vector = 32
	.rept 256 - 32
	.p2align 4
	pushq	$vector
	jmp	irq_common
	vector = vector + 1
	.endr

	.p2align 4
irq_common:
	/* The CPU's 5 words, the vector and these 10: aligned for the call. */
	pushq	%rax
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%rbp
	movq	%rsp, %rbp
	cld
	movq	80(%rsp), %rdi	/* the vector */
	call	do_IRQ
.Lirq_return:
	popq	%rbp
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%rax
	addq	$8, %rsp	/* the vector */
	iretq

	.section .rodata
	.balign 8
	.globl irq_return_addr
irq_return_addr:
	.quad	.Lirq_return
