/*
 * SRAT for test_acpi (host.test_acpi, case srat_iasl_good): revision 3, so
 * processor entries use all four proximity bytes and memory entries the
 * whole 32-bit domain. Every value the test expects is written here.
 * iasl fills in the table length and checksum.
 */
[0004]                          Signature : "SRAT"
[0004]                       Table Length : 00000000
[0001]                           Revision : 03
[0001]                           Checksum : 00
[0006]                             Oem ID : "MMKTST"
[0008]                       Oem Table ID : "SRATGOOD"
[0004]                       Oem Revision : 00000001
[0004]                    Asl Compiler ID : "INTL"
[0004]              Asl Compiler Revision : 20200925

[0004]                     Table Revision : 00000001
[0008]                           Reserved : 0000000000000000

/* cpu[0]: PXM 0, APIC 0x00, enabled */
[0001]                      Subtable Type : 00
[0001]                             Length : 10
[0001]            Proximity Domain Low(8) : 00
[0001]                            Apic ID : 00
[0004]              Flags (decoded below) : 00000001
                                  Enabled : 1
[0001]                    Local Sapic EID : 00
[0003]          Proximity Domain High(24) : 000000
[0004]                       Clock Domain : 00000000

/* cpu[1]: PXM 0x01 | 0x000002 << 8 = 0x201, APIC 0x01, enabled */
[0001]                      Subtable Type : 00
[0001]                             Length : 10
[0001]            Proximity Domain Low(8) : 01
[0001]                            Apic ID : 01
[0004]              Flags (decoded below) : 00000001
                                  Enabled : 1
[0001]                    Local Sapic EID : 00
[0003]          Proximity Domain High(24) : 000002
[0004]                       Clock Domain : 00000000

/* cpu[2]: PXM 1, APIC 0x02, disabled */
[0001]                      Subtable Type : 00
[0001]                             Length : 10
[0001]            Proximity Domain Low(8) : 01
[0001]                            Apic ID : 02
[0004]              Flags (decoded below) : 00000000
                                  Enabled : 0
[0001]                    Local Sapic EID : 00
[0003]          Proximity Domain High(24) : 000000
[0004]                       Clock Domain : 00000000

/* cpu[3]: x2APIC 0x100, PXM 2, enabled */
[0001]                      Subtable Type : 02
[0001]                             Length : 18
[0002]                          Reserved1 : 0000
[0004]                   Proximity Domain : 00000002
[0004]                            Apic ID : 00000100
[0004]              Flags (decoded below) : 00000001
                                  Enabled : 1
[0004]                       Clock Domain : 00000000
[0004]                          Reserved2 : 00000000

/* cpu[4]: x2APIC 0x101, PXM 3, disabled */
[0001]                      Subtable Type : 02
[0001]                             Length : 18
[0002]                          Reserved1 : 0000
[0004]                   Proximity Domain : 00000003
[0004]                            Apic ID : 00000101
[0004]              Flags (decoded below) : 00000000
                                  Enabled : 0
[0004]                       Clock Domain : 00000000
[0004]                          Reserved2 : 00000000

/* GICC affinity (arm64): not kept */
[0001]                      Subtable Type : 03
[0001]                             Length : 12
[0004]                   Proximity Domain : 00000007
[0004]                 Acpi Processor UID : 00000000
[0004]              Flags (decoded below) : 00000001
                                  Enabled : 1
[0004]                       Clock Domain : 00000000

/* mem[0]: PXM 0 [0, 0xa0000) enabled */
[0001]                      Subtable Type : 01
[0001]                             Length : 28
[0004]                   Proximity Domain : 00000000
[0002]                          Reserved1 : 0000
[0008]                       Base Address : 0000000000000000
[0008]                     Address Length : 00000000000A0000
[0004]                          Reserved2 : 00000000
[0004]              Flags (decoded below) : 00000001
                                  Enabled : 1
                            Hot Pluggable : 0
                             Non-Volatile : 0
[0008]                          Reserved3 : 0000000000000000

/* mem[1]: PXM 1 [0x40000000, +0x40000000) enabled, hot-pluggable */
[0001]                      Subtable Type : 01
[0001]                             Length : 28
[0004]                   Proximity Domain : 00000001
[0002]                          Reserved1 : 0000
[0008]                       Base Address : 0000000040000000
[0008]                     Address Length : 0000000040000000
[0004]                          Reserved2 : 00000000
[0004]              Flags (decoded below) : 00000003
                                  Enabled : 1
                            Hot Pluggable : 1
                             Non-Volatile : 0
[0008]                          Reserved3 : 0000000000000000

/* mem[2]: PXM 2 [0x100000000, +0x80000000) enabled, non-volatile */
[0001]                      Subtable Type : 01
[0001]                             Length : 28
[0004]                   Proximity Domain : 00000002
[0002]                          Reserved1 : 0000
[0008]                       Base Address : 0000000100000000
[0008]                     Address Length : 0000000080000000
[0004]                          Reserved2 : 00000000
[0004]              Flags (decoded below) : 00000005
                                  Enabled : 1
                            Hot Pluggable : 0
                             Non-Volatile : 1
[0008]                          Reserved3 : 0000000000000000

/* mem[3]: PXM 3 [0x180000000, +0x40000000) disabled */
[0001]                      Subtable Type : 01
[0001]                             Length : 28
[0004]                   Proximity Domain : 00000003
[0002]                          Reserved1 : 0000
[0008]                       Base Address : 0000000180000000
[0008]                     Address Length : 0000000040000000
[0004]                          Reserved2 : 00000000
[0004]              Flags (decoded below) : 00000000
                                  Enabled : 0
                            Hot Pluggable : 0
                             Non-Volatile : 0
[0008]                          Reserved3 : 0000000000000000

/* mem[4]: PXM 0x1234 (all 32 bits at revision 3) [0x200000000, +0x1000000) enabled */
[0001]                      Subtable Type : 01
[0001]                             Length : 28
[0004]                   Proximity Domain : 00001234
[0002]                          Reserved1 : 0000
[0008]                       Base Address : 0000000200000000
[0008]                     Address Length : 0000000001000000
[0004]                          Reserved2 : 00000000
[0004]              Flags (decoded below) : 00000001
                                  Enabled : 1
                            Hot Pluggable : 0
                             Non-Volatile : 0
[0008]                          Reserved3 : 0000000000000000
