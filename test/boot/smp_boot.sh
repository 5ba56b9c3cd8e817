#!/usr/bin/env bash
# smp_boot.sh BUILD_DIR MACHINE NCPU ACCEL [LIMIT]: boot MACHINE (q35, or
# numa4: the four-node machine of Linux's numa4-dist reference log) with
# NCPU CPUs under multi-threaded TCG (ACCEL=mttcg) or one thread for all
# vCPUs (ACCEL=single), selftest=all, and an optional LIMIT option
# (maxcpus=N or nr_cpus=N), or LIMIT=deadcpu: a MADT (test/data/acpi/
# boot-madt-deadcpu.asl, read with acpi_apic_instance=2) that adds an
# enabled CPU with no such APIC behind it, which must be reported with
# Linux's "do_boot_cpu failed(-1) to wakeup CPU#N" and left out. Every count below is worked out from those
# arguments, as Linux 6.1 would print it (smpboot.c, setup_percpu.c,
# mm/percpu.c, kernel/smp.c), never read back from the log:
#   smpboot: Allowing P CPUs, 0 hotplug CPUs
#   setup_percpu: NR_CPUS:64 nr_cpumask_bits:P nr_cpu_ids:P nr_node_ids:K
#   pcpu-alloc: one group per node with CPUs, its CPUs in order
#   x86: Booting SMP configuration: / .... node  #N, CPUs: ... (one line per node run)
#   smp: Brought up K nodes, U CPUs
# and the KTAP through kunit.py, with smp_ipi and spinlock run (not
# skipped) when U > 1.
set -euo pipefail
build=$1 machine=$2 ncpu=$3 accel=$4 limit=${5:-}
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh disable=SC2154,SC2034 # $log, $build: lib.sh
. "$here/lib.sh"

set_accel "$accel"

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

# Possible CPUs (nr_cpus= cuts them), CPUs tried (maxcpus= cuts those) and
# CPUs brought up (the dead one is tried, never up).
possible=$ncpu up=$ncpu cmdline=$limit
case $limit in
"") ;;
deadcpu)
	[ "$machine" = q35 ] || fail "deadcpu is a q35 case"
	[ -f "$build/test/host/acpi-aml/boot-madt-deadcpu.aml" ] || fail "boot-madt-deadcpu.aml is missing (build target acpi_aml)"
	qemu+=" -acpitable file=$build/test/host/acpi-aml/boot-madt-deadcpu.aml"
	cmdline=acpi_apic_instance=2 possible=$((ncpu + 1)) node_of[ncpu]=0 ;;
nr_cpus=*) n=${limit#nr_cpus=}; ((n < possible)) && possible=$n; up=$possible ;;
maxcpus=*) n=${limit#maxcpus=}; ((n < 1)) && possible=1 && n=1; ((n < up)) && up=$n ;;
*) fail "LIMIT must be nr_cpus=N, maxcpus=N or deadcpu" ;;
esac
tried=$up
[ "$limit" = deadcpu ] && tried=$possible

name="smp-$machine-$ncpu-$accel${limit:+-${limit/=/}}"
# shellcheck disable=SC2086 # $qemu and $accel_arg are word lists
boot 0 "$name" -m "$mem" --smp "$ncpu" --cmdline "selftest=all $cmdline" -- $accel_arg $qemu

s() { if [ "$1" -gt 1 ]; then echo s; fi; }
has "^smpboot: Allowing $possible CPUs, 0 hotplug CPUs$"
has "^setup_percpu: NR_CPUS:64 nr_cpumask_bits:$possible nr_cpu_ids:$possible nr_node_ids:$nodes$"
has "^smp: Brought up $nodes node$(s "$nodes"), $up CPU$(s "$up")$"

# The per-CPU groups (Linux's pcpu_build_alloc_info): the possible CPUs
# of each node, nodes in order of their first CPU; units per 2 MiB atom
# (upa) the largest that needs the fewest atoms with at most a third of
# the units unused ("-"). Our units are under 256 KiB, so 8 fit an atom,
# and with at most 9 CPUs upa 16 or 32 would always waste too much.
declare -a members
g=-1 prev=-1
for ((c = 0; c < possible; c++)); do
	if [ "${node_of[c]}" != "$prev" ]; then
		g=$((g + 1)) prev=${node_of[c]}
		members[g]=""
	fi
	members[g]+="$c "
done
best=0 last=1000000
for upa in 8 4 2 1; do
	allocs=0 wasted=0
	for m in "${members[@]}"; do
		read -ra cpus <<< "$m"
		a=$(((${#cpus[@]} + upa - 1) / upa))
		allocs=$((allocs + a)) wasted=$((wasted + a * upa - ${#cpus[@]}))
	done
	((wasted > possible / 3)) && continue
	((allocs > last)) && break
	last=$allocs best=$upa
done
apl=$((60 / (best * 2 + 4)))
while ((apl & (apl - 1))); do apl=$((apl & (apl - 1))); done
((last <= apl)) || fail "more than one pcpu-alloc group line: not derived here"
groups=""
for ((g = 0; g < ${#members[@]}; g++)); do
	read -ra cpus <<< "${members[g]}"
	for ((u = 0; u < ${#cpus[@]} || u % best; u++)); do
		((u % best == 0)) && groups+="[$g] "
		groups+="${cpus[u]:--} "
	done
done
grep -qFx "pcpu-alloc: $groups" "$log.txt" || fail "no line 'pcpu-alloc: $groups' in $log"

# Linux's announce_cpu, for NCPU <= 9 and at most 9 nodes: "CPUs:" and two
# spaces, three more before CPU 1 (the boot CPU's place), " #N" per CPU;
# a new line when the node changes.
if ((tried > 1)); then
	has '^x86: Booting SMP configuration:$'
	line="" prev=-1
	for ((c = 1; c < tried; c++)); do
		if [ "${node_of[c]}" != "$prev" ]; then
			[ -n "$line" ] && { grep -qFx "$line" "$log.txt" || fail "no line '$line' in $log"; }
			prev=${node_of[c]}
			line=".... node  #$prev, CPUs:  "
			((c == 1)) && line+="   "
		fi
		line+=" #$c"
	done
	grep -qFx "$line" "$log.txt" || fail "no line '$line' in $log"
fi
if [ "$limit" = deadcpu ]; then
	has "^smpboot: do_boot_cpu failed\\(-1\\) to wakeup CPU#$ncpu$"
fi
# The spinlock suite: QEMU sets CPUID's hypervisor bit, so waiters take
# no ticket; the waiting case needs a second CPU.
if ((up > 1)); then
	has '^    # smp_ipi: pass:6 fail:0 skip:0 total:6$'
	has '^    # spinlock: pass:2 fail:0 skip:0 total:2$'
else
	has '^    # smp_ipi: pass:0 fail:0 skip:6 total:6$'
	has '^    # spinlock: pass:1 fail:0 skip:1 total:2$'
fi
has '^    # waiters test-and-set \(hypervisor\)$'
# The tick on every CPU (the timer suite) and, as in Linux's q35 log, no
# APIC timer calibration lines without apic=verbose.
has '^    # timer: pass:3 fail:0 skip:0 total:3$'
! grep -q '^calibrating APIC timer' "$log.txt" || fail "APIC calibration lines without apic=verbose"
if ((tried < 2)) && grep -q '^x86: Booting SMP configuration:' "$log.txt"; then
	fail "no AP to boot, yet 'Booting SMP configuration'"
fi
ktap_parse
pass "$name: $up of $possible CPUs up, $nodes node(s), lines as Linux's"
