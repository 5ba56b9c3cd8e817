/*
 * SLIT for test_acpi, 3 localities, invalid: 2->0 is 10, as near as local (case slit_iasl_bad_offdiagonal).
 */
[0004]                          Signature : "SLIT"
[0004]                       Table Length : 00000000
[0001]                           Revision : 01
[0001]                           Checksum : 00
[0006]                             Oem ID : "MMKTST"
[0008]                       Oem Table ID : "SLIT"
[0004]                       Oem Revision : 00000001
[0004]                    Asl Compiler ID : "INTL"
[0004]              Asl Compiler Revision : 20200925

[0008]                         Localities : 0000000000000003
[0003]                       Locality   0 : 0A 14 14
[0003]                       Locality   1 : 14 0A 14
[0003]                       Locality   2 : 0A 14 0A
