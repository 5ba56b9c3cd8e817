#!/usr/bin/env bash
# check_output.sh CMD...: run CMD (scripts/bench --quick) and check that it
# exits 0 and prints well-formed lines, every required figure among them.
# Speed is not checked: CI machines are too noisy for that. Here-strings, not
# printf | grep -q: grep quitting early would SIGPIPE printf under pipefail.
set -euo pipefail
out=$("$@") || { echo "FAIL: '$*' exited $?"; exit 1; }
printf '%s\n' "$out"
num='[0-9]+(\.[0-9]+)?'
bad=$(printf '%s\n' "$out" | grep -v '^#' |
	grep -vE "^[a-z0-9_.]+ +$num +(ns/op|cycles/op|ms/GiB|ratio) +$num +$num$" || true)
[ -z "$bad" ] || { echo "FAIL: malformed lines:"; printf '%s\n' "$bad"; exit 1; }
for f in page_alloc.order0_pcp_hot page_alloc.order0_buddy page_alloc.order3 \
	page_alloc.order9; do
	for u in ns/op cycles/op; do
		grep -qE "^$f +$num +$u " <<< "$out" ||
			{ echo "FAIL: no '$f ... $u' line"; exit 1; }
	done
done
for f in mem_init.1g mem_init.4g mem_init.16g mem_init.64g; do
	grep -qE "^$f +$num +ms/GiB " <<< "$out" ||
		{ echo "FAIL: no '$f ... ms/GiB' line"; exit 1; }
done
for f in mem_init.1t mem_init.deferred_64g mem_init.64g.deferred mem_init.memmap_write_1g \
	mem_init.memmap_write_64g mem_init.deferred_64g_2cpu; do
	grep -qE "^$f +$num +ms/GiB " <<< "$out" ||
		{ echo "FAIL: no '$f ... ms/GiB' line"; exit 1; }
done
for f in mem_init.64g_over_1g mem_init.memmap_write_64g_over_1g \
	mem_init.deferred_64g_2cpu_speedup; do
	grep -qE "^$f +$num +ratio " <<< "$out" || { echo "FAIL: no $f line"; exit 1; }
done
for n in 8 64 256 1024 4096; do
	for f in kmalloc glibc mimalloc; do
		for u in ns/op cycles/op; do
			grep -qE "^slab.${f}_${n}_hot +$num +$u " <<< "$out" ||
				{ echo "FAIL: no 'slab.${f}_${n}_hot ... $u' line"; exit 1; }
		done
	done
	for r in mimalloc glibc; do
		grep -qE "^slab.kmalloc_${n}_over_$r +$num +ratio " <<< "$out" ||
			{ echo "FAIL: no slab.kmalloc_${n}_over_$r line"; exit 1; }
	done
done
grep -qE "^slab.mixed_pages_over_live +$num +ratio " <<< "$out" ||
	{ echo "FAIL: no slab.mixed_pages_over_live line"; exit 1; }
for f in page_alloc.order0_pcp_2cpu_scaling slab.kmalloc_64_2thr_over_mimalloc \
	slab.kmalloc_64_remote_free_over_mimalloc; do
	grep -qE "^$f +$num +ratio " <<< "$out" || { echo "FAIL: no $f ratio line"; exit 1; }
done
grep -q '^# targets:' <<< "$out" || { echo "FAIL: no targets note"; exit 1; }
# What the figures are: TSC ticks, beside Linux's figures in ns, and the
# simulator's cheaper interrupt masking.
grep -q '^# cycles = TSC ticks' <<< "$out" || { echo "FAIL: no note that cycles are TSC ticks"; exit 1; }
grep -q "^# caveat: .*fast paths are SMP-safe by masking interrupts" <<< "$out" ||
	{ echo "FAIL: no note on the simulator's interrupt masking"; exit 1; }
grep -q '^# Linux, in ns ' <<< "$out" || { echo "FAIL: no Linux figures in ns"; exit 1; }
echo "PASS: bench output well-formed"
