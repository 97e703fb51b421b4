#!/usr/bin/env python3
"""Writes a deliberately malformed initrd for the boot tests.

Usage: initrd-bad.py GOOD.cpio OUT.cpio

OUT holds every entry of GOOD up to its trailer (so the good files, the
test blob included, still unpack), then hostile entries the kernel must
log and skip without creating anything outside the root:

  ../escape, a/../../b     names leaving the root (-EPERM)
  crc-mismatch             a 070702 entry with a wrong checksum
  no-nul                   a name without its terminating NUL
  unknown-type             a mode with file type 0170000

then one entry accepted after normalisation (/abs/ok, created as
abs/ok), then a header with a bad hex digit, after which nothing can be
parsed, then a copy of a good entry cut short (a truncated tail, never
reached).  The kernel must warn about each, log that it stopped, and
boot on.
"""

import sys

HDR = 110
TRAILER = b'TRAILER!!!'


def entry(name, mode=0o100644, data=b'', magic=b'070701', check=0,
          namesize=None):
    """Returns one newc entry; name is bytes, stored as given plus NUL
    unless namesize says otherwise."""
    raw = name + b'\0'
    size = len(raw) if namesize is None else namesize
    fields = [0x4242, mode, 0, 0, 1, 1700000000, len(data), 0, 1, 0, 0,
              size, check]
    out = magic + b''.join(b'%08X' % f for f in fields) + raw[:size]
    out += b'x' * (size - len(raw[:size]))
    out += b'\0' * (-len(out) % 4)
    return out + data + b'\0' * (-len(data) % 4)


def good_entries(archive):
    """Returns the bytes of archive's entries before its trailer."""
    off = 0
    while off + HDR <= len(archive):
        namesize = int(archive[off + 94:off + 102], 16)
        filesize = int(archive[off + 54:off + 62], 16)
        name = archive[off + HDR:off + HDR + namesize - 1]
        if name == TRAILER:
            return archive[:off]
        data_off = off + ((HDR + namesize + 3) & ~3)
        off = data_off + ((filesize + 3) & ~3)
    sys.exit('initrd-bad.py: no trailer in the good archive')


def main():
    if len(sys.argv) != 3:
        sys.exit('usage: initrd-bad.py GOOD.cpio OUT.cpio')
    with open(sys.argv[1], 'rb') as f:
        good = good_entries(f.read())
    bad_hex = bytearray(entry(b'after-bad-hex', data=b'lost'))
    bad_hex[6 + 8 + 3] = ord('g')		# in the mode field
    out = (good
           + entry(b'../escape', data=b'escaped!\n')
           + entry(b'a/../../b', data=b'escaped!\n')
           + entry(b'crc-mismatch', data=b'abc', magic=b'070702', check=1)
           + entry(b'no-nul', namesize=6)
           + entry(b'unknown-type', mode=0o170644)
           + entry(b'/abs/ok', data=b'normalised\n')
           + bytes(bad_hex)
           + entry(b'tail', data=b'x' * 100)[:150])
    with open(sys.argv[2], 'wb') as f:
        f.write(out)


if __name__ == '__main__':
    main()
