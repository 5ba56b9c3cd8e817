int p_fn(int x);
int q_fn(int x);
int r_fn(int x);
