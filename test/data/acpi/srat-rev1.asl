/*
 * SRAT revision 1 for test_acpi (case srat_iasl_rev1): Linux uses only the
 * low proximity byte then (processor: Proximity Domain High ignored;
 * memory: domain & 0xff).
 */
[0004]                          Signature : "SRAT"
[0004]                       Table Length : 00000000
[0001]                           Revision : 01
[0001]                           Checksum : 00
[0006]                             Oem ID : "MMKTST"
[0008]                       Oem Table ID : "SRATREV1"
[0004]                       Oem Revision : 00000001
[0004]                    Asl Compiler ID : "INTL"
[0004]              Asl Compiler Revision : 20200925

[0004]                     Table Revision : 00000001
[0008]                           Reserved : 0000000000000000

/* cpu[0]: PXM 0x05 (high bytes 0x000001 ignored), APIC 0x03, enabled */
[0001]                      Subtable Type : 00
[0001]                             Length : 10
[0001]            Proximity Domain Low(8) : 05
[0001]                            Apic ID : 03
[0004]              Flags (decoded below) : 00000001
                                  Enabled : 1
[0001]                    Local Sapic EID : 00
[0003]          Proximity Domain High(24) : 000001
[0004]                       Clock Domain : 00000000

/* mem[0]: domain 0x1234 -> PXM 0x34, [0x1000000, +0x2000000) enabled */
[0001]                      Subtable Type : 01
[0001]                             Length : 28
[0004]                   Proximity Domain : 00001234
[0002]                          Reserved1 : 0000
[0008]                       Base Address : 0000000001000000
[0008]                     Address Length : 0000000002000000
[0004]                          Reserved2 : 00000000
[0004]              Flags (decoded below) : 00000001
                                  Enabled : 1
                            Hot Pluggable : 0
                             Non-Volatile : 0
[0008]                          Reserved3 : 0000000000000000
