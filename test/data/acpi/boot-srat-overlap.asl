/*
 * SRAT for the boot test numa_acpitable_overlap (QEMU -acpitable on a
 * 2 GiB q35 machine without -numa): node 0 [0, 1.25 GiB) and node 1
 * [1 GiB, 2 GiB) overlap. Linux 6.1: "node 0 [mem 0x00000000-0x4fffffff]
 * overlaps with node 1 [mem 0x40000000-END]" (END: the end of RAM), then
 * the dummy node.
 */
[0004]                          Signature : "SRAT"
[0004]                       Table Length : 00000000
[0001]                           Revision : 03
[0001]                           Checksum : 00
[0006]                             Oem ID : "MMKTST"
[0008]                       Oem Table ID : "SRATOVLP"
[0004]                       Oem Revision : 00000001
[0004]                    Asl Compiler ID : "INTL"
[0004]              Asl Compiler Revision : 20200925

[0004]                     Table Revision : 00000001
[0008]                           Reserved : 0000000000000000

/* PXM 00000000 [0000000000000000, +0000000050000000) */
[0001]                      Subtable Type : 01
[0001]                             Length : 28
[0004]                   Proximity Domain : 00000000
[0002]                          Reserved1 : 0000
[0008]                       Base Address : 0000000000000000
[0008]                     Address Length : 0000000050000000
[0004]                          Reserved2 : 00000000
[0004]              Flags (decoded below) : 00000001
                                  Enabled : 1
                            Hot Pluggable : 0
                             Non-Volatile : 0
[0008]                          Reserved3 : 0000000000000000

/* PXM 00000001 [0000000040000000, +0000000040000000) */
[0001]                      Subtable Type : 01
[0001]                             Length : 28
[0004]                   Proximity Domain : 00000001
[0002]                          Reserved1 : 0000
[0008]                       Base Address : 0000000040000000
[0008]                     Address Length : 0000000040000000
[0004]                          Reserved2 : 00000000
[0004]              Flags (decoded below) : 00000001
                                  Enabled : 1
                            Hot Pluggable : 0
                             Non-Volatile : 0
[0008]                          Reserved3 : 0000000000000000

