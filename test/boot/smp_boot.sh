#!/usr/bin/env bash
# smp_boot.sh BUILD_DIR MACHINE NCPU ACCEL [LIMIT]: boot MACHINE (q35, or
# numa4: the four-node machine of Linux's numa4-dist reference log) with
# NCPU CPUs under multi-threaded TCG (ACCEL=mttcg) or one thread for all
# vCPUs (ACCEL=single), selftest=all, and an optional LIMIT option
# (maxcpus=N or nr_cpus=N). Every count below is worked out from those
# arguments, as Linux 6.1 would print it (smpboot.c, setup_percpu.c,
# mm/percpu.c, kernel/smp.c), never read back from the log:
#   smpboot: Allowing P CPUs, 0 hotplug CPUs
#   setup_percpu: NR_CPUS:64 nr_cpumask_bits:P nr_cpu_ids:P nr_node_ids:K
#   pcpu-alloc: one group per node with CPUs, its CPUs in order
#   x86: Booting SMP configuration: / .... node  #N, CPUs: ... (one line per node run)
#   smp: Brought up K nodes, U CPUs
# and the KTAP through kunit.py, with smp_ipi run (not skipped) when U > 1.
set -euo pipefail
build=$1 machine=$2 ncpu=$3 accel=$4 limit=${5:-}
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh disable=SC2154,SC2034 # $log, $build: lib.sh
. "$here/lib.sh"

case $accel in
mttcg) accel_arg="-accel tcg,thread=multi" ;;
single) accel_arg="-accel tcg,thread=single" ;;
*) fail "ACCEL must be mttcg or single, not '$accel'" ;;
esac

# CPU -> node: q35 has one node; numa4 spreads the CPUs over its four
# nodes in equal runs (CPUs 0..k-1 on node 0, ...), one socket per node.
declare -a node_of
qemu=""
case $machine in
q35)
	mem=512M nodes=1
	for ((c = 0; c < ncpu; c++)); do node_of[c]=0; done
	;;
numa4)
	mem=4G nodes=4
	per=$((ncpu >= 4 ? ncpu / 4 : 1))
	((ncpu % per == 0)) || fail "numa4 needs NCPU < 4 or a multiple of 4"
	for ((c = 0; c < ncpu; c++)); do node_of[c]=$((c / per)); done
	sockets=$((ncpu >= 4 ? 4 : ncpu))
	# scripts/run takes a count; QEMU merges this -smp into its own.
	qemu+=" -smp $ncpu,sockets=$sockets"
	for n in 0 1 2 3; do
		qemu+=" -object memory-backend-ram,id=m$n,size=1G"
		cpus=""
		for ((c = 0; c < ncpu; c++)); do
			[ "${node_of[c]}" = "$n" ] && cpus+=",cpus=$c"
		done
		qemu+=" -numa node,nodeid=$n$cpus,memdev=m$n"
	done
	qemu+=" -numa dist,src=0,dst=1,val=15 -numa dist,src=0,dst=2,val=20"
	qemu+=" -numa dist,src=0,dst=3,val=30 -numa dist,src=1,dst=2,val=20"
	qemu+=" -numa dist,src=1,dst=3,val=25 -numa dist,src=2,dst=3,val=15" ;;
*) fail "MACHINE must be q35 or numa4, not '$machine'" ;;
esac

# Possible CPUs (nr_cpus= cuts them) and CPUs brought up (maxcpus= cuts those).
possible=$ncpu up=$ncpu
case $limit in
"") ;;
nr_cpus=*) n=${limit#nr_cpus=}; ((n < possible)) && possible=$n; up=$possible ;;
maxcpus=*) n=${limit#maxcpus=}; ((n < 1)) && possible=1 && n=1; ((n < up)) && up=$n ;;
*) fail "LIMIT must be nr_cpus=N or maxcpus=N" ;;
esac

name="smp-$machine-$ncpu-$accel${limit:+-${limit/=/}}"
# shellcheck disable=SC2086 # $qemu and $accel_arg are word lists
boot 0 "$name" -m "$mem" --smp "$ncpu" --cmdline "selftest=all $limit" -- $accel_arg $qemu

s() { if [ "$1" -gt 1 ]; then echo s; fi; }
has "^smpboot: Allowing $possible CPUs, 0 hotplug CPUs$"
has "^setup_percpu: NR_CPUS:64 nr_cpumask_bits:$possible nr_cpu_ids:$possible nr_node_ids:$nodes$"
has "^smp: Brought up $nodes node$(s "$nodes"), $up CPU$(s "$up")$"

# The per-CPU groups: the possible CPUs of each node, nodes in order of
# their first CPU (one atom per node here, so all on one line).
groups="" g=-1 prev=-1
for ((c = 0; c < possible; c++)); do
	if [ "${node_of[c]}" != "$prev" ]; then
		g=$((g + 1)) prev=${node_of[c]}
		groups+="[$g] "
	fi
	groups+="$c "
done
grep -qFx "pcpu-alloc: $groups" "$log.txt" || fail "no line 'pcpu-alloc: $groups' in $log"

# Linux's announce_cpu, for NCPU <= 9 and at most 9 nodes: "CPUs:" and two
# spaces, three more before CPU 1 (the boot CPU's place), " #N" per CPU;
# a new line when the node changes.
if ((up > 1)); then
	has '^x86: Booting SMP configuration:$'
	line="" prev=-1
	for ((c = 1; c < up; c++)); do
		if [ "${node_of[c]}" != "$prev" ]; then
			[ -n "$line" ] && { grep -qFx "$line" "$log.txt" || fail "no line '$line' in $log"; }
			prev=${node_of[c]}
			line=".... node  #$prev, CPUs:  "
			((c == 1)) && line+="   "
		fi
		line+=" #$c"
	done
	grep -qFx "$line" "$log.txt" || fail "no line '$line' in $log"
	has '^    # smp_ipi: pass:6 fail:0 skip:0 total:6$'
else
	grep -q '^x86: Booting SMP configuration:' "$log.txt" && fail "no AP to boot, yet 'Booting SMP configuration'"
fi
ktap_parse
pass "$name: $up of $possible CPUs up, $nodes node(s), lines as Linux's"
