/* SPDX-License-Identifier: MIT */
#ifndef LIB_SORT_H
#define LIB_SORT_H

#include <stddef.h>

/**
 * sort - sort an array in place with a heap sort
 * @base: the array
 * @num: number of elements
 * @size: size of one element in bytes
 * @cmp: returns <0, 0 or >0 like strcmp
 *
 * Heap sort, not quicksort: O(n log n) in the worst case, no recursion and
 * no extra memory, which is what boot code fed by firmware tables needs.
 * Not stable.
 */
void sort(void *base, size_t num, size_t size, int (*cmp)(const void *, const void *));

#endif
