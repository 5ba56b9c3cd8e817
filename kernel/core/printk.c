// SPDX-License-Identifier: MIT
/*
 * printk: format, timestamp, keep in a static log buffer, hand to consoles.
 *
 * The log buffer exists so that a console registered late (the framebuffer,
 * after the command line is known) still shows the boot from its first line.
 * It is append-only: once full, new messages still reach the consoles but
 * are no longer stored. One CPU at a time formats and emits, interrupts
 * off (the buffers are shared).
 */
#define pr_fmt(fmt) "printk: " fmt

#include <kernel/arch.h>
#include <kernel/console.h>
#include <kernel/irqflags.h>
#include <kernel/panic.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/processor.h>
#include <kernel/smp.h>
#include <lib/cmdline.h>
#include <lib/string.h>
#include <lib/vsprintf.h>
#include <limits.h>
#include <stdint.h>

#define LOG_BUF_SIZE (128 * 1024)
/* Room for the longest command line plus its "Command line: " prefix. */
#define LOG_LINE_MAX  (2048 + 64)
#define TS_PREFIX_MAX 32

static int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
static bool ignore_loglevel;
static bool force_console;

/* Records: level byte, 16-bit length, text (with its own prefix). */
static char log_buf[LOG_BUF_SIZE];
static size_t log_len;

/* The persistent log (pstore.c): every record, whatever its level. */
static void (*persistent_write)(const char *s, size_t len);

static bool line_open; /* the last message did not end in '\n' */
static int open_level; /* level of that unfinished line */

static bool level_visible(int level)
{
	return force_console || ignore_loglevel || level < console_loglevel;
}

static void log_store(int level, const char *s, size_t len)
{
	if (len > UINT16_MAX || log_len + 3 + len > sizeof(log_buf))
		return;
	log_buf[log_len] = (char)level;
	log_buf[log_len + 1] = (char)(len & 0xff);
	log_buf[log_len + 2] = (char)(len >> 8);
	memcpy(&log_buf[log_len + 3], s, len);
	log_len += 3 + len;
}

static void emit(int level, const char *s, size_t len)
{
	if (!len)
		return;
	log_store(level, s, len);
	if (persistent_write)
		persistent_write(s, len);
	if (level_visible(level))
		console_write_all(s, len);
}

void console_replay_log(struct console *con)
{
	size_t pos = 0;

	while (pos + 3 <= log_len) {
		int level = log_buf[pos];
		size_t len = (uint8_t)log_buf[pos + 1] | (size_t)(uint8_t)log_buf[pos + 2] << 8;

		if (level_visible(level))
			con->write(con, &log_buf[pos + 3], len);
		pos += 3 + len;
	}
}

void printk_set_persistent(void (*write)(const char *s, size_t len))
{
	for (size_t pos = 0; pos + 3 <= log_len;) {
		size_t len = (uint8_t)log_buf[pos + 1] | (size_t)(uint8_t)log_buf[pos + 2] << 8;

		write(&log_buf[pos + 3], len);
		pos += 3 + len;
	}
	persistent_write = write;
}

static size_t timestamp(char *buf, size_t size)
{
	uint64_t ns = arch_clock_ns();
	int n = ksnprintf(buf, size, "[%5llu.%06llu] ", (unsigned long long)(ns / 1000000000),
			  (unsigned long long)(ns % 1000000000 / 1000));

	return n < 0 ? 0 : (size_t)n;
}

/* Strip KERN_* headers: sets *level (or leaves it) and *cont. */
static const char *parse_level(const char *s, int *level, bool *cont)
{
	while (s[0] == KERN_SOH_ASCII && s[1]) {
		if (s[1] >= '0' && s[1] <= '7')
			*level = s[1] - '0';
		else if (s[1] == 'c')
			*cont = true;
		s += 2;
	}
	return s;
}

/*
 * Static, not on the stack: the IST stacks are small, and a printk that
 * faults is abandoned anyway (the oops report reuses the buffers).
 */
static char text[LOG_LINE_MAX];
static char line[TS_PREFIX_MAX + LOG_LINE_MAX];

/* The CPU printing now, or UINT_MAX. */
static unsigned int printk_cpu = UINT_MAX;

/*
 * How long a panicking CPU waits for another CPU to finish its message
 * before it takes printk over: a line reaches a 115200-baud serial port
 * in ~0.2 s at worst, so a CPU holding on for a second is stuck (maybe
 * spinning in a console driver, interrupts off) and would never let go.
 */
#define PRINTK_PANIC_WAIT_NS 1000000000ull

enum printk_lock_state {
	PRINTK_NESTED, /* this CPU holds it already */
	PRINTK_LOCKED, /* taken: release it */
	PRINTK_DROP,   /* another CPU is panicking: say nothing */
};

/*
 * The panicking CPU takes printk from a CPU that did not let go in time
 * (Linux's console_flush_on_panic ignores the console lock the same way):
 * the panic report matters more than that CPU's half-written line.
 */
static void printk_take_over(unsigned int me)
{
	/* Not line[]: the stuck CPU may still be writing it out. */
	static char note[TS_PREFIX_MAX + 96];
	unsigned int holder = __atomic_exchange_n(&printk_cpu, me, __ATOMIC_ACQUIRE);
	size_t pos;
	int n;

	if (line_open)
		emit(open_level, "\n", 1);
	line_open = false;
	pos = timestamp(note, TS_PREFIX_MAX);
	n = ksnprintf(note + pos, sizeof(note) - pos,
		      "printk: CPU%u held printk for over %llu ms: taken over for the panic\n",
		      holder, PRINTK_PANIC_WAIT_NS / 1000000);
	if (n > 0 && (size_t)n < sizeof(note) - pos)
		emit(LOGLEVEL_EMERG, note, pos + (size_t)n);
}

/*
 * Take printk for this CPU. A CPU already in printk (a fault or panic while
 * printing) goes on without waiting for itself: a garbled line is better
 * than a silent hang. Once a panic has begun, the other CPUs keep quiet
 * (Linux since 6.7 keeps their messages out of the log too) and the
 * panicking CPU waits a bounded time for the lock.
 */
static enum printk_lock_state printk_lock(void)
{
	unsigned int me = smp_processor_id(), none;
	uint64_t start = 0, now;

	if (__atomic_load_n(&printk_cpu, __ATOMIC_RELAXED) == me)
		return PRINTK_NESTED;
	for (;;) {
		if (other_cpu_in_panic())
			return PRINTK_DROP;
		none = UINT_MAX;
		if (__atomic_compare_exchange_n(&printk_cpu, &none, me, false, __ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			return PRINTK_LOCKED;
		if (panic_in_progress()) {
			now = arch_clock_ns();
			if (!start)
				start = now;
			/* No clock yet: nothing to wait with. */
			if (!now || now - start >= PRINTK_PANIC_WAIT_NS) {
				printk_take_over(me);
				return PRINTK_LOCKED;
			}
		}
		cpu_relax();
	}
}

/* Let go, unless the panicking CPU took printk from us meanwhile. */
static void printk_unlock(void)
{
	unsigned int me = smp_processor_id();

	__atomic_compare_exchange_n(&printk_cpu, &me, UINT_MAX, false, __ATOMIC_RELEASE,
				    __ATOMIC_RELAXED);
}

static int vprintk_locked(const char *fmt, va_list ap);

int vprintk(const char *fmt, va_list ap)
{
	unsigned long flags = local_irq_save();
	enum printk_lock_state state = printk_lock();
	int n = 0;

	if (state != PRINTK_DROP)
		n = vprintk_locked(fmt, ap);
	if (state == PRINTK_LOCKED)
		printk_unlock();
	local_irq_restore(flags);
	return n;
}

static int vprintk_locked(const char *fmt, va_list ap)
{
	int level = -1, n;
	bool cont = false;
	const char *s;

	n = kvsnprintf(text, sizeof(text), fmt, ap);
	s = parse_level(text, &level, &cont);

	if (line_open && !cont) {
		/* A new message never joins an unfinished line. */
		emit(open_level, "\n", 1);
		line_open = false;
	}
	if (line_open)
		level = open_level;
	else if (level < 0)
		level = MESSAGE_LOGLEVEL_DEFAULT;

	/* Each line gets the timestamp prefix, as in Linux's records. */
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) + 1 : strlen(s);
		size_t pos = 0;

		if (!line_open)
			pos = timestamp(line, TS_PREFIX_MAX);
		memcpy(line + pos, s, len);
		emit(level, line, pos + len);
		line_open = !nl;
		open_level = level;
		s += len;
	}
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

void printk_force_console(void)
{
	force_console = true;
}

static int set_loglevel(const char *val)
{
	unsigned long level;

	if (!val || parse_uint(val, CONSOLE_LOGLEVEL_MAX, &level))
		return -1;
	console_loglevel = (int)level;
	return 0;
}
kernel_param("loglevel", set_loglevel);

static int set_ignore_loglevel(const char *val)
{
	if (val)
		return -1;
	ignore_loglevel = true;
	pr_info("debug: ignoring loglevel setting.\n");
	return 0;
}
kernel_param("ignore_loglevel", set_ignore_loglevel);
