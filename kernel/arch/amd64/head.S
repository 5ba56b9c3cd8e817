/*
 * Kernel entry from the UEFI loader (docs/boot-protocol.md):
 *   long mode, paging on with the loader's tables, interrupts off,
 *   %rdi = physical address of struct bootinfo.
 * We only switch to our own stack and call into C; GDT and IDT come next.
 */
	.section .text.head, "ax"
	.globl _start
_start:
	cli
	cld
	leaq	boot_stack_top(%rip), %rsp
	xorl	%ebp, %ebp		/* terminates stack traces */
	call	start_kernel
1:	hlt
	jmp	1b

	.section .bss
	.balign 4096
boot_stack:
	.skip	16384
boot_stack_top:
