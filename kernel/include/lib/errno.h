/* SPDX-License-Identifier: MIT */
/* The few error numbers the kernel returns, with Linux's values. */
#ifndef LIB_ERRNO_H
#define LIB_ERRNO_H

#define ENOENT 2
#define ENXIO  6
#define ENOMEM 12
#define EBUSY  16
#define EEXIST 17
#define EINVAL 22
#define ERANGE 34

#endif
