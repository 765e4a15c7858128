#!/usr/bin/env python3
"""Writes a status file (contract section 5) of N valid rows to stdout, streaming.

Identity numbers are in the test series (birth numbers 980-999) with correct check digits;
Löpnummer values start with a run prefix so that repeated runs are not duplicates.
"""
import sys
from datetime import date, timedelta

def luhn(nine):
    total = 0
    for i, ch in enumerate(nine):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d // 10 + d % 10
    return (10 - total % 10) % 10

def main():
    rows, prefix = int(sys.argv[1]), sys.argv[2]
    out = sys.stdout
    out.write("\ufeffLöpnummer;Personnummer;Hemkommun;Datum;Händelse;Kategori;Insats;Timmar;PeriodFrån;PeriodTill\r\n")
    start = date(1960, 1, 1)
    for i in range(rows):
        born = start + timedelta(days=i % 14000)
        yymmdd = born.strftime("%y%m%d")
        birth = 980 + i % 20
        pnr = born.strftime("%Y%m%d") + str(birth) + str(luhn(yymmdd + str(birth)))
        if i % 2 == 0:
            out.write(f"{prefix}-{i};{pnr};1482;2026-11-02;aktivitet;arbete;praktik;12,5;2026-11-01;2026-11-02\r\n")
        else:
            out.write(f"{prefix}-{i};{pnr};1482;2026-11-02;paus;;;;;\r\n")

if __name__ == "__main__":
    main()
