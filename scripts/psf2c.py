#!/usr/bin/env python3
"""psf2c.py - turn an 8x16 PC console font into the kernel's glyph table.

Usage: psf2c.py FONT.psf[.gz] > build/gen/font8x16.c

Reads a PSF1 or PSF2 font (gzip-compressed or raw), which must have 8x16
glyphs, and prints a C file defining

    const uint8_t font8x16[256][16];    (declared in drivers/font.h)

indexed by Unicode code point U+0000..U+00FF (ASCII and Latin-1).  Each
glyph is 16 rows of one byte, top row first, bit 7 the leftmost pixel.

The font's Unicode table decides which glyph shows which code point; a font
without one is taken to be indexed by code point.  A code point the font
lacks gets the glyph of '?', and the control characters (U+0000..U+001F,
U+007F..U+009F) get a blank glyph.  Exits 1 with a message on a malformed
or unsupported font.  Python 3 standard library only.
"""

import gzip
import os
import struct
import sys
import zlib

WIDTH = 8
HEIGHT = 16
GLYPH_BYTES = HEIGHT * ((WIDTH + 7) // 8)
NCHARS = 256

PSF1_MAGIC = b"\x36\x04"
PSF1_MODE512 = 0x01
PSF1_MODEHASTAB = 0x02
PSF1_MODESEQ = 0x04
PSF1_SEPARATOR = 0xFFFF
PSF1_STARTSEQ = 0xFFFE

PSF2_MAGIC = b"\x72\xb5\x4a\x86"
PSF2_HEADER = struct.Struct("<4sIIIIIII")
PSF2_HAS_UNICODE_TABLE = 0x01
PSF2_SEPARATOR = 0xFF
PSF2_STARTSEQ = 0xFE


class FontError(Exception):
    """The font is malformed or of a kind this script does not handle."""


def read_font(path):
    """Return the font file's bytes, decompressed if it is gzip data."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise FontError(e.strerror or str(e)) from None
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as e:
            raise FontError("bad gzip data: %s" % e) from None
    return data


def check_size(width, height, charsize):
    """Refuse any glyph size other than 8x16."""
    if width != WIDTH or height != HEIGHT or charsize != GLYPH_BYTES:
        raise FontError("glyphs are %dx%d (%d bytes); only %dx%d fonts "
                        "are supported" % (width, height, charsize,
                                           WIDTH, HEIGHT))


def split_glyphs(data, offset, count):
    """Cut @count glyphs out of @data at @offset; return them and the end."""
    end = offset + count * GLYPH_BYTES
    if end > len(data):
        raise FontError("truncated: %d glyphs need %d bytes, file has %d"
                        % (count, end, len(data)))
    glyphs = [data[offset + i * GLYPH_BYTES:offset + (i + 1) * GLYPH_BYTES]
              for i in range(count)]
    return glyphs, end


def add_mapping(table, codepoint, glyph):
    """Map @codepoint to @glyph unless an earlier glyph already claims it."""
    table.setdefault(codepoint, glyph)


def psf1_table(data, offset, count):
    """Parse a PSF1 Unicode table: per glyph, u16 code points up to 0xFFFF.

    Code points after 0xFFFE belong to multi-character sequences, which
    cannot name a single code point, so they are skipped.
    """
    table = {}
    pos = offset
    for glyph in range(count):
        in_seq = False
        while True:
            if pos + 2 > len(data):
                raise FontError("Unicode table ends inside the entry of "
                                "glyph %d" % glyph)
            (uc,) = struct.unpack_from("<H", data, pos)
            pos += 2
            if uc == PSF1_SEPARATOR:
                break
            if uc == PSF1_STARTSEQ:
                in_seq = True
            elif not in_seq:
                add_mapping(table, uc, glyph)
    return table


def parse_psf1(data):
    """Return (glyphs, table or None) of a PSF1 font."""
    if len(data) < 4:
        raise FontError("truncated PSF1 header")
    mode, charsize = data[2], data[3]
    if mode & ~(PSF1_MODE512 | PSF1_MODEHASTAB | PSF1_MODESEQ):
        raise FontError("unsupported PSF1 mode 0x%02x" % mode)
    check_size(WIDTH, charsize, charsize)
    count = 512 if mode & PSF1_MODE512 else 256
    glyphs, end = split_glyphs(data, 4, count)
    table = None
    if mode & (PSF1_MODEHASTAB | PSF1_MODESEQ):
        table = psf1_table(data, end, count)
    return glyphs, table


def psf2_entry_codepoints(raw, glyph):
    """Decode the single code points of one PSF2 table entry (UTF-8)."""
    single = raw.split(bytes([PSF2_STARTSEQ]), 1)[0]
    try:
        return [ord(c) for c in single.decode("utf-8")]
    except UnicodeDecodeError:
        raise FontError("bad UTF-8 in the Unicode table entry of glyph %d"
                        % glyph) from None


def psf2_table(data, offset, count):
    """Parse a PSF2 Unicode table: per glyph, UTF-8 text up to 0xFF."""
    table = {}
    pos = offset
    for glyph in range(count):
        end = data.find(bytes([PSF2_SEPARATOR]), pos)
        if end < 0:
            raise FontError("Unicode table ends inside the entry of "
                            "glyph %d" % glyph)
        for uc in psf2_entry_codepoints(data[pos:end], glyph):
            add_mapping(table, uc, glyph)
        pos = end + 1
    return table


def parse_psf2(data):
    """Return (glyphs, table or None) of a PSF2 font."""
    if len(data) < PSF2_HEADER.size:
        raise FontError("truncated PSF2 header")
    (_, version, headersize, flags, length, charsize, height,
     width) = PSF2_HEADER.unpack_from(data)
    if version != 0:
        raise FontError("unsupported PSF2 version %d" % version)
    if flags & ~PSF2_HAS_UNICODE_TABLE:
        raise FontError("unsupported PSF2 flags 0x%x" % flags)
    if headersize < PSF2_HEADER.size or headersize > len(data):
        raise FontError("bad PSF2 header size %d" % headersize)
    if length == 0 or length > 0x10000:
        raise FontError("bad PSF2 glyph count %d" % length)
    check_size(width, height, charsize)
    glyphs, end = split_glyphs(data, headersize, length)
    table = None
    if flags & PSF2_HAS_UNICODE_TABLE:
        table = psf2_table(data, end, length)
    return glyphs, table


def parse_font(data):
    """Return (glyphs, table or None) of a PSF1 or PSF2 font."""
    if data[:2] == PSF1_MAGIC:
        return parse_psf1(data)
    if data[:4] == PSF2_MAGIC:
        return parse_psf2(data)
    raise FontError("not a PSF1 or PSF2 font (bad magic)")


def is_control(cp):
    """C0 and C1 control characters, and DEL."""
    return cp < 0x20 or 0x7F <= cp < 0xA0


def glyph_index(table, nglyphs, cp):
    """The glyph that shows @cp, or None if the font has none."""
    if table is None:
        return cp if cp < nglyphs else None
    return table.get(cp)


def build_table(glyphs, table):
    """Return the 256 glyphs indexed by code point."""
    question = glyph_index(table, len(glyphs), ord("?"))
    if question is None:
        raise FontError("the font has no glyph for '?'")
    blank = bytes(GLYPH_BYTES)
    out = []
    for cp in range(NCHARS):
        if is_control(cp):
            out.append(blank)
            continue
        index = glyph_index(table, len(glyphs), cp)
        out.append(glyphs[question if index is None else index])
    return out


def describe(cp):
    """A comment naming code point @cp, kept to safe ASCII."""
    if 0x20 <= cp < 0x7F and chr(cp) not in "'\\":
        return "U+%04X '%c'" % (cp, cp)
    return "U+%04X" % cp


def emit(out, chars, source):
    """Write the C file for the 256 glyphs @chars to @out."""
    out.write("/*\n"
              " * Generated by scripts/psf2c.py from %s: do not edit.\n"
              " * 256 glyphs of 8x16 pixels indexed by Unicode code point,\n"
              " * top row first, bit 7 the leftmost pixel.\n"
              " */\n" % source)
    out.write('#include "drivers/font.h"\n\n')
    out.write("const uint8_t font8x16[256][16] = {\n")
    for cp, glyph in enumerate(chars):
        out.write("\t[0x%02x] = {\t/* %s */\n" % (cp, describe(cp)))
        for half in (glyph[:8], glyph[8:]):
            out.write("\t\t%s,\n" % ", ".join("0x%02x" % b for b in half))
        out.write("\t},\n")
    out.write("};\n")


def main(argv):
    if len(argv) != 2 or argv[1].startswith("-"):
        sys.stderr.write("usage: psf2c.py FONT.psf[.gz] > font8x16.c\n")
        return 2
    path = argv[1]
    try:
        glyphs, table = parse_font(read_font(path))
        chars = build_table(glyphs, table)
    except FontError as e:
        sys.stderr.write("psf2c: %s: %s\n" % (path, e))
        return 1
    emit(sys.stdout, chars, os.path.basename(path))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
