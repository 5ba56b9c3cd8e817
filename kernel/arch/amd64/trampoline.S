/*
 * The SMP trampoline: an AP woken by STARTUP IPIs runs this in real mode
 * at CS:0 = the trampoline page below 1 MiB (smpboot.c copies the bytes
 * between trampoline_start and trampoline_end there). It goes
 * 16 -> 32 -> 64-bit the way Linux's trampoline_64.S does: its own small
 * GDT, protected mode, then CR4 (PAE), CR3 (a page table below 4 GiB that
 * identity-maps the first 2 MiB and shares the kernel's upper half),
 * EFER with LME and NXE *before* paging (the kernel's tables have NX
 * bits), paging on, a far jump to 64-bit code, and on to the kernel's
 * secondary_startup_64. Nothing here knows its address: it reads it from
 * CS and fills in its own GDT base and jump targets.
 */
#define TR_CS32		0x08
#define TR_DS		0x10
#define TR_CS64		0x18
#define MSR_EFER	0xc0000080
#define MSR_MISC_ENABLE	0x1a0
/* PE, MP, ET, NE, WP, AM, PG: Linux's CR0_STATE */
#define CR0_STATE	0x80050033

	.section .rodata, "a"
	.balign 16
	.globl trampoline_start, trampoline_end, trampoline_header
	.code16
trampoline_start:
	cli
	cld
	movw	%cs, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %ss
	xorl	%esi, %esi		/* %esi: the page's physical address */
	movw	%ax, %si
	shll	$4, %esi
	leal	(tr_gdt - trampoline_start)(%esi), %eax
	movl	%eax, (tr_gdt_desc + 2 - trampoline_start)
	leal	(startup_32 - trampoline_start)(%esi), %eax
	movl	%eax, (tr_jmp32 - trampoline_start)
	leal	(startup_64 - trampoline_start)(%esi), %eax
	movl	%eax, (tr_jmp64 - trampoline_start)
	lgdtl	(tr_gdt_desc - trampoline_start)
	movl	%cr0, %eax
	orl	$1, %eax		/* PE */
	movl	%eax, %cr0
	ljmpl	*(tr_jmp32 - trampoline_start)

	.code32
startup_32:
	movl	$TR_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs
	/* An Intel CPU whose firmware set XD-disable would fault on NX bits. */
	xorl	%eax, %eax
	cpuid
	cmpl	$0x756e6547, %ebx	/* "Genu" */
	jne	1f
	cmpl	$0x49656e69, %edx	/* "ineI" */
	jne	1f
	cmpl	$0x6c65746e, %ecx	/* "ntel" */
	jne	1f
	movl	$MSR_MISC_ENABLE, %ecx
	rdmsr
	btrl	$2, %edx		/* bit 34: XD disable */
	jnc	1f
	wrmsr
1:
	movl	(tr_cr4 - trampoline_start)(%esi), %eax
	movl	%eax, %cr4
	movl	(tr_cr3 - trampoline_start)(%esi), %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	movl	(tr_efer - trampoline_start)(%esi), %eax
	movl	(tr_efer + 4 - trampoline_start)(%esi), %edx
	wrmsr
	movl	$CR0_STATE, %eax
	movl	%eax, %cr0
	ljmpl	*(tr_jmp64 - trampoline_start)(%esi)

	.code64
startup_64:
	movl	%esi, %esi		/* upper half undefined after the switch */
	jmpq	*(tr_entry - trampoline_start)(%rsi)

	.balign 8
tr_gdt:
	.quad	0
	.quad	0x00cf9b000000ffff	/* TR_CS32: 32-bit code, flat */
	.quad	0x00cf93000000ffff	/* TR_DS: data, flat */
	.quad	0x00af9b000000ffff	/* TR_CS64: 64-bit code */
tr_gdt_end:
tr_gdt_desc:
	.word	tr_gdt_end - tr_gdt - 1
	.long	0
tr_jmp32:
	.long	0
	.word	TR_CS32
tr_jmp64:
	.long	0
	.word	TR_CS64

	/* struct trampoline_header (smpboot.c), filled in by the boot CPU. */
	.balign 8
trampoline_header:
tr_cr3:
	.long	0
tr_cr4:
	.long	0
tr_efer:
	.quad	0
tr_entry:
	.quad	0
trampoline_end:

/*
 * In the kernel image now, on the trampoline's page table: switch to the
 * kernel's own (it may sit above 4 GiB), the stack the boot CPU gave us,
 * and C.
 */
	.text
	.globl secondary_startup_64
secondary_startup_64:
	movq	smp_boot_cr3(%rip), %rax
	movq	%rax, %cr3
	movq	smp_boot_stack(%rip), %rsp
	xorl	%ebp, %ebp		/* terminates stack traces */
	call	start_secondary
1:	hlt
	jmp	1b
