"""Launching QEMU for one boot case and watching its serial log.

Builds the command line for a case (tests/cases.py), prepares the files it
needs in the case's own directory (a copy of the OVMF variable store, the
FAT disk carrying the kernel command line for the test ISO), and runs QEMU
while handing the serial output to a callback as it arrives.

Every QEMU started here is registered so that stop_all() (Ctrl-C) can kill
it from the main thread while worker threads are waiting on it.
"""

from __future__ import annotations

import codecs
import os
import shutil
import subprocess
import threading
import time

OVMF_DIR = '/usr/share/OVMF'
OVMF_PAIRS = [('OVMF_CODE_4M.fd', 'OVMF_VARS_4M.fd'),
              ('OVMF_CODE.fd', 'OVMF_VARS.fd')]
CFG_NAME = 'basalt-test.cfg'	# the file tests/grub-test.cfg sources
POLL_SECONDS = 0.05

_live = set()			# running QEMU processes
_live_lock = threading.Lock()
_stopping = threading.Event()


class SetupError(Exception):
    """A case cannot start: a missing tool, firmware or image."""


class Interrupted(Exception):
    """stop_all() was called while the case was running."""


class Outcome:
    """How a QEMU run ended: status is QEMU's exit status, or None when
    it was killed because the callback was satisfied (stopped) or the
    time ran out (timed_out)."""

    def __init__(self, status=None, stopped=False, timed_out=False,
                 stderr=''):
        self.status = status
        self.stopped = stopped
        self.timed_out = timed_out
        self.stderr = stderr


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


def make_cmdline_disk(workdir, cmdline):
    """Writes a 1.44 MB FAT image holding /basalt-test.cfg, which sets the
    GRUB variable basalt_cmdline to cmdline. Returns the image's path."""
    if not shutil.which('mformat') or not shutil.which('mcopy'):
        raise SetupError("mformat/mcopy not found: install the Debian "
                         "package 'mtools'")
    cfg = os.path.join(workdir, CFG_NAME)
    img = os.path.join(workdir, 'cmdline.img')
    with open(cfg, 'w') as f:
        f.write('set basalt_cmdline="%s"\n' % grub_quote(cmdline))
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


def command(case, iso, workdir, log):
    """Returns QEMU's argv for case, booting iso, serial output to log.
    Files it needs are created in workdir; raises SetupError."""
    argv = [qemu_binary(),
            '-machine', 'q35,accel=' + os.environ.get('ACCEL', 'tcg'),
            '-cpu', os.environ.get('QEMU_CPU', 'max'),
            '-m', case.mem, '-smp', str(case.smp),
            '-display', 'none', '-serial', 'file:' + log,
            '-monitor', 'none', '-no-reboot',
            '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04']
    argv += firmware_args(case, workdir)
    argv += boot_drive_args(case, iso)
    if case.iso == 'test':
        argv += cmdline_disk_args(make_cmdline_disk(workdir, case.cmdline))
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


def run(argv, log, timeout, on_output):
    """Runs QEMU (argv) whose serial output goes to the file log, calling
    on_output(new_text) every few milliseconds with the text added since
    the last call ('' if none). QEMU is killed as soon as on_output returns
    True, or after timeout seconds. Returns an Outcome; raises SetupError
    if QEMU cannot start and Interrupted after stop_all()."""
    open(log, 'wb').close()
    stderr_path = log + '.stderr'
    decoder = codecs.getincrementaldecoder('utf-8')(errors='replace')
    with open(stderr_path, 'wb') as err, open(log, 'rb') as serial:
        try:
            proc = _start(argv, err)
        except FileNotFoundError:
            raise SetupError("%s not found: install the Debian package "
                             "'qemu-system-x86'" % argv[0])
        try:
            outcome = _watch(proc, serial, decoder, timeout, on_output)
        finally:
            _finish(proc)
    outcome.stderr = _read_text(stderr_path)
    return outcome


def _watch(proc, serial, decoder, timeout, on_output):
    """The polling loop of run(); returns its Outcome."""
    deadline = time.monotonic() + timeout
    while True:
        status = proc.poll()
        text = decoder.decode(serial.read(), final=status is not None)
        if on_output(text):
            return Outcome(stopped=True)
        if _stopping.is_set():
            raise Interrupted()
        if status is not None:
            return Outcome(status=status)
        if time.monotonic() > deadline:
            return Outcome(timed_out=True)
        time.sleep(POLL_SECONDS)


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
