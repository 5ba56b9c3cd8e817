/*
 * SLIT for the boot test numa_acpitable_slit (QEMU -acpitable on the numa2
 * machine, whose QEMU makes no SLIT of its own): 0 -> 1 is 10, as near as
 * local. Linux 6.1: "ACPI: SLIT table looks invalid. Not used.", default
 * distances.
 */
[0004]                          Signature : "SLIT"
[0004]                       Table Length : 00000000
[0001]                           Revision : 01
[0001]                           Checksum : 00
[0006]                             Oem ID : "MMKTST"
[0008]                       Oem Table ID : "SLITBAD"
[0004]                       Oem Revision : 00000001
[0004]                    Asl Compiler ID : "INTL"
[0004]              Asl Compiler Revision : 20200925

[0008]                         Localities : 0000000000000002
[0002]                       Locality   0 : 0A 0A
[0002]                       Locality   1 : 14 0A
