#!/usr/bin/env bash
# smp_stress_repeat.sh BUILD_DIR COUNT NCPU: boot q35 with NCPU CPUs and
# selftest=smp (every CPU allocating and freeing pages and objects at once,
# frees on other CPUs, drains; counters exact afterwards) COUNT times in a
# row under multi-threaded TCG, so that a race that shows once in a few
# boots is caught. Each boot: status 0, the smp suite's every case passing,
# kunit.py reading the KTAP. Stops at the first failing boot and names it
# (its log stays as smp-stress-N.log).
set -euo pipefail
build=$1 count=$2 ncpu=$3
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh disable=SC2154,SC2034 # $log, $build: lib.sh
. "$here/lib.sh"

[[ $count =~ ^[1-9][0-9]*$ ]] || fail "COUNT must be a positive number, not '$count'"
# The suite's six cases (kernel/mm/tests/smp_test.c) all run with three
# CPUs or more; the three remote-free cases skip with fewer.
[ "$ncpu" -ge 3 ] || fail "NCPU must be 3 or more, not '$ncpu'"
set_accel mttcg
nokunit="$logdir/smp-stress.no-kunit"
rm -f "$nokunit"
for ((i = 1; i <= count; i++)); do
	# A subshell: lib.sh's fail exits it, and the loop reports which boot.
	if ! (
		# shellcheck disable=SC2086 # $accel_arg is a word list
		boot 0 "smp-stress-$i" --smp "$ncpu" --cmdline "selftest=smp" -- $accel_arg
		has '^    # smp: pass:6 fail:0 skip:0 total:6$'
		! grep -q 'not ok' "$log.txt" || fail "a KTAP case failed"
		ktap_parse
		[ -z "${kunit_skipped:-}" ] || touch "$nokunit"
	); then
		fail "boot $i of $count failed (log: $logdir/smp-stress-$i.log)"
	fi
	echo "boot $i of $count: smp suite passed"
done
[ -f "$nokunit" ] && kunit_skipped=1
pass "$count boots of the smp stress suite in a row with $ncpu CPUs"
