/* SPDX-License-Identifier: MIT */
/*
 * CHECK(cond, fmt, ...): the fuzzers' invariant check. A broken invariant
 * prints what broke and aborts, which libFuzzer records as a crash with
 * the input that caused it.
 */
#ifndef TEST_FUZZ_CHECK_H
#define TEST_FUZZ_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#define CHECK(cond, ...)                                                   \
	do {                                                               \
		if (!(cond)) {                                             \
			fprintf(stderr, "invariant broken: %s: ", #cond);  \
			fprintf(stderr, __VA_ARGS__);                      \
			fputc('\n', stderr);                               \
			abort();                                           \
		}                                                          \
	} while (0)

#endif
