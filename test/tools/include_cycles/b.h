int b_fn(int x);
