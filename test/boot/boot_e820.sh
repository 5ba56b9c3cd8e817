#!/usr/bin/env bash
# boot_e820.sh BUILD_DIR MACHINE MEM: boot with efi=debug and check the log
# (end marker, status 0, e820 well formed, usable RAM matching MEM, and the
# e820 table equal to what Linux's rules derive from the printed EFI map).
set -euo pipefail
build=$1 machine=$2 mem=$3
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

boot 0 "boot-$machine-$mem" --machine "$machine" -m "$mem" --cmdline "efi=debug"
python3 "$here/check_boot_log.py" "$log" --mem "$mem" --efi-e820
