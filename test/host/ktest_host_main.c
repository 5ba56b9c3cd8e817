// SPDX-License-Identifier: MIT
/*
 * main() for every host test binary: runs the suites linked into it (or
 * those named by --filter=a,b) and prints KTAP on stdout. The exit status
 * is what ctest reads: 0 only when no case failed.
 */
#include <lib/ktest.h>
#include <stdio.h>
#include <string.h>

static void stdout_write(void *ctx, const char *s, size_t len)
{
	(void)ctx;
	fwrite(s, 1, len, stdout);
	/* Flushed per line so a sanitizer abort keeps the lines before it. */
	fflush(stdout);
}

static int usage(const char *prog)
{
	fprintf(stderr, "usage: %s [--filter=SUITE[,SUITE...]]\n", prog);
	return 2;
}

int main(int argc, char **argv)
{
	static const struct ktest_sink sink = { stdout_write, NULL };
	const char *filter = NULL;

	for (int i = 1; i < argc; i++) {
		if (!strncmp(argv[i], "--filter=", 9))
			filter = argv[i] + 9;
		else if (!strcmp(argv[i], "--filter") && i + 1 < argc)
			filter = argv[++i];
		else
			return usage(argv[0]);
	}
	return ktest_run_all(filter, &sink) ? 1 : 0;
}
