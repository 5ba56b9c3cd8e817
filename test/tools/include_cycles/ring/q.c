#include "../ring.h"
int q_fn(int x) { return x ? r_fn(x - 1) : 0; }
