#!/usr/bin/env bash
# mem_options.sh BUILD_DIR CASE: boot q35 512M with a memory option that
# cuts or reshapes RAM below the loader's data, which sits near the top of
# RAM (mem=256M panicked in paging_init before the boot data was copied):
# status 0, and the user-defined table and node ranges as Linux 6.1's rules
# give them from the log's own firmware table (check_mem_options.py).
#   mem       mem=256M
#   reserve   memmap=64M$128M: a reserved hole in the middle of RAM
#   exactmap  memmap=exactmap memmap=640K@0 memmap=255M@1M
#   exactmap_61M  memmap=exactmap memmap=640K@0 memmap=60M@1M: the kernel image
#             and the persistent log left outside RAM (hung silently after
#             the page-table switch: the log's first write faulted), with
#             selftest=all (the pgtable and vmalloc suites read the image's
#             tables through the direct map and faulted there before)
#   small     -m 49M selftest=all: boot-services memory used at once, not held
#   loader_48M -m 48M selftest=all: no free block holds the kernel image
#             while boot services run: the loader stages its file data and
#             moves it into boot-services memory after ExitBootServices
#             (it refused with status 3 before); the image's place checked
#             against the final EFI map (check_kernel_home.py)
#   move_kernel  loader_test=move_kernel selftest=all on q35 512M: the same
#             move where boot-services memory is held until after mem_init:
#             the image's pages stay reserved when the rest is freed
#   clusters  q35 10G with memmap=exactmap memmap=640K@0 memmap=60M@1M
#             memmap=64M@8G: a hole over 64 times the RAM, so two bootmem
#             bitmaps (the second one's bootmem_data_t in its RAM) and
#             mem_section[] with 7 of its 9 pages never backed; selftest=all
#   no_room   loader_test=no_room: both the image's and the staged file
#             data's allocations fail: the loader's refusal, status 3, and
#             no kernel run
set -euo pipefail
build=$1 case=$2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

case $case in
small)
	# 49 MiB, the smallest where the image fits a free block: OVMF keeps ~40 MiB as boot
	# services; held until after memory init they would starve it (the
	# memmap alone did not fit): used at once. Every self-test runs there.
	boot 0 mem-options-small -m 49M --cmdline selftest=all
	has '^efi: only [0-9]+K of RAM outside boot services memory: its [0-9]+K used at once'
	has '^Memory: [0-9]+K/[0-9]+K available'
	! grep -q '^efi: freed' "$log.txt" || fail "boot services freed twice"
	has '^# Totals: pass:[0-9]+ fail:0 '
	ktap_parse
	has '^mmk: boot complete, status 0$'
	pass "mem_options small (49 MiB, selftest=all)"
	exit 0
	;;
loader_48M)
	# 48 MiB: OVMF still starts the loader, but its largest free block
	# is below the kernel image's 1.2 MiB: the image waits as its file
	# data and moves once boot services are gone. Every self-test runs.
	boot 0 mem-options-loader-48M -m 48M --cmdline "selftest=all efi=debug iomem=dump"
	has '^mmk-loader: kernel\.elf [0-9]+ bytes, [0-9]+ KiB image: its [0-9]+ KiB of file data wait at phys 0x[0-9a-f]+, to move to boot-services memory after ExitBootServices$'
	has '^efi: only [0-9]+K of RAM outside boot services memory: its [0-9]+K used at once'
	python3 "$here/check_kernel_home.py" "$log.txt" moved || fail "the kernel image is not where it should be"
	has '^# Totals: pass:[0-9]+ fail:0 '
	ktap_parse
	has '^mmk: boot complete, status 0$'
	pass "mem_options loader_48M (the image moved after ExitBootServices)"
	exit 0
	;;
move_kernel)
	# The move forced on 512 MiB, where boot-services memory is reserved
	# until after mem_init and then freed: the image sits inside it, so
	# its pages must stay reserved (the self-tests run after the free).
	boot 0 mem-options-move-kernel --cmdline "loader_test=move_kernel selftest=all efi=debug iomem=dump"
	has '^mmk-loader: kernel\.elf [0-9]+ bytes, [0-9]+ KiB image: its [0-9]+ KiB of file data wait at phys'
	python3 "$here/check_kernel_home.py" "$log.txt" moved || fail "the kernel image is not where it should be"
	has '^efi: freed [0-9]+K of boot services memory$'
	has '^# Totals: pass:[0-9]+ fail:0 '
	ktap_parse
	has '^mmk: boot complete, status 0$'
	pass "mem_options move_kernel"
	exit 0
	;;
clusters)
	# By hand: RAM [0, 640K) [1M, 61M) [8G, 8G + 64M), 159 + 15360 + 16384 =
	# 31903 pages (127612K); the hole [61M, 8G) is 0x1fc300 pages, over 64 *
	# 31903 = 2041792: a bitmap for [0, 0x3d00) (15616 bits, 1952 bytes) and
	# one for [0x200000, 0x204000) (2048 bytes) at its first byte. Sections:
	# 31 + 32 = 63 of (8G + 64M) / 2M = 4128, memmap 63 * 32K = 2016K; the
	# table 4128 * 8 bytes = 9 pages, backed: page 0 and page 8.
	boot 0 mem-options-clusters -m 10G \
		--cmdline 'memmap=exactmap memmap=640K@0 memmap=60M@1M memmap=64M@8G mminfo=buddyinfo selftest=all'
	has '^bootmem: bitmap of 1952 bytes at \[mem 0x[0-9a-f]+-0x[0-9a-f]+\] for 15616 pages$'
	has '^bootmem: hole \[mem 0x0000000003d00000-0x00000001ffffffff\] is over 64 times the RAM: a bitmap for each side$'
	has '^bootmem: bitmap of 2048 bytes at \[mem 0x200000000-0x2000007ff\] for 16384 pages$'
	has '^mem_map: 64 bytes per struct page, 63 of 4128 2 MiB sections have RAM, 2016K memmap in 2 blocks, mem_section\[\] 2 of 9 pages backed$'
	has '^Memory: [0-9]+K/127612K available'
	has '^Node 0, zone +Normal'
	has '^    # mem_section\[\]: 4128 slots, 2 pages backed, 7 read-only zero$'
	has '^# Totals: pass:[0-9]+ fail:0 '
	ktap_parse
	has '^mmk: boot complete, status 0$'
	pass "mem_options clusters (two bitmaps, a sparse mem_section[])"
	exit 0
	;;
no_room)
	boot 3 mem-options-no-room --cmdline "loader_test=no_room"
	has '^mmk-loader: error: no memory for the kernel image \([0-9]+ KiB\) nor for its file data \([0-9]+ KiB; largest free block [0-9]+ KiB of [0-9]+ KiB free\)$'
	! grep -qE 'exiting boot services|Command line:|BIOS-provided' "$log.txt" ||
		fail "the loader went on after refusing"
	pass "mem_options no_room (the loader refuses, status 3)"
	exit 0
	;;
exactmap_61M)
	opts='memmap=exactmap memmap=640K@0 memmap=60M@1M'
	# Every self-test too: they read the image's own page tables and
	# symbols where the image is, not through a direct map it is not in.
	boot 0 mem-options-exactmap-61M --cmdline "$opts selftest=all"
	# Where the loader put the log decides whether it is outside RAM
	# (61 MiB here): read from the log's own line, not assumed.
	at=$(sed -n 's/^pstore: persistent log at \(0x[0-9a-f]*\), 256K.*/\1/p' "$log.txt")
	[ -n "$at" ] || fail "no persistent log line"
	if (( at + 256 * 1024 > 61 * 1024 * 1024 )); then
		has '^paging: persistent log \[mem 0x[0-9a-f]+-0x[0-9a-f]+\] is outside the memory map: [0-9]+ KiB of it mapped for the log$'
	fi
	has '^Memory: [0-9]+K/[0-9]+K available'
	has '^# Totals: pass:[0-9]+ fail:0 '
	ktap_parse
	has '^mmk: boot complete, status 0$'
	python3 "$here/check_mem_options.py" "$log.txt" "$opts" || fail "layout differs from Linux 6.1's rules"
	pass "mem_options exactmap_61M (log at $at)"
	exit 0
	;;
mem) opts='mem=256M' ;;
reserve) opts='memmap=64M$128M' ;;
exactmap) opts='memmap=exactmap memmap=640K@0 memmap=255M@1M' ;;
*) fail "unknown case $case" ;;
esac
boot 0 "mem-options-$case" --cmdline "$opts"
has '^user-defined physical RAM map:$'
has '^Memory: [0-9]+K/[0-9]+K available'
has '^mmk: boot complete, status 0$'
python3 "$here/check_mem_options.py" "$log.txt" "$opts" || fail "layout differs from Linux 6.1's rules"
echo "PASS: mem_options $case"
