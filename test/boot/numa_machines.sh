#!/usr/bin/env bash
# numa_machines.sh BUILD_DIR MACHINE: boot a QEMU NUMA machine with every
# self-test (selftest=all: __GFP_THISNODE on each node, fallback in the
# zonelist's order as nodes are emptied), and check the NUMA bring-up:
#  - against Linux 6.1's own boot on the same machine where we have it
#    (test/data/linux-6.1-*.log): SRAT, merge, memory-less, fallback lines,
#    zonelist count, NODE_DATA lines (compare_numa.py --logs);
#  - against Linux's rules on the kernel's own firmware map and SRAT (mmsim
#    on the kernel's log, or on the machine's ACPI tables where the log
#    cannot say the distances): zones, node ranges, Initmem, Total pages;
#  - against lines derived by hand below for the machines Linux was not
#    booted on.
set -euo pipefail
build=$1 machine=$2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

ram() { echo "-object memory-backend-ram,id=$1,size=$2"; }
node() { echo "-numa node,nodeid=$1${2:+,cpus=$2}${3:+,memdev=$3}"; }
dist() { echo "-numa dist,src=$1,dst=$2,val=$3"; }

linux="" acpidump="" mmsim_opts=() expect=() cmdline=""
case $machine in
numa2) # shared/reference/linux-6.1-numa2.cmd
	mem=2G smp=2 linux=linux-6.1-numa2.log
	qemu="$(ram m0 1G) $(ram m1 1G) $(node 0 0 m0) $(node 1 1 m1)" ;;
numa3-memless) # linux-6.1-numa3-memless.cmd: node 2 has a CPU, no memory
	mem=2G smp=3 linux=linux-6.1-numa3-memless.log
	qemu="$(ram m0 1G) $(ram m1 1G) $(node 0 0 m0) $(node 1 1 m1) $(node 2 2)" ;;
numa4-dist) # linux-6.1-numa4-dist.cmd: the SLIT is in no log line, so
	# mmsim reads the tables captured from this machine (test/data/acpi)
	mem=4G smp=4 linux=linux-6.1-numa4-dist.log
	acpidump=$top/test/data/acpi/qemu-numa4-dist/mmk-run.dat
	qemu="$(ram m0 1G) $(ram m1 1G) $(ram m2 1G) $(ram m3 1G)"
	qemu+=" $(node 0 0 m0) $(node 1 1 m1) $(node 2 2 m2) $(node 3 3 m3)"
	qemu+=" $(dist 0 1 15) $(dist 0 2 20) $(dist 0 3 30) $(dist 1 2 20) $(dist 1 3 25) $(dist 2 3 15)" ;;
memless0) # CPU 0's node 0 has no memory; node 2 has memory, no CPU.
	# SRAT: CPU entries first (PXM 0 -> node 0, PXM 1 -> node 1), then
	# memory (PXM 1, PXM 2 -> node 2). Node 0 is named, has a CPU, no RAM:
	# "Initializing node 0 as memoryless", online once its CPU is mapped,
	# so 3 zonelists. Orders (no SLIT: 10/20; score = distance + (n <
	# local), the CPU term is 0 at boot; only nodes with memory follow):
	# node 0: itself, then 1 and 2 tie at 20 -> lower id first: 0 1 2;
	# node 1: 2 (20): 1 2; node 2: 1 (20 + 1): 2 1.
	mem=2G smp=2
	qemu="$(ram m0 1G) $(ram m1 1G) $(node 0 0) $(node 1 1 m0) $(node 2 '' m1)"
	expect=('^Initializing node 0 as memoryless$' '^Initmem setup node 0 as memoryless$'
		'^Fallback order for Node 0: 0 1 2 $' '^Fallback order for Node 1: 1 2 $'
		'^Fallback order for Node 2: 2 1 $' '^Built 3 zonelists')
	;;
tiny) # a 64 MiB node 1 at the top of the low 2 GiB (its bitmap and
	# NODE_DATA still in its own memory)
	mem=2G smp=2
	qemu="$(ram m0 1984M) $(ram m1 64M) $(node 0 0 m0) $(node 1 1 m1)"
	expect=('^ACPI: SRAT: Node 1 PXM 1 \[mem 0x7c000000-0x7fffffff\]$'
		'^NODE_DATA\(1\) allocated \[mem 0x7[c-f][0-9a-f]{6}-0x7[c-f][0-9a-f]{6}\]$'
		'^bootmem: node 1 bitmap of [0-9]+ bytes at \[mem 0x7[c-f]'
		'^Fallback order for Node 0: 0 1 $' '^Built 2 zonelists') ;;
asym) # distances differ by direction (QEMU takes both given values).
	# Linux 6.1: score = distance + (n < local); lowest first.
	#  node 0: to 1 = 20, to 2 = 25            -> 0 1 2
	#  node 1: to 0 = 30 + 1 = 31, to 2 = 40   -> 1 0 2
	#  node 2: to 0 = 25 + 1 = 26, to 1 = 15 + 1 = 16 -> 2 1 0
	mem=2G smp=3
	mmsim_opts=(--distance "10,20,25;30,10,40;25,15,10")
	qemu="$(ram m0 1G) $(ram m1 512M) $(ram m2 512M) $(node 0 0 m0) $(node 1 1 m1) $(node 2 2 m2)"
	qemu+=" $(dist 0 1 20) $(dist 1 0 30) $(dist 0 2 25) $(dist 2 0 25) $(dist 1 2 40) $(dist 2 1 15)"
	expect=('^Fallback order for Node 0: 0 1 2 $' '^Fallback order for Node 1: 1 0 2 $'
		'^Fallback order for Node 2: 2 1 0 $' '^NUMA: Initialized distance table, cnt=3$') ;;
numa-off) # numa2 booted with numa=off: Linux's dummy node over all RAM
	mem=2G smp=2 cmdline="numa=off"
	qemu="$(ram m0 1G) $(ram m1 1G) $(node 0 0 m0) $(node 1 1 m1)"
	expect=('^NUMA turned off$' '^Faking a node at \[mem 0x0000000000000000-0x'
		'^Fallback order for Node 0: 0 $' '^Built 1 zonelists') ;;
acpi-off) # numa2 booted with acpi=off: no table is read, the dummy node
	mem=2G smp=2 cmdline="acpi=off"
	qemu="$(ram m0 1G) $(ram m1 1G) $(node 0 0 m0) $(node 1 1 m1)"
	expect=('^No NUMA configuration found$' '^Built 1 zonelists') ;;
fake4) # numa=fake=4 on a one-node 2 GiB machine, Linux's
	# split_nodes_interleave: about 2041 MiB of RAM below 0x7fef4000 (2047
	# MiB less some 6 MiB of holes) in four shares of ~510 MiB; rounded
	# down to 32 MiB steps that is 480 MiB, and the 4 x 30 MiB left over
	# make three "big" nodes of 480 + 32 = 512 MiB (0, 1, 2). Node 0 =
	# [0, 512M) holds more than 480 MiB of RAM, so it does not grow; node 3
	# would leave too little for another node and takes the rest.
	mem=2G smp=1 cmdline="numa=fake=4"
	qemu=""
	expect=('^Faking node 0 at \[mem 0x0000000000000000-0x000000001fffffff\] \(512MB\)$'
		'^Faking node 1 at \[mem 0x0000000020000000-0x000000003fffffff\] \(512MB\)$'
		'^Faking node 2 at \[mem 0x0000000040000000-0x000000005fffffff\] \(512MB\)$'
		'^Faking node 3 at \[mem 0x0000000060000000-0x000000007fe[0-9a-f]{5}\]'
		'^Built 4 zonelists') ;;
*) echo "unknown machine $machine" >&2; exit 2 ;;
esac

# shellcheck disable=SC2086 # $qemu is a list of QEMU options
boot 0 "numa-$machine" -m "$mem" --smp "$smp" \
	--cmdline "efi=debug loglevel=8 selftest=all mminfo=buddyinfo,zoneinfo $cmdline" -- $qemu
has '^# Totals: pass:[0-9]+ fail:0 '
for e in "${expect[@]}"; do has "$e"; done
if [ "$machine" = acpi-off ] && grep -q '^ACPI: RSDP' "$log.txt"; then
	fail "acpi=off, yet the ACPI tables were read"
fi

# Every node with memory shows up in the per-node dumps.
for n in $(sed -n 's/^Initmem setup node \([0-9]*\) \[mem.*/\1/p' "$log.txt"); do
	has "^Node $n, zone +[A-Za-z0-9]+ +[0-9]"
	has "^Node $n, zone +[A-Za-z0-9]+$"
done

if [ -n "$linux" ]; then
	python3 "$top/test/sim/compare_numa.py" --logs "$log" "$top/test/data/$linux"
fi

out="$logdir/numa-$machine.mmsim"
[ -n "$acpidump" ] && mmsim_opts+=(--acpidump "$acpidump")
ASAN_OPTIONS=detect_leaks=0 "$build/test/sim/mmsim" --log-cmdline "${mmsim_opts[@]}" "$log" > "$out" 2>&1 ||
	fail "mmsim failed on the kernel's log: $(tail -n 5 "$out")"
python3 "$here/compare_kernel_mmsim.py" "$log" "$out"
