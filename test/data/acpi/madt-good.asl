/*
 * MADT for test_acpi (case madt_iasl_good): local APIC and x2APIC
 * processors (enabled, online-capable, disabled, the invalid id 0xff),
 * two I/O APICs, two overrides, NMIs and a LAPIC address override.
 */
[0004]                          Signature : "APIC"
[0004]                       Table Length : 00000000
[0001]                           Revision : 05
[0001]                           Checksum : 00
[0006]                             Oem ID : "MMKTST"
[0008]                       Oem Table ID : "MADTGOOD"
[0004]                       Oem Revision : 00000001
[0004]                    Asl Compiler ID : "INTL"
[0004]              Asl Compiler Revision : 20200925

[0004]                 Local Apic Address : FEE00000
[0004]              Flags (decoded below) : 00000001
                      PC-AT Compatibility : 1

/* cpu[0]: UID 0, APIC 0x00, enabled */
[0001]                      Subtable Type : 00
[0001]                             Length : 08
[0001]                       Processor ID : 00
[0001]                      Local Apic ID : 00
[0004]              Flags (decoded below) : 00000001
                        Processor Enabled : 1
                   Runtime Online Capable : 0

/* cpu[1]: UID 1, APIC 0x02, not enabled but online-capable */
[0001]                      Subtable Type : 00
[0001]                             Length : 08
[0001]                       Processor ID : 01
[0001]                      Local Apic ID : 02
[0004]              Flags (decoded below) : 00000002
                        Processor Enabled : 0
                   Runtime Online Capable : 1

/* cpu[2]: UID 2, APIC 0xff (invalid id), disabled */
[0001]                      Subtable Type : 00
[0001]                             Length : 08
[0001]                       Processor ID : 02
[0001]                      Local Apic ID : FF
[0004]              Flags (decoded below) : 00000000
                        Processor Enabled : 0
                   Runtime Online Capable : 0

/* ioapic[0]: id 0 at 0xfec00000, GSI base 0 */
[0001]                      Subtable Type : 01
[0001]                             Length : 0C
[0001]                        I/O Apic ID : 00
[0001]                           Reserved : 00
[0004]                            Address : FEC00000
[0004]                          Interrupt : 00000000

/* int_ovr[0]: ISA IRQ 0 -> GSI 2, conforming */
[0001]                      Subtable Type : 02
[0001]                             Length : 0A
[0001]                                Bus : 00
[0001]                             Source : 00
[0004]                          Interrupt : 00000002
[0002]              Flags (decoded below) : 0000
                                 Polarity : 0
                             Trigger Mode : 0

/* int_ovr[1]: ISA IRQ 9 -> GSI 9, active high, level (0x000d) */
[0001]                      Subtable Type : 02
[0001]                             Length : 0A
[0001]                                Bus : 00
[0001]                             Source : 09
[0004]                          Interrupt : 00000009
[0002]              Flags (decoded below) : 000D
                                 Polarity : 1
                             Trigger Mode : 3

/* NMI source (type 3): not kept */
[0001]                      Subtable Type : 03
[0001]                             Length : 08
[0002]              Flags (decoded below) : 000D
                                 Polarity : 1
                             Trigger Mode : 3
[0004]                          Interrupt : 00000001

/* lapic_nmi[0]: all processors (0xff), flags 0x0005, LINT1 */
[0001]                      Subtable Type : 04
[0001]                             Length : 06
[0001]                       Processor ID : FF
[0002]              Flags (decoded below) : 0005
                                 Polarity : 1
                             Trigger Mode : 1
[0001]               Interrupt Input LINT : 01

/* LAPIC address override: 0x00000000fee00000 */
[0001]                      Subtable Type : 05
[0001]                             Length : 0C
[0002]                           Reserved : 0000
[0008]                       APIC Address : 00000000FEE00000

/* cpu[3]: x2APIC 0x100, UID 3, enabled */
[0001]                      Subtable Type : 09
[0001]                             Length : 10
[0002]                           Reserved : 0000
[0004]                Processor x2Apic ID : 00000100
[0004]              Flags (decoded below) : 00000001
                        Processor Enabled : 1
[0004]                      Processor UID : 00000003

/* cpu[4]: x2APIC 0x101, UID 4, disabled */
[0001]                      Subtable Type : 09
[0001]                             Length : 10
[0002]                           Reserved : 0000
[0004]                Processor x2Apic ID : 00000101
[0004]              Flags (decoded below) : 00000000
                        Processor Enabled : 0
[0004]                      Processor UID : 00000004

/* lapic_nmi[1]: x2APIC NMI, UID 0xffffffff, flags 0x0005, LINT1 */
[0001]                      Subtable Type : 0A
[0001]                             Length : 0C
[0002]              Flags (decoded below) : 0005
                                 Polarity : 1
                             Trigger Mode : 1
[0004]                      Processor UID : FFFFFFFF
[0001]               Interrupt Input LINT : 01
[0003]                           Reserved : 000000

/* ioapic[1]: id 1 at 0xfec01000, GSI base 24 */
[0001]                      Subtable Type : 01
[0001]                             Length : 0C
[0001]                        I/O Apic ID : 01
[0001]                           Reserved : 00
[0004]                            Address : FEC01000
[0004]                          Interrupt : 00000018
