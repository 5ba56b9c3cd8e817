#include "../ring.h"
int r_fn(int x) { return x ? p_fn(x - 1) : 0; }
