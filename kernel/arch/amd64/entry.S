/*
 * Exception entry. Each of the 32 vectors gets a stub that makes the frame
 * uniform (a dummy error code where the CPU pushes none, then the vector
 * number) and jumps to exception_common, which saves every general
 * register in struct pt_regs order (asm/ptrace.h) and calls do_exception.
 * Nothing returns yet: every exception is fatal at this stage.
 */
	.text

/* Vectors for which the CPU pushes an error code (SDM vol. 3, 6.13). */
#define HAS_ERROR_CODE(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || \
			   (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

.macro exception_stub vec
	.p2align 4
exception_\vec:
	.if !HAS_ERROR_CODE(\vec)
	pushq	$0
	.endif
	pushq	$\vec
	jmp	exception_common
.endm

.irp vec, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	exception_stub \vec
.endr

	.p2align 4
exception_common:
	pushq	%rdi
	pushq	%rsi
	pushq	%rdx
	pushq	%rcx
	pushq	%rax
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	cld
	movq	%rsp, %rdi	/* the CPU aligned the frame: %rsp is 16-aligned */
	call	do_exception
	ud2			/* do_exception does not return */

	.section .rodata
	.balign 8
	.globl exception_stubs
exception_stubs:
.irp vec, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.quad	exception_\vec
.endr
