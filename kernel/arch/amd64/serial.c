// SPDX-License-Identifier: MIT
/*
 * COM1 as a polled 16550 console (ttyS0). Probed the way Linux's 8250
 * driver autoconfigures a port (IER read-back, then the MCR loopback test),
 * so a machine without COM1 (floating bus reads 0xff) gets no console
 * instead of a hang. Every wait on the LSR is bounded.
 */
#define pr_fmt(fmt) "serial8250: " fmt

#include <asm/io.h>
#include <asm/serial.h>
#include <kernel/console.h>
#include <kernel/printk.h>
#include <stdbool.h>

#define COM1_BASE 0x3f8
#define BASE_BAUD 115200

/* Register offsets (DLL/DLM replace RBR/IER while LCR.DLAB is set). */
#define UART_TX	 0
#define UART_DLL 0
#define UART_IER 1
#define UART_DLM 1
#define UART_IIR 2
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_MSR 6

#define UART_LCR_DLAB	     0x80
#define UART_LCR_WLEN8	     0x03 /* 8 data bits, no parity, 1 stop bit */
#define UART_MCR_DTR	     0x01
#define UART_MCR_RTS	     0x02
#define UART_MCR_OUT2	     0x08
#define UART_MCR_LOOP	     0x10
#define UART_LSR_THRE	     0x20
#define UART_FCR_ENABLE_FIFO 0x01
#define UART_FCR_CLEAR	     0x06
#define UART_FCR_TRIGGER_14  0xc0

/* About a second of polling on real hardware, where inb takes ~1 us. */
#define THRE_POLL_LIMIT 1000000

static bool port_dead;

static uint8_t serial_in(int reg)
{
	return inb((uint16_t)(COM1_BASE + reg));
}

static void serial_out(int reg, uint8_t v)
{
	outb(v, (uint16_t)(COM1_BASE + reg));
}

static bool uart_present(void)
{
	uint8_t ier, mcr, a, b, msr;

	/* IER bits 4-7 are zero on every 8250 and can be read back. */
	ier = serial_in(UART_IER);
	serial_out(UART_IER, 0);
	a = serial_in(UART_IER);
	serial_out(UART_IER, 0x0f);
	b = serial_in(UART_IER);
	serial_out(UART_IER, ier);
	if ((a & 0x0f) != 0 || (b & 0x0f) != 0x0f)
		return false;

	/* In loopback, RTS and OUT2 come back as CTS and DCD: MSR 0x90. */
	mcr = serial_in(UART_MCR);
	serial_out(UART_MCR, UART_MCR_LOOP | UART_MCR_OUT2 | UART_MCR_RTS);
	msr = serial_in(UART_MSR) & 0xf0;
	serial_out(UART_MCR, mcr);
	return msr == 0x90;
}

static const char *uart_type(void)
{
	switch (serial_in(UART_IIR) >> 6) {
	case 3: return "16550A";
	case 2: return "16550";
	case 0: return "16450";
	default: return "unknown";
	}
}

static void serial_putc(char c)
{
	int i;

	for (i = 0; i < THRE_POLL_LIMIT; i++)
		if (serial_in(UART_LSR) & UART_LSR_THRE)
			break;
	if (i == THRE_POLL_LIMIT) {
		port_dead = true; /* never drains: stop trying */
		return;
	}
	serial_out(UART_TX, (uint8_t)c);
}

static void serial_write(struct console *con, const char *s, size_t len)
{
	(void)con;
	for (size_t i = 0; i < len && !port_dead; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

static struct console serial_console = {
	.name = "ttyS",
	.index = 0,
	.write = serial_write,
};

void serial_init(void)
{
	unsigned int divisor = BASE_BAUD / 115200;

	if (!uart_present())
		return;
	serial_out(UART_IER, 0); /* polled: no interrupts */
	serial_out(UART_LCR, UART_LCR_DLAB);
	serial_out(UART_DLL, divisor & 0xff);
	serial_out(UART_DLM, divisor >> 8);
	serial_out(UART_LCR, UART_LCR_WLEN8);
	serial_out(UART_FCR, UART_FCR_ENABLE_FIFO | UART_FCR_CLEAR | UART_FCR_TRIGGER_14);
	serial_out(UART_MCR, UART_MCR_DTR | UART_MCR_RTS);
	register_console(&serial_console);
	pr_info("ttyS0 at I/O 0x%x (irq = 4, base_baud = %d) is a %s\n", COM1_BASE, BASE_BAUD,
		uart_type());
}
