"""Launching QEMU for one boot case and talking to it.

Builds the command line for a case (tests/cases.py), prepares the files it
needs in the case's own directory (a copy of the OVMF variable store, the
FAT disk carrying the kernel command line for the test ISO), and runs QEMU
while handing the serial output to a callback as it arrives.

The guest's COM1 is a Unix socket (serial.sock) that QEMU listens on with
wait=on: QEMU does not start the machine until the runner has connected,
so no output is lost.  The runner reads it into serial.log and writes the
case's serial input to it.  Keys go through QMP (qmp.sock, command
send-key, the same key names as the human monitor's sendkey).

Every QEMU started here is registered so that stop_all() (Ctrl-C) can kill
it from the main thread while worker threads are waiting on it.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import select
import shutil
import socket
import subprocess
import threading
import time

OVMF_DIR = '/usr/share/OVMF'
OVMF_PAIRS = [('OVMF_CODE_4M.fd', 'OVMF_VARS_4M.fd'),
              ('OVMF_CODE.fd', 'OVMF_VARS.fd')]
CFG_NAME = 'basalt-test.cfg'	# the file tests/grub-test.cfg sources
SERIAL_SOCKET = 'serial.sock'	# in the case's directory
QMP_SOCKET = 'qmp.sock'
SUN_PATH_MAX = 107		# sizeof(sockaddr_un.sun_path) - 1 on Linux
POLL_SECONDS = 0.05
CONNECT_SECONDS = 30		# QEMU must open its sockets within this
QMP_SECONDS = 10		# and answer each QMP command within this
EXIT_SECONDS = 5		# from the serial socket closing to QEMU's exit
# QEMU's message while it waits for us on the serial socket: not an error.
WAITING_LINE = re.compile(r'^.*QEMU waiting for connection on: .*\n?',
                          re.M)

# QEMU key names (QKeyCode; the monitor's sendkey and QMP send-key).
KEY_NAMES = frozenset(
    'shift shift_r alt alt_r ctrl ctrl_r menu esc minus '
    'equal backspace tab ret spc caps_lock num_lock scroll_lock '
    'bracket_left bracket_right semicolon apostrophe grave_accent '
    'backslash comma dot slash asterisk less sysrq print pause '
    'home end pgup pgdn up down left right insert delete '
    'meta_l meta_r compose kp_divide kp_multiply kp_subtract kp_add '
    'kp_enter kp_decimal kp_equals kp_comma'.split()
    + [chr(c) for c in range(ord('a'), ord('z') + 1)]
    + [str(d) for d in range(10)] + ['kp_%d' % d for d in range(10)]
    + ['f%d' % n for n in range(1, 13)])
HEX_KEY = re.compile(r'^0x[0-9a-fA-F]{1,4}$')	# a raw scancode

# US layout: the character each key gives without and with shift.
_US_KEYS = [('grave_accent', '`~'), ('minus', '-_'), ('equal', '=+'),
            ('bracket_left', '[{'), ('bracket_right', ']}'),
            ('backslash', '\\|'), ('semicolon', ';:'),
            ('apostrophe', "'\""), ('comma', ',<'), ('dot', '.>'),
            ('slash', '/?'), ('1', '1!'), ('2', '2@'), ('3', '3#'),
            ('4', '4$'), ('5', '5%'), ('6', '6^'), ('7', '7&'),
            ('8', '8*'), ('9', '9('), ('0', '0)')]
CHAR_KEYS = {' ': 'spc', '\n': 'ret', '\r': 'ret', '\t': 'tab',
             '\b': 'backspace', '\x7f': 'backspace', '\x1b': 'esc'}
for _key, (_plain, _shifted) in _US_KEYS:
    CHAR_KEYS[_plain] = _key
    CHAR_KEYS[_shifted] = 'shift-' + _key
for _c in range(ord('a'), ord('z') + 1):
    CHAR_KEYS[chr(_c)] = chr(_c)
    CHAR_KEYS[chr(_c).upper()] = 'shift-' + chr(_c)
    if chr(_c) not in 'hijm':	# ^H ^I ^J ^M are backspace, tab, ret
        CHAR_KEYS.setdefault(chr(_c - ord('a') + 1), 'ctrl-' + chr(_c))

_live = set()			# running QEMU processes
_live_lock = threading.Lock()
_stopping = threading.Event()


class SetupError(Exception):
    """A case cannot start: a missing tool, firmware or image."""


class Interrupted(Exception):
    """stop_all() was called while the case was running."""


class Outcome:
    """How a QEMU run ended: status is QEMU's exit status, or None when
    it was killed because the callback was satisfied (stopped), the
    time ran out (timed_out) or its serial socket never opened
    (problem)."""

    def __init__(self, status=None, stopped=False, timed_out=False,
                 stderr='', problem=None):
        self.status = status
        self.stopped = stopped
        self.timed_out = timed_out
        self.stderr = stderr
        self.problem = problem	# the runner could not talk to QEMU


def qemu_binary():
    """Returns the QEMU to run: $QEMU, else qemu-system-x86_64."""
    return os.environ.get('QEMU') or 'qemu-system-x86_64'


def find_ovmf():
    """Returns (code, vars) paths of the OVMF firmware, or raises
    SetupError naming the package to install."""
    for code, store in OVMF_PAIRS:
        code_path = os.path.join(OVMF_DIR, code)
        vars_path = os.path.join(OVMF_DIR, store)
        if os.path.isfile(code_path) and os.path.isfile(vars_path):
            return code_path, vars_path
    raise SetupError('OVMF firmware not found in %s: install the Debian '
                     "package 'ovmf'" % OVMF_DIR)


def grub_quote(text):
    """Returns text escaped for use inside a GRUB double-quoted string."""
    for char in '\\"$':
        text = text.replace(char, '\\' + char)
    return text


def make_cmdline_disk(workdir, cmdline, initrd=None):
    """Writes a 1.44 MB FAT image holding /basalt-test.cfg, which sets the
    GRUB variable basalt_cmdline to cmdline and, if initrd is given,
    basalt_initrd to it (a path on the ISO). Returns the image's path."""
    if not shutil.which('mformat') or not shutil.which('mcopy'):
        raise SetupError("mformat/mcopy not found: install the Debian "
                         "package 'mtools'")
    cfg = os.path.join(workdir, CFG_NAME)
    img = os.path.join(workdir, 'cmdline.img')
    with open(cfg, 'w') as f:
        f.write('set basalt_cmdline="%s"\n' % grub_quote(cmdline))
        if initrd:
            f.write('set basalt_initrd="%s"\n' % grub_quote(initrd))
    env = dict(os.environ, MTOOLS_SKIP_CHECK='1')
    for argv in (['mformat', '-i', img, '-C', '-f', '1440', '::'],
                 ['mcopy', '-i', img, cfg, '::/' + CFG_NAME]):
        done = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise SetupError('%s failed: %s' % (argv[0],
                                                done.stderr.strip()))
    return img


def firmware_args(case, workdir):
    """Returns the QEMU arguments selecting the case's firmware; for UEFI
    the variable store is a private copy in workdir."""
    if case.firmware == 'bios':
        return []		# QEMU's default: SeaBIOS
    code, store = find_ovmf()
    vars_copy = os.path.join(workdir, os.path.basename(store))
    shutil.copyfile(store, vars_copy)
    return ['-drive', 'if=pflash,format=raw,readonly=on,file=' + code,
            '-drive', 'if=pflash,format=raw,file=' + vars_copy]


def boot_drive_args(case, iso):
    """Returns the QEMU arguments attaching iso as the first boot device,
    as a CD-ROM on the first SATA port or as a USB stick (writes go to a
    throw-away snapshot)."""
    if case.drive == 'usb':
        return ['-device', 'qemu-xhci',
                '-drive', 'if=none,id=stick,format=raw,snapshot=on,file='
                + iso,
                '-device', 'usb-storage,drive=stick,bootindex=0']
    return ['-drive', 'if=none,id=cd,format=raw,media=cdrom,readonly=on,'
            'file=' + iso,
            '-device', 'ide-cd,drive=cd,bus=ide.0,bootindex=0']


def cmdline_disk_args(img):
    """Returns the QEMU arguments attaching the command-line disk img.
    It needs a boot index, after the ISO's, because OVMF connects only the
    disks in QEMU's boot order and GRUB would not see it otherwise."""
    return ['-drive', 'if=none,id=cfg,format=raw,snapshot=on,file=' + img,
            '-device', 'ide-hd,drive=cfg,bus=ide.1,bootindex=9']


def socket_paths(workdir):
    """Returns (serial, qmp): the paths of the case's two QEMU sockets,
    or raises SetupError if they are too long for a Unix socket."""
    paths = (os.path.join(workdir, SERIAL_SOCKET),
             os.path.join(workdir, QMP_SOCKET))
    if len(max(paths, key=len).encode()) > SUN_PATH_MAX:
        raise SetupError('%s: path too long for a Unix socket (set '
                         'TMPDIR to a shorter directory)' % paths[0])
    return paths


def command(case, iso, workdir):
    """Returns QEMU's argv for case, booting iso, COM1 on the socket
    workdir/serial.sock (QEMU waits for the runner to connect) and QMP on
    workdir/qmp.sock. Files it needs are created in workdir; raises
    SetupError."""
    serial, qmp = socket_paths(workdir)
    argv = [qemu_binary(),
            '-machine', 'q35,accel=' + os.environ.get('ACCEL', 'tcg'),
            '-cpu', os.environ.get('QEMU_CPU', 'max'),
            '-m', case.mem, '-smp', str(case.smp),
            '-display', 'none', '-monitor', 'none',
            '-qmp', 'unix:%s,server=on,wait=off' % qmp,
            '-chardev', 'socket,id=ser0,path=%s,server=on,wait=on' % serial,
            '-serial', 'chardev:ser0', '-no-reboot',
            '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04']
    argv += firmware_args(case, workdir)
    argv += boot_drive_args(case, iso)
    if case.iso == 'test':
        argv += cmdline_disk_args(make_cmdline_disk(workdir, case.cmdline,
                                                    case.initrd))
    return argv + list(case.extra)


def _start(argv, stderr_file):
    """Starts QEMU in its own session and registers it; returns it."""
    with _live_lock:
        if _stopping.is_set():
            raise Interrupted()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                                stdout=stderr_file, stderr=stderr_file,
                                start_new_session=True)
        _live.add(proc)
    return proc


def _finish(proc):
    """Kills proc if it still runs, reaps it and unregisters it."""
    if proc.poll() is None:
        proc.kill()
    proc.wait()
    with _live_lock:
        _live.discard(proc)


def _read_text(path):
    """Returns the text of a small file, '' if it cannot be read."""
    try:
        with open(path, errors='replace') as f:
            return f.read()
    except OSError:
        return ''


def _connect(path, proc, seconds):
    """Returns a socket connected to QEMU's Unix socket path, retrying
    while QEMU creates it; None if QEMU exits or seconds pass first.
    Raises Interrupted after stop_all()."""
    deadline = time.monotonic() + seconds
    while True:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.connect(path)
            return sock
        except (FileNotFoundError, ConnectionRefusedError):
            sock.close()
        if _stopping.is_set():
            raise Interrupted()
        if proc.poll() is not None or time.monotonic() > deadline:
            return None
        time.sleep(0.01)


class ConsoleError(Exception):
    """QEMU refused or did not answer a key or serial request."""


class Console:
    """The runner's side of a running guest: its COM1 socket and,
    opened on first use, its QMP socket. Used by one thread only."""

    def __init__(self, proc, serial, qmp_path):
        self.proc = proc
        self.serial = serial
        self.qmp_path = qmp_path
        self.qmp = None		# file object over the QMP socket
        self.pending = b''	# serial input not yet written
        self.wake = None	# monotonic time the caller wants a call by

    def send_serial(self, data):
        """Queues bytes for the guest's COM1 receive line; the run loop
        writes them as the socket accepts them (QEMU takes them as fast
        as the guest's UART does)."""
        self.pending += data

    def send_key(self, keys):
        """Presses keys (QEMU key names, e.g. ['shift', 'a']) together and
        releases them, through QMP send-key. QEMU queues key events, so
        consecutive calls keep their order. Raises ConsoleError."""
        args = {'keys': [{'type': 'number', 'data': int(k, 16)}
                         if HEX_KEY.match(k) else {'type': 'qcode', 'data': k}
                         for k in keys]}
        self._qmp_command('send-key', args)

    def wake_at(self, when):
        """Asks the run loop to call back no later than when (a
        time.monotonic() value), for pacing."""
        self.wake = when if self.wake is None else min(self.wake, when)

    def close(self):
        for f in (self.qmp, self.serial):
            if f is not None:
                f.close()

    def _qmp_command(self, name, args=None):
        """Runs one QMP command and returns its result."""
        if self.qmp is None:
            self._qmp_open()
        request = {'execute': name}
        if args:
            request['arguments'] = args
        try:
            self.qmp.write(json.dumps(request).encode() + b'\n')
            self.qmp.flush()
            return self._qmp_reply(name)
        except OSError as e:	# includes socket.timeout
            raise ConsoleError('QMP %s: %s' % (name, e or 'timed out'))

    def _qmp_open(self):
        sock = _connect(self.qmp_path, self.proc, CONNECT_SECONDS)
        if sock is None:
            raise ConsoleError('cannot connect to QMP at %s' %
                               self.qmp_path)
        sock.settimeout(QMP_SECONDS)
        self.qmp = sock.makefile('rwb')
        sock.close()		# the file object keeps the connection
        self._qmp_reply('greeting', key='QMP')
        self._qmp_command('qmp_capabilities')

    def _qmp_reply(self, name, key='return'):
        """Reads QMP messages up to the reply to name, skipping events."""
        while True:
            line = self.qmp.readline()
            if not line:
                raise ConsoleError('QMP %s: QEMU closed the socket' % name)
            try:
                reply = json.loads(line)
            except ValueError:
                raise ConsoleError('QMP %s: bad reply %r' % (name, line))
            if 'error' in reply:
                raise ConsoleError('QMP %s: %s' % (
                    name, reply['error'].get('desc', reply['error'])))
            if key in reply:
                return reply[key]


def run(argv, log, timeout, on_output):
    """Runs QEMU (argv from command()), copying its serial output to the
    file log and calling on_output(new_text, console) every few
    milliseconds with the text added since the last call ('' if none);
    console is the Console for sending input. QEMU is killed as soon as
    on_output returns True, or after timeout seconds. Returns an Outcome;
    raises SetupError if QEMU cannot start and Interrupted after
    stop_all()."""
    serial_path, qmp_path = socket_paths(os.path.dirname(log))
    stderr_path = log + '.stderr'
    with open(stderr_path, 'wb') as err, open(log, 'wb') as copy:
        try:
            proc = _start(argv, err)
        except FileNotFoundError:
            raise SetupError("%s not found: install the Debian package "
                             "'qemu-system-x86'" % argv[0])
        console = None
        try:
            outcome = Outcome()
            serial = _connect(serial_path, proc, CONNECT_SECONDS)
            if serial is not None:
                console = Console(proc, serial, qmp_path)
                outcome = _watch(proc, console, copy, timeout, on_output)
            elif proc.poll() is None:
                outcome.problem = 'QEMU did not open %s within %ds' % (
                    serial_path, CONNECT_SECONDS)
            else:
                outcome.status = proc.returncode
        finally:
            if console is not None:
                console.close()
            _finish(proc)
    outcome.stderr = WAITING_LINE.sub('', _read_text(stderr_path))
    return outcome


def _watch(proc, console, copy, timeout, on_output):
    """The loop of run(): moves serial bytes both ways, calls on_output,
    and returns the Outcome."""
    deadline = time.monotonic() + timeout
    decoder = codecs.getincrementaldecoder('utf-8')(errors='replace')
    sock = console.serial
    sock.setblocking(False)
    while True:
        data, closed = _pump(sock, console, deadline)
        copy.write(data)
        copy.flush()
        console.wake = None
        if on_output(decoder.decode(data, final=closed), console):
            return Outcome(stopped=True)
        if _stopping.is_set():
            raise Interrupted()
        if closed:
            return _exit_outcome(proc, deadline)
        if time.monotonic() > deadline:
            return Outcome(timed_out=True)


def _pump(sock, console, deadline):
    """Waits up to POLL_SECONDS (less if the console asked to be woken
    earlier) for serial output, writes pending serial input, and returns
    (bytes read, whether QEMU closed the socket)."""
    now = time.monotonic()
    wait = min(POLL_SECONDS, max(0.0, deadline - now))
    if console.wake is not None:
        wait = max(0.0, min(wait, console.wake - now))
    writers = [sock] if console.pending else []
    readable, writable, _ = select.select([sock], writers, [], wait)
    if writable:
        try:
            sent = sock.send(console.pending)
            console.pending = console.pending[sent:]
        except BlockingIOError:
            pass
        except OSError:		# QEMU went away; the read sees EOF
            console.pending = b''
    chunks = []
    for _ in range(16 if readable else 0):	# 1 MiB, then on_output
        try:
            chunk = sock.recv(65536)
        except BlockingIOError:
            break
        except OSError:
            chunk = b''
        if not chunk:
            return b''.join(chunks), True
        chunks.append(chunk)
    return b''.join(chunks), False


def _exit_outcome(proc, deadline):
    """QEMU closed the serial socket: waits (bounded) for it to exit."""
    limit = min(deadline, time.monotonic() + EXIT_SECONDS)
    while proc.poll() is None:
        if _stopping.is_set():
            raise Interrupted()
        if time.monotonic() > limit:
            return Outcome(timed_out=True)
        time.sleep(0.01)
    return Outcome(status=proc.returncode)


def stop_all():
    """Kills every running QEMU and makes later starts fail. Called from
    the main thread on Ctrl-C; the watching threads then raise
    Interrupted."""
    with _live_lock:
        _stopping.set()
        procs = list(_live)
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
