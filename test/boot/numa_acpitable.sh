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
ioremap) # no table injected: QEMU's own tables on the numa2 machine, with
	# their "ACPI data" range (0x7f76c000-0x7f77dfff on this machine, from
	# the e820 table) made type 12 by memmap=: no longer direct-mapped RAM
	# or ACPI memory, so every table there is read through early_ioremap on
	# the loader's page tables, as on firmware that puts tables in reserved
	# memory. The nodes must come out the same.
	table="" qemu=$numa2 smp=2 cmdline='memmap=0x12000!0x7f76c000'
	expect=('^user: \[mem 0x000000007f76c000-0x000000007f77dfff\] persistent \(type 12\)$'
		'^ACPI: [0-9]+ table maps outside RAM and ACPI memory went through early_ioremap$'
		'^ACPI: SRAT: Node 1 PXM 1 \[mem 0x40000000-0x7fffffff\]$'
		'^Fallback order for Node 1: 1 0 $' '^Built 2 zonelists') ;;
*) echo "unknown case $case" >&2; exit 2 ;;
esac
inject=()
if [ -n "$table" ]; then
	[ -f "$aml/$table.aml" ] || fail "$aml/$table.aml is missing (build target acpi_aml)"
	inject=(-acpitable "file=$aml/$table.aml")
fi

# shellcheck disable=SC2086 # $qemu is a list of QEMU options
boot 0 "acpitable-$case" -m 2G --smp "$smp" --cmdline "loglevel=8 ${cmdline-}" -- \
	"${inject[@]}" $qemu
for e in "${expect[@]}"; do has "$e"; done
