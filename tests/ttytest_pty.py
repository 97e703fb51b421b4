#!/usr/bin/env python3
r"""Runs tests/user/ttytest on this Linux host under a pseudo-terminal,
typing what it asks for (tests/cases.py TTYTEST_SCRIPT, the same script
the serial session in Basalt plays), and prints one result line:
"ok 1 ttytest" or "not ok 1 ttytest: why", then "N passed, M failed".
A failure here means the test expects something Linux does not do.

    python3 tests/ttytest_pty.py build/user/ttytest
"""

import fcntl
import os
import pty
import re
import select
import struct
import sys
import termios
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cases  # noqa: E402

TIMEOUT = 30
SUMMARY = re.compile(rb'TTYTEST: (\d+) passed, (\d+) failed')


def read_until(fd, out, pattern, deadline):
    """Reads from fd into out (a bytearray) until pattern is in it."""
    while not re.search(pattern, out):
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        try:
            data = os.read(fd, 4096)
        except OSError:		# the child has gone: EIO on Linux
            return re.search(pattern, out) is not None
        if not data:
            return False
        out += data
    return True


def run(binary):
    """Returns (ok, why, output)."""
    pid, fd = pty.fork()
    if pid == 0:		# not a session leader: TIOCSCTTY must fail
        # a terminal emulator sets the size; a new pty's is 0x0
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', 24, 80, 0, 0))
        os.execv('/bin/sh', ['sh', '-c', '"$0"; exit $?', binary])
    out = bytearray()
    deadline = time.monotonic() + TIMEOUT
    why = None
    for prompt, keys in cases.TTYTEST_SCRIPT:
        if not read_until(fd, out, re.escape(prompt.encode()), deadline):
            why = 'no prompt %r' % prompt
            break
        os.write(fd, keys.encode('latin-1'))
    if why is None and not read_until(fd, out, SUMMARY, deadline):
        why = 'no summary line'
    os.kill(pid, 9) if why else None
    os.waitpid(pid, 0)
    m = SUMMARY.search(out)
    if why is None and m.group(2) != b'0':
        why = '%s checks failed' % m.group(2).decode()
    return why is None, why, out.decode('latin-1')


def main():
    ok, why, output = run(os.path.abspath(sys.argv[1]))
    if ok:
        print('ok 1 ttytest')
    else:
        print('not ok 1 ttytest: %s' % why)
        for line in output.splitlines():
            if 'FAIL' in line or 'read ' in line:
                print('# ' + line.strip())
    print('%d passed, %d failed' % (int(ok), int(not ok)))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
