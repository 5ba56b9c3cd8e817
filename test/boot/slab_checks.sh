#!/usr/bin/env bash
# slab_checks.sh BUILD_DIR MODE [ARGS...]: boots that check the slab allocator.
#   selftest MACHINE MEM [CMDLINE...]
#             selftest=slab (plus CMDLINE, e.g. slub_debug=FZPU): status 0,
#             every case ok, kunit.py agrees, and each planted bug's report
#             on the console (the kernel cannot capture its own printk)
#   slabinfo  mminfo=slabinfo: the /proc/slabinfo 2.1 dump's shape, each
#             row consistent, the memory line the sum of the rows
set -euo pipefail
build=$1 mode=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

# count REGEX N: exactly N matching lines.
count() {
	local n
	n=$(grep -cE -- "$1" "$log.txt" || true)
	[ "$n" -eq "$2" ] || fail "$n lines matching '$1', want $2 ($log)"
}

cases="slab_bootstrap slab_kmalloc_every_size slab_kmalloc_large slab_cache_alignment
	slab_constructor slab_shrink slab_shrink_many slab_destroy_busy
	slab_free_wrong_cache slab_kfree_bad_pointer slab_debug_redzone_right
	slab_debug_redzone_left slab_debug_redzone_edges slab_debug_poison
	slab_debug_poison_edges slab_debug_double_free
	slab_debug_invalid_pointer slab_debug_tracking slab_double_free_no_debug
	slab_mixed_workload"

case $mode in
selftest)
	machine=$1 mem=$2
	shift 2
	extra="$*"
	name="slab-$machine-$mem${extra:+-debug}"
	boot 0 "$name" --machine "$machine" -m "$mem" --cmdline "$extra selftest=slab"
	has '^SLUB: HWalign=64, Order=0-3, MinObjects=[0-9]+, CPUs=[0-9]+, Nodes=1$'
	n=0
	for c in $cases; do
		has "^    ok [0-9]+ $c\$"
		n=$((n + 1))
	done
	has '^ok 1 slab$'
	has "^# Totals: pass:$n fail:0 skip:0 total:$n\$"
	! grep -q 'not ok' "$log.txt" || fail "a KTAP case failed"
	# The planted bugs, as reported (one each; the double free twice more;
	# redzone_edges: first and last byte of each red zone, written in use
	# and while free, 4 + 4; poison_edges: bytes 0, 58, 59).
	dbg='^BUG slab_test_dbg \(Not tainted\): '
	count "${dbg}Redzone overwritten\$" 5
	count "${dbg}Left Redzone overwritten\$" 5
	count "${dbg}Poison overwritten\$" 4
	count "${dbg}Object already free\$" 2
	count "${dbg}Invalid object pointer \(not the start of an object\)\$" 1
	has '^FIX slab_test_dbg: Restoring Redzone 0x[0-9a-f]{16}-0x[0-9a-f]{16}=0xcc$'
	has '^INFO: 0x[0-9a-f]{16}-0x[0-9a-f]{16} @offset=[0-9]+\. First byte 0x0 instead of 0x6b$'
	has '^INFO: Allocated in slab_debug_tracking\+0x[0-9a-f]+/0x[0-9a-f]+ age=[0-9]+ms cpu=0$'
	has '^INFO: Freed in slab_debug_tracking\+0x[0-9a-f]+/0x[0-9a-f]+ age=[0-9]+ms cpu=0$'
	if [ -z "$extra" ]; then
		count '^BUG slab_test_df \(Not tainted\): double free \(object is already free\)$' 2
	else
		count '^BUG slab_test_df \(Not tainted\): Object already free$' 2
	fi
	has '^kmem_cache_destroy slab_test_busy: Slab cache still has objects \(2 live\)$'
	count '^INFO: Object 0x[0-9a-f]{16} @offset=[0-9]+ still allocated$' 2
	has '^kmem_cache_free\(slab_test_b, 0x[0-9a-f]{16}\): the object belongs to slab_test_a$'
	count '^kfree\(0x[0-9a-f]{16}\): not a pointer kmalloc returned$' 4
	ktap_parse
	;;
slabinfo)
	# 4 CPUs: each counts its own cpu slabs (on_each_cpu), none reads another's list.
	boot 0 slabinfo --smp 4 --cmdline "mminfo=slabinfo"
	has '^slabinfo - version: 2\.1$'
	has '^# name +<active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>$'
	for c in kmem_cache kmem_cache_node kmalloc-8 kmalloc-16 kmalloc-32 kmalloc-64 \
		 kmalloc-96 kmalloc-128 kmalloc-192 kmalloc-256 kmalloc-512 kmalloc-1k \
		 kmalloc-2k kmalloc-4k kmalloc-8k; do
		count "^$c +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+ : tunables +0 +0 +0 : slabdata +[0-9]+ +[0-9]+ +0\$" 1
	done
	has '^# slab memory: [0-9]+ pages \([0-9]+K\) hold [0-9]+K of live objects: [0-9]+% overhead$'
	# Each row: active <= objects = per-slab x slabs, the objects fit the
	# slab's pages; the memory line's pages are the rows' sum.
	python3 - "$log.txt" <<'PY' || fail "slabinfo rows inconsistent"
import re, sys
rows, mem = [], None
for l in open(sys.argv[1]):
    m = re.match(r'^(\S+) +(\d+) +(\d+) +(\d+) +(\d+) +(\d+) : tunables +0 +0 +0 : slabdata +(\d+) +(\d+) +0$', l)
    if m:
        rows.append((m.group(1), *map(int, m.groups()[1:])))
    m = re.match(r'^# slab memory: (\d+) pages \((\d+)K\)', l)
    if m:
        mem = (int(m.group(1)), int(m.group(2)))
ok = bool(rows) and mem is not None
pages = 0
for name, active, num, size, per, pps, aslabs, nslabs in rows:
    good = active <= num and num == per * nslabs and aslabs == nslabs and \
           size * per <= 4096 * pps and per > 0
    if not good:
        print("bad row:", name, active, num, size, per, pps, aslabs, nslabs)
    ok &= good
    pages += nslabs * pps
if mem and (mem[0] != pages or mem[1] != pages * 4):
    print("memory line", mem, "but the rows hold", pages, "pages")
    ok = False
sys.exit(0 if ok else 1)
PY
	has '^mmk: boot complete, status 0$'
	;;
*)
	fail "unknown mode $mode"
	;;
esac
pass "$mode $*"
