#include "../ring.h"
int p_fn(int x) { return x ? q_fn(x - 1) : 0; }
