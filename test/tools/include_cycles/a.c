#include "a.h"
#include "b.h"
int a_fn(int x) { return x ? b_fn(x - 1) : 0; }
