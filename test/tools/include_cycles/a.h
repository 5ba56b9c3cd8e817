/* Fixture for tools.include_cycles_catches: a.c and b.c call each other. */
#include "h1.h"
int a_fn(int x);
