#!/usr/bin/env python3
"""Writes the seed corpus of the cpio fuzz target (make fuzz).

Usage: mkcorpus.py DIR

A handful of small, valid "newc" archives, written directly (no cpio
tool needed) so every seed is the same on every machine: directories,
files of every padding, a symlink, a device node, a hard-link pair with
the data on the last name, a 070702 archive with checksums, and one
without a trailer.  The fuzzer mutates from these.
"""

import os
import sys


def header(name, mode, data=b'', ino=1, nlink=1, crc=False, rdev=(0, 0),
           mtime=1700000000):
    """Returns one entry: header, padded name, padded data."""
    raw = name.encode() + b'\0'
    check = sum(data) & 0xffffffff if crc else 0
    fields = [ino, mode, 0, 0, nlink, mtime, len(data), 0, 1,
              rdev[0], rdev[1], len(raw), check]
    out = (b'070702' if crc else b'070701')
    out += b''.join(b'%08X' % f for f in fields) + raw
    out += b'\0' * (-len(out) % 4)
    out += data + b'\0' * (-len(data) % 4)
    return out


def archive(entries, trailer=True, crc=False):
    """Returns the archive of entries (tuples of header() arguments)."""
    out = b''.join(header(*e, crc=crc) for e in entries)
    if trailer:
        out += header('TRAILER!!!', 0, ino=0, crc=crc)
        out += b'\0' * (-len(out) % 512)
    return out


TREE = [
    ('.', 0o40755),
    ('etc', 0o40755),
    ('etc/hostname', 0o100644, b'basalt\n', 2),
    ('etc/motd', 0o100644, b'Welcome to Basalt.\n', 3),
    ('etc/empty', 0o100600, b'', 4),
    ('bin', 0o40755),
    ('bin/sh', 0o104755, b'\x7fELF' + bytes(range(60)), 5),
    ('bin/ls', 0o120777, b'sh', 6),
    ('dev', 0o41777),
]

SEEDS = {
    'tree.cpio': archive(TREE),
    'crc.cpio': archive(TREE, crc=True),
    'no-trailer.cpio': archive(TREE[:4], trailer=False),
    'paddings.cpio': archive([('n' * n, 0o100644, b'd' * n, n)
                              for n in range(1, 9)]),
    'hardlinks.cpio': archive([('a', 0o100644, b'', 7, 2),
                               ('b', 0o100644, b'shared data', 7, 2)]),
    'device.cpio': archive([('/dev/null', 0o20666, b'', 8, 1),
                            ('./tty1', 0o20620, b'', 9, 1)]),
    'empty.cpio': archive([]),
}


def main():
    if len(sys.argv) != 2:
        sys.exit('usage: mkcorpus.py DIR')
    os.makedirs(sys.argv[1], exist_ok=True)
    for name, data in SEEDS.items():
        with open(os.path.join(sys.argv[1], 'seed-' + name), 'wb') as f:
            f.write(data)


if __name__ == '__main__':
    main()
