#include "a.h"
#include "b.h"
int b_fn(int x) { return x ? a_fn(x - 1) : 1; }
