#!/usr/bin/env bash
# boot_e820.sh BUILD_DIR MACHINE MEM: boot with efi=debug and check the log
# (end marker, status 0, e820 well formed, usable RAM matching MEM, and the
# e820 table equal to what Linux's rules derive from the printed EFI map).
set -euo pipefail
build=$1 machine=$2 mem=$3
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
logdir="$build/test-logs"
mkdir -p "$logdir"
log="$logdir/boot-$machine-$mem.log"
set +e
MMK_BUILD_DIR=$build "$top/scripts/run" --no-build --machine "$machine" -m "$mem" \
	--timeout 150 --cmdline "efi=debug" --log "$log" > /dev/null
rc=$?
set -e
if [ $rc -ne 0 ]; then
	echo "boot failed with status $rc; last lines of $log:"
	tail -n 30 "$log" 2>/dev/null
	exit 1
fi
python3 "$here/check_boot_log.py" "$log" --mem "$mem" --efi-e820
