#!/usr/bin/env python3
"""Writes an assembly file defining ICU's packaged data symbol with a trimmed copy of the data the
Swift toolchain's static Foundation carries (lib_FoundationICU.a, icudtNN_dat: 34 MB).

Parapet links Foundation statically because its dependencies (Yams, TOMLKit, ZIPFoundation)
import it, and Foundation brings ICU and all of its data, two thirds of the release binary.
Parapet formats dates in UTC with fixed patterns and compares strings in code-point order, so it
needs the root and English locale data, time zones and Unicode properties, not collation for 800
locales, word dictionaries for Thai or Khmer, or legacy character set converters. The trimmed
copy keeps every non-locale item and, for every locale tree, root, English and the indexes; it
drops character set converters (.cnv), string preparation profiles (.spp), the spoof checker's
confusables and the break iterator dictionaries. Linked as an object file, it defines the symbol,
so the archive's member is never pulled in.

Usage: trim-icu-data.py LIB_FOUNDATION_ICU.a OUTPUT_FOLDER  (writes icudata.S and icudata.dat)
"""
import os
import re
import struct
import subprocess
import sys
import tempfile

LOCALE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]+)*$")
KEPT_NAMES = {"root", "res_index", "pool", "tzdbNames", "ucadata"}


def keep(name):
    """Whether an item (such as icudt76l/coll/de.res) is kept."""
    parts = name.split("/")[1:]
    base, _, extension = parts[-1].rpartition(".")
    if extension in ("cnv", "spp", "dict", "cfu"):
        return False
    if base in KEPT_NAMES or base == "en" or base.startswith("en_"):
        return True
    # Outside the locale trees, an item named like a locale is one; anything else is data
    # shared by every locale (supplementalData, zoneinfo64, unames, nfkc.nrm, ...).
    return not LOCALE.match(base) if len(parts) == 1 else not (
        LOCALE.match(base) and extension == "res")


def read_package(blob):
    header_size = struct.unpack_from("<H", blob, 0)[0]
    count = struct.unpack_from("<I", blob, header_size)[0]
    entries = []
    for index in range(count):
        name_offset, data_offset = struct.unpack_from("<II", blob, header_size + 4 + 8 * index)
        start = header_size + name_offset
        name = blob[start:blob.index(b"\0", start)].decode()
        entries.append((name, header_size + data_offset))
    items = []
    for index, (name, offset) in enumerate(entries):
        end = entries[index + 1][1] if index + 1 < count else len(blob)
        items.append((name, blob[offset:end]))
    return blob[:header_size], items


def write_package(header, items):
    count = len(items)
    names = b""
    name_offsets = []
    table = 4 + 8 * count
    for name, _ in items:
        name_offsets.append(table + len(names))
        names += name.encode() + b"\0"
    body_start = table + len(names)
    body_start += (-(len(header) + body_start)) % 16
    toc = bytearray(struct.pack("<I", count))
    data = bytearray()
    for (name, item), name_offset in zip(items, name_offsets):
        toc += struct.pack("<II", name_offset, body_start + len(data))
        data += item + b"\0" * ((-len(item)) % 16)
    toc += names
    toc += b"\0" * (body_start - len(toc))
    return header + bytes(toc) + bytes(data)


def main():
    archive, output = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as scratch:
        member = "icu_packaged_data.cpp.o"
        subprocess.run(["ar", "x", archive, member], cwd=scratch, check=True)
        objectfile = os.path.join(scratch, member)
        symbols = subprocess.run(
            ["nm", objectfile], check=True, capture_output=True, text=True).stdout
        symbol = next(line.split()[-1] for line in symbols.splitlines()
                      if re.search(r"icudt\d+_dat$", line))
        raw = os.path.join(scratch, "data.bin")
        subprocess.run(["objcopy", "-O", "binary", "--only-section=.rodata", objectfile, raw],
                       check=True)
        header, items = read_package(open(raw, "rb").read())
    kept = [item for item in items if keep(item[0])]
    package = write_package(header, kept)
    os.makedirs(output, exist_ok=True)
    with open(os.path.join(output, "icudata.dat"), "wb") as file:
        file.write(package)
    with open(os.path.join(output, "icudata.S"), "w") as file:
        file.write(
            f'  .section .rodata\n  .globl {symbol}\n  .type {symbol}, @object\n'
            f'  .p2align 4\n{symbol}:\n  .incbin "{os.path.join(output, "icudata.dat")}"\n'
            f'  .size {symbol}, . - {symbol}\n  .section .note.GNU-stack,"",@progbits\n')
    print(f"ICU data: kept {len(kept)} of {len(items)} items, "
          f"{len(package)} of {sum(len(i) for _, i in items)} bytes")


if __name__ == "__main__":
    main()
