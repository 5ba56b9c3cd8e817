/*
 * Kernel entry from the UEFI loader (docs/boot-protocol.md):
 *   long mode, paging on with the loader's tables, interrupts off,
 *   %rdi = physical address of struct bootinfo.
 * We note the TSC (printk timestamps count from here), switch to our own
 * stack and call into C; GDT and IDT are start_kernel's first job.
 */
	.section .text.head, "ax"
	.globl _start
_start:
	cli
	cld
	rdtsc				/* keeps %rdi, the bootinfo pointer */
	shlq	$32, %rdx
	orq	%rdx, %rax
	movq	%rax, tsc_at_entry(%rip)
	leaq	boot_stack_top(%rip), %rsp
	xorl	%ebp, %ebp		/* terminates stack traces */
	/* GS base at the per-CPU template (CPU 0's copy until
	 * setup_per_cpu_areas): printk's smp_processor_id() reads it. */
	leaq	this_cpu_off(%rip), %rax
	movq	%rax, %rdx
	shrq	$32, %rdx
	movl	$0xc0000101, %ecx	/* MSR_GS_BASE */
	wrmsr
	call	start_kernel
1:	hlt
	jmp	1b

	.section .bss
	.balign 4096
	.globl boot_stack, boot_stack_top
boot_stack:
	.skip	16384
boot_stack_top:

	.balign 8
	.globl tsc_at_entry
tsc_at_entry:
	.skip	8
