# shellcheck shell=bash disable=SC2154 # $build: set by the script that sources this
# Sourced by the QEMU boot-test scripts once they have set $build:
#   boot WANT_STATUS LOGNAME RUN-ARGS...  boot with scripts/run --no-build,
#                                         require the exit status; the raw
#                                         serial log is $log, the same without
#                                         timestamps and CRs is $log.txt
#   has REGEX                             a line of $log.txt matches, or fail
#   fail MESSAGE                          report, show the log's tail, exit 1
#   set_accel ACCEL                       $accel_arg: QEMU's -accel option for
#                                         mttcg (multi-threaded TCG) or single
#                                         (one thread for all vCPUs)
# and $top (the repository) and $logdir (where the logs go).
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
logdir="$build/test-logs"
mkdir -p "$logdir"

fail() {
	echo "FAIL: $*"
	[ -f "${log:-}" ] && tail -n 40 "$log"
	exit 1
}

set_accel() {
	# shellcheck disable=SC2034 # $accel_arg: for the script that sources this
	case $1 in
	mttcg) accel_arg="-accel tcg,thread=multi" ;;
	single) accel_arg="-accel tcg,thread=single" ;;
	*) fail "ACCEL must be mttcg or single, not '$1'" ;;
	esac
}

boot() {
	local want=$1 rc
	log="$logdir/$2.log"
	shift 2
	set +e
	MMK_BUILD_DIR=$build "$top/scripts/run" --no-build --timeout 180 \
		--log "$log" "$@" > /dev/null 2>&1
	rc=$?
	set -e
	[ "$rc" -eq "$want" ] || fail "exit status $rc, want $want ($log)"
	tr -d '\r' < "$log" | sed 's/^\[ *[0-9]*\.[0-9]*\] //' > "$log.txt"
}

has() {
	grep -qE -- "$1" "$log.txt" || fail "no line matching '$1' in $log"
}

# ktap_parse: the KTAP block of $log.txt through Linux's kunit.py
# (scripts/ktap-parse); a parse failure fails the test; no kunit.py is
# remembered, and pass then reports the test skipped, never passed.
ktap_parse() {
	local rc
	sed -n '/^KTAP version 1$/,/^# Totals:/p' "$log.txt" > "$log.ktap"
	set +e
	"$top/scripts/ktap-parse" --cache "$build/kunit-tool" < "$log.ktap" > "$log.kunit" 2>&1
	rc=$?
	set -e
	case $rc in
	0) ;;
	77) kunit_skipped=1 ;;
	*) cat "$log.kunit"; fail "kunit.py parse failed" ;;
	esac
}

# pass WHAT: every check held. Exit 77 (ctest SKIP_RETURN_CODE) when
# kunit.py could not be had.
pass() {
	if [ -n "${kunit_skipped:-}" ]; then
		echo "SKIP: $* (every other check passed; no kunit.py: apt-get install linux-source-6.1)"
		exit 77
	fi
	echo "PASS: $*"
}
