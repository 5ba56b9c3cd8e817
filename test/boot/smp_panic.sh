#!/usr/bin/env bash
# smp_panic.sh BUILD_DIR KIND NCPU ACCEL: a panic with NCPU CPUs running
# (crash=KIND, kernel/core/crash_smp.c), under multi-threaded TCG
# (ACCEL=mttcg) or one thread for all vCPUs (ACCEL=single):
#   smp_panic               CPU 1 panics while CPU 0 prints lines
#   smp_panic_all           every CPU panics at once
#   smp_panic_stuck_printk  CPU 1 panics while CPU 0 hangs inside printk
#   smp_panic_nmi_stuck     CPU 0 panics while CPU 1 spins inside its NMI
#                           handler (kernel/arch/amd64/crash_nmi.c)
# Checks: exit status 1 (panic) well inside the 60 s limit given to
# scripts/run; one "Kernel panic" line, from a CPU that should report it;
# the report whole and in order (message, Call Trace through panic and the
# hook, end marker) with no other CPU's line inside it; the other CPUs
# stopped (no "SMP: failed to stop secondary CPUs"), by the REBOOT vector
# alone when they run with interrupts on (no NMI line), by Linux's
# "Shutting down cpus with NMI" a second after the panic line when they
# halted or hang with interrupts off; for the stuck printk, the panicking
# CPU's bounded wait (1 s) before it takes printk over. For the CPU stuck
# in its NMI handler, which nothing can stop: after the NMI line and its
# wait (10 ms, a second under a hypervisor), "SMP: failed to stop secondary CPUs 1" (Linux's arm64 words; x86
# Linux says nothing), naming that CPU alone (CPUs 2 and 3 stopped on the
# vector), and the report still ends. For smp_panic, CPU 1's trace goes
# through the interrupt that ran the hook: the handler's frames between
# <IRQ> and </IRQ>, then irq_common, the interrupted RIP by name
# (start_secondary, idling) and its caller, no unnamed frame. Times are the
# kernel's own timestamps.
set -euo pipefail
build=$1 kind=$2 ncpu=$3 accel=$4
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh disable=SC2154,SC2034 # $log, $build: lib.sh
. "$here/lib.sh"

set_accel "$accel"
case $kind in
smp_panic) msg="crash=smp_panic: CPU1 panics while CPU0 prints" hook=smp_panic_other nmi=0 ;;
smp_panic_all) msg="crash=smp_panic_all: CPU[0-9]+" hook=smp_panic_all nmi=1 ;;
smp_panic_stuck_printk)
	msg="crash=smp_panic_stuck_printk: CPU1 panics while CPU0 is stuck in printk"
	hook=smp_panic_after_stuck nmi=1 ;;
smp_panic_nmi_stuck)
	msg="crash=smp_panic_nmi_stuck: CPU1 spins in its NMI handler"
	hook=crash_nmi_stuck nmi=1 ;;
*) fail "KIND must be smp_panic, smp_panic_all, smp_panic_stuck_printk or smp_panic_nmi_stuck" ;;
esac

name="$kind-q35-$ncpu-$accel"
# shellcheck disable=SC2086 # $accel_arg is a word list
boot 1 "$name" --smp "$ncpu" --timeout 60 --cmdline "crash=$kind" -- $accel_arg

# line REGEX: the number of the first line of $log.txt matching, or fail.
line() {
	local n
	n=$(grep -nE -m1 -- "$1" "$log.txt" | cut -d: -f1)
	[ -n "$n" ] || fail "no line matching '$1' in $log"
	echo "$n"
}
# secs REGEX: the kernel timestamp of the first raw log line matching.
secs() {
	tr -d '\r' < "$log" | sed -nE "s/^\\[ *([0-9]+\\.[0-9]+)\\] ($1)/\\1/p" | head -n1
}
# within A B LO HI WHAT: LO <= B - A < HI seconds.
within() {
	awk -v a="$1" -v b="$2" -v lo="$3" -v hi="$4" 'BEGIN { d = b - a; exit !(d >= lo && d < hi) }' ||
		fail "$5: $1 s to $2 s, not within [$3, $4) s"
}

[ "$(grep -cE '^Kernel panic - not syncing: ' "$log.txt")" -eq 1 ] ||
	fail "not exactly one 'Kernel panic' line"
p=$(line "^Kernel panic - not syncing: $msg\$")
t=$(line '^Call Trace:$')
f1=$(line '^ panic\+0x')
f2=$(line "^ $hook\\+0x")
e=$(line "^---\\[ end Kernel panic - not syncing: $msg \\]---\$")
((p < t && t < f1 && f1 < f2 && f2 < e)) || fail "the panic report is out of order (lines $p $t $f1 $f2 $e)"
if [ "$kind" != smp_panic_nmi_stuck ]; then
	! grep -q '^SMP: failed to stop secondary CPUs' "$log.txt" || fail "CPUs were not stopped"
fi
! grep -q '^mmk: boot complete' "$log.txt" || fail "the boot went on after the panic"
# Only the panic's own lines (the trace with its interrupt frames, the NMI
# line) between its start and end.
sed -n "${p},${e}p" "$log.txt" | grep -vE '^(Kernel panic|Call Trace:| [A-Za-z_0-9.]+\+0x| 0x[0-9a-f]+| </?IRQ>$|RIP: 0010:[A-Za-z_0-9.]+\+0x|RSP: 0018:|Shutting down cpus with NMI$|SMP: failed to stop secondary CPUs 1$|---\[ end Kernel panic)' |
	grep . && fail "another line inside the panic report"
tp=$(secs "Kernel panic")
te=$(secs "---\\[ end Kernel panic")
if ((nmi)); then
	n=$(line '^Shutting down cpus with NMI$')
	((p < n && n < e)) || fail "the NMI line is not inside the panic report"
	# Linux waits a second for the REBOOT vector, then 10 ms for the NMI
	# (here a second under a hypervisor).
	within "$tp" "$(secs 'Shutting down cpus with NMI')" 1.0 3.0 "REBOOT vector wait"
else
	! grep -q '^Shutting down cpus with NMI' "$log.txt" || fail "CPU 0 prints with interrupts on: the REBOOT vector should stop it"
fi
within "$tp" "$te" 0 5.0 "panic to its end marker"
case $kind in
smp_panic)
	# CPU 1 panics in its IPI handler, called while it idled: the trace
	# shows the handler between <IRQ> and </IRQ>, then irq_common and the
	# interrupted RIP by name (not a raw address), then what called it.
	i1=$(line '^ <IRQ>$')
	f3=$(line '^ generic_smp_call_function_interrupt\+0x')
	f4=$(line '^ do_IRQ\+0x')
	i2=$(line '^ </IRQ>$')
	f5=$(line '^ irq_common\+0x')
	r=$(line '^RIP: 0010:start_secondary\+0x[0-9a-f]+/0x[0-9a-f]+$')
	f6=$(line '^ secondary_startup_64\+0x')
	((t < i1 && i1 < f1 && f2 < f3 && f3 < f4 && f4 < i2 && i2 < f5 && f5 < r && r < f6 && f6 < e)) ||
		fail "the trace through the interrupt is out of order (lines $t $i1 $f1 $f2 $f3 $f4 $i2 $f5 $r $f6 $e)"
	! sed -n "${t},${e}p" "$log.txt" | grep -qE '^ 0x[0-9a-f]+$' || fail "a frame without a name in the trace"
	c=$(grep -c '^crash=smp_panic: CPU0 line ' "$log.txt")
	((c >= 20)) || fail "CPU 0 printed $c lines, want at least the 20 before the panic"
	! sed -n "${p},\$p" "$log.txt" | grep -q '^crash=smp_panic: CPU0 line ' ||
		fail "CPU 0 printed after the panic began"
	;;
smp_panic_stuck_printk)
	o=$(line '^printk: CPU0 held printk for over 1000 ms: taken over for the panic$')
	((o < p)) || fail "the takeover note is not before the panic line"
	within "$(secs 'printk: console \[crashstall0\] enabled')" "$(secs 'printk: CPU0 held printk')" 1.0 3.0 "bounded printk wait"
	;;
smp_panic_nmi_stuck)
	[ "$(grep -c '^SMP: failed to stop secondary CPUs' "$log.txt")" -eq 1 ] ||
		fail "not exactly one 'SMP: failed to stop secondary CPUs' line"
	x=$(line '^SMP: failed to stop secondary CPUs 1$')
	((n < x && x < e)) || fail "the failure line is not between the NMI line and the end marker"
	# The NMI gets its wait before the panicking CPU gives up: Linux's 10 ms,
	# a second under a hypervisor (smp_stop.c), which QEMU is.
	within "$(secs 'Shutting down cpus with NMI')" "$(secs 'SMP: failed to stop')" 0.99 3.0 "NMI wait"
	;;
esac
pass "$name: one panic report, whole; the other CPUs stopped"
