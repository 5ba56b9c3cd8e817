#!/usr/bin/env bash
# numa_acpitable.sh BUILD_DIR CASE: a hand-made ACPI table (test/data/acpi/
# boot-*.asl, compiled by iasl at build time) injected with QEMU's
# -acpitable, which OVMF hands to the kernel as it is (QEMU fixes its length
# and checksum, so broken lengths and checksums are host tests). Each case
# must print Linux 6.1's message, fall back as Linux does, and boot.
set -euo pipefail
build=$1 case=$2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

aml=$build/test/host/acpi-aml
numa2="-object memory-backend-ram,id=m0,size=1G -object memory-backend-ram,id=m1,size=1G
 -numa node,nodeid=0,cpus=0,memdev=m0 -numa node,nodeid=1,cpus=1,memdev=m1"
dummy=('^No NUMA configuration found$' '^Faking a node at \[mem 0x0000000000000000-0x'
	'^Built 1 zonelists')
case $case in
overlap) table=boot-srat-overlap qemu="" smp=1
	# node 1's end is clamped to the end of RAM first (numa_cleanup_meminfo)
	expect=('^node 0 \[mem 0x00000000-0x4fffffff\] overlaps with node 1 \[mem 0x40000000-0x7fe[0-9a-f]{5}\]$'
		"${dummy[@]}") ;;
pxm) table=boot-srat-pxm qemu="" smp=1
	expect=('^ACPI: SRAT: Node 0 PXM 0 \[mem 0x00000000-0x3fffffff\]$'
		'^ACPI: SRAT: Too many proximity domains\.$' '^ACPI: SRAT: SRAT not used\.$'
		"${dummy[@]}") ;;
slit) table=boot-slit-invalid qemu=$numa2 smp=2
	expect=('^ACPI: SLIT table looks invalid\. Not used\.$'
		'^Fallback order for Node 0: 0 1 $' '^Fallback order for Node 1: 1 0 $'
		'^Built 2 zonelists') ;;
madt2) table=madt-good qemu="" smp=1
	expect=('^ACPI: BIOS bug: multiple APIC/MADT found, using 0$') ;;
*) echo "unknown case $case" >&2; exit 2 ;;
esac
[ -f "$aml/$table.aml" ] || fail "$aml/$table.aml is missing (build target acpi_aml)"

# shellcheck disable=SC2086 # $qemu is a list of QEMU options
boot 0 "acpitable-$case" -m 2G --smp "$smp" --cmdline "loglevel=8" -- \
	-acpitable file="$aml/$table.aml" $qemu
for e in "${expect[@]}"; do has "$e"; done
