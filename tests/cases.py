r"""The boot cases that `make test` runs, as one table (tests/run_tests.py).

To add a case, append a Case(...) to CASES below; nothing else changes.
Only `name` and `expect` are required; every other field has a default:

    Case('smp4-bios-cd', expect=[r'smp: 4 CPUs online', r'Basalt ready'],
         smp=4),

    name     unique; used in the output and for build/test-logs/<name>.log
    iso      'main' = build/basalt.iso, 'test' = build/basalt-test.iso
             (the test kernel with the in-kernel tests)
    firmware 'bios' (SeaBIOS) or 'uefi' (OVMF)
    drive    'cd' (CD-ROM) or 'usb' (the same ISO as a USB stick)
    cmdline  kernel command line; only for iso='test', whose GRUB reads it
             from a small FAT disk the runner attaches
    initrd   the initrd module to boot with, a path on the ISO; only for
             iso='test' (same FAT disk); None = /boot/initrd.cpio.  The
             test ISO also carries /boot/initrd-bad.cpio (malformed)
    mem, smp QEMU -m and -smp
    extra    more QEMU arguments, a list: ['-device', 'e1000']
    expect   regular expressions that must appear in the serial log, in
             this order (re.MULTILINE: ^ and $ match at line ends)
    forbid   regular expressions that must not appear anywhere; None means
             [r'PANIC'] unless a pattern in expect mentions PANIC
    exit     QEMU exit status to wait for (the kernel writes to
             isa-debug-exit: 33 = pass, 35 = fail), or None: stop QEMU
             as soon as the last expect pattern has matched
    ktest    also count every "ok N name" / "not ok N name: why" line of
             the log as one test
    timeout  seconds; None means 60 under BIOS and 120 under UEFI (OVMF
             is slow without KVM); env TIMEOUT_SCALE multiplies it
    steps    input to play while the guest runs, in order; each step
             finishes before the next starts (see below).  When they are
             done, expect is still checked from the start of the log and
             exit awaited; if a step never finishes the case fails

Steps are tuples (kind, argument...):

    ('wait', REGEX)      wait until REGEX appears in the serial log after
                         the end of the previous 'wait' match (re.MULTILINE;
                         the unterminated last line counts, so a prompt
                         without a newline can be awaited)
    ('sendkey', COMBO)   press a key through QEMU (QMP send-key), QEMU key
                         names joined by '-': 'a', 'shift-a', 'ctrl-c',
                         'ret', 'spc', 'tab', 'backspace', 'esc', 'up',
                         'down', 'left', 'right', 'home', 'end', 'pgup',
                         'pgdn', 'insert', 'delete', 'dot', 'minus', 'f1'
    ('type', TEXT)       one key per character, US layout: 'A' is shift-a,
                         '!' shift-1, '\n' ret, '\t' tab, '\b' backspace,
                         '\x1b' esc, '\x03' ctrl-c (other controls alike)
    ('serial', DATA)     write to the guest's COM1 receive line: bytes, or
                         a str of one byte per character (write
                         'hi\x1b[A', not a raw string)
    ('expect_stream', SOURCE, DATA)
                         wait until the kernel has reported DATA (bytes, or
                         str as for 'serial') from SOURCE: the payloads of
                         the log lines `input: SOURCE "..."` (SOURCE 'kbd'
                         or 'serial'; printable ASCII as-is, other bytes as
                         \xNN) are unescaped and joined, however the kernel
                         chunked them, and must continue with exactly DATA
                         after what earlier expect_stream steps of SOURCE
                         consumed; a different byte fails the case at once
    ('sleep', SECONDS)   pause, at most 1 s: pacing only, never a way to
                         wait for the guest ('wait' for a marker instead)

Keys are sent 20 ms apart and always in order.  Send input only after a
'wait' for a marker the kernel prints once it is ready for it: firmware,
GRUB or an early kernel would otherwise eat it.  Example:

    steps=[('wait', r'login: $'), ('type', 'root\n'), ('wait', r'# $'),
           ('serial', 'ls\r'), ('wait', r'bin')]
"""

from __future__ import annotations

import dataclasses
from typing import List, Optional

ISOS = ('main', 'test')
FIRMWARES = ('bios', 'uefi')
DRIVES = ('cd', 'usb')
DEFAULT_TIMEOUT = {'bios': 60, 'uefi': 120}


@dataclasses.dataclass
class Case:
    name: str
    expect: List[str]
    iso: str = 'main'
    firmware: str = 'bios'
    drive: str = 'cd'
    cmdline: str = ''
    initrd: Optional[str] = None
    mem: str = '256M'
    smp: int = 1
    extra: List[str] = dataclasses.field(default_factory=list)
    forbid: Optional[List[str]] = None
    exit: Optional[int] = None
    ktest: bool = False
    timeout: Optional[float] = None
    steps: List[tuple] = dataclasses.field(default_factory=list)

    def __post_init__(self):
        if self.forbid is None:
            panics = any('PANIC' in p for p in self.expect)
            self.forbid = [] if panics else [r'PANIC']
        if self.timeout is None:
            self.timeout = DEFAULT_TIMEOUT.get(self.firmware, 60)


# The kernel's boot banner up to PID 1 (/sbin/init) starting the shells.
BOOT_LINES = [
    r'Basalt \S+ \(x86_64\) booting',
    r'boot: loader "GRUB',
    r'cpu: GDT, TSS and IDT loaded',
    r'Basalt ready',
    r'init: started /sbin/init as PID 1',
]

# What tests/user/ttytest asks to have typed, and the keys: the serial
# session in Basalt and tests/ttytest_pty.py on Linux play the same.
# ^W erases "two", DEL the last "e": the line read is "one threE\n".
TTYTEST_SCRIPT = [
    ('TTYTEST: type a line', 'one two\x17three\x7fE\r'),
    ('TTYTEST: raw', 'xyz'),
    ('TTYTEST: eof', '\x04'),
    ('TTYTEST: intr', '\x03'),
]

# The shell's prompt: PS1 from /etc/profile ends in "# " (root).  A step
# that waits for it follows one that waited for the command's output, so
# the prompt drawn while the command was typed cannot match.
PROMPT = r'# $'


def shell(command, *outputs):
    """Steps: type command on the serial line, wait for each output
    regex in turn (one line each, re.M), then for the next prompt."""
    return [('serial', command + '\r')] + \
        [('wait', out) for out in outputs] + [('wait', PROMPT)]


# The interactive session over the serial console (issue 9): the release
# ISO with no options boots to a shell on ttyS0 (and one on tty1).
SERIAL_SESSION = [('wait', PROMPT)] + \
    shell('ls /bin | wc -l', r'^\s*[1-9]\d*$') + \
    shell('echo basalt > /tmp/f; echo again >> /tmp/f; cat < /tmp/f',
          r'^basalt\nagain$') + \
    shell('ls /nonexistent 2> /tmp/err; cat /tmp/err; echo st=$?',
          r'^ls: .*/nonexistent.*No such file or directory$', r'^st=0$') + \
    shell('ls /nonexistent >/dev/null 2>&1 || echo failed-quietly',
          r'^failed-quietly$') + \
    shell('cd /proc && pwd', r'^/proc$') + \
    shell('cd /tmp; X=world; echo "hi $X ${Y:-dflt} $((6 * 7))"; false; '
          'echo "st=$?"', r'^hi world dflt 42$', r'^st=1$') + \
    shell('sleep 30 &', r'^\[1\] \d+$') + \
    shell('jobs', r'^\[1\].*Running.*sleep 30') + [
        # ^C: the job, already in the foreground when it says "ready",
        # dies of SIGINT (status 130); the shell lives on.
        ('serial', "sh -c 'echo ready; exec sleep 100'\r"),
        ('wait', r'^ready$'), ('serial', '\x03'), ('wait', PROMPT)] + \
    shell('echo "st=$?"', r'^st=130$') + [
        # ^Z stops a job, bg and fg continue it (its trap says so, once
        # it runs again), ^C ends it in the foreground
        ('serial', "sh -c 'trap \"echo continued\" CONT; echo ready-z; "
                   "while :; do sleep 1; done'\r"),
        ('wait', r'^ready-z$'), ('serial', '\x1a'),
        ('wait', r'\[\d+\]\+\s+Stopped'), ('wait', PROMPT),
        ('serial', 'bg\r'), ('wait', r'continued'),
        ('serial', 'fg\r'), ('wait', r'continued'),
        ('serial', '\x03'), ('wait', PROMPT)] + \
    shell('echo "st=$?"', r'^st=130$') + [
        # line editing: three times Left, insert, Enter; ^A and insert
        ('serial', 'echo wrld'), ('serial', '\x1b[D\x1b[D\x1b[D'),
        ('serial', 'o\r'), ('wait', r'^world$'), ('wait', PROMPT),
        ('serial', 'cho edit-ok\x01e\r'), ('wait', r'^edit-ok$'),
        ('wait', PROMPT)] + \
    shell('ech\t tab-ok', r'^tab-ok$') + \
    shell('cat /etc/hostn\t', r'^basalt$') + \
    shell('echo hist-$((40 + 2))', r'^hist-42$') + \
    shell('\x1b[A', r'^hist-42$') + \
    shell('ps -ef', r'^\S+\s+1\s+0\s.*init$', r'^\S+\s+\d+\s+1\s.*sh$') + \
    shell('cat /proc/meminfo', r'^MemTotal:\s+\d+ kB$') + \
    shell('dmesg | grep -c "Basalt ready"; touch /tmp/t && ls /tmp/t',
          r'^1$', r'^/tmp/t$') + \
    shell('tty; stty size; stty size < /dev/tty1',
          r'^/dev/ttyS0$', r'^24 80$', r'^48 128$') + \
    shell("printf '#!/bin/sh\\necho script-arg=$1\\n' > /tmp/s.sh; "
          "chmod +x /tmp/s.sh; /tmp/s.sh one", r'^script-arg=one$') + \
    [   # a background job's output shows while the shell waits for input
        ('serial', '(sleep 1; echo bg-output-$((6 * 7))) &\r'),
        ('wait', r'bg-output-42')] + \
    shell('echo after-bg', r'^after-bg$') + \
    [('serial', '/bin/ttytest\r')] + \
    [step for prompt, keys in TTYTEST_SCRIPT
     for step in (('wait', prompt), ('serial', keys))] + \
    [('wait', r'TTYTEST: \d+ passed, \d+ failed'), ('wait', PROMPT),
     ('serial', 'poweroff\r')]

# The same shell on the screen: keys typed on the PS/2 keyboard, the
# screen read back over the serial line from /dev/vcs1 (its text, one
# line of rows x cols characters), waiting until the echoed command and
# its output are there.
SCREEN_SESSION = [
    ('wait', PROMPT),
    ('type', 'echo fb-4'), ('sendkey', 'backspace'), ('type', '42\n'),
    ('serial', "until grep -q 'root@basalt:/# echo fb-42  *fb-42  *"
               "root@basalt:/# ' /dev/vcs1; do sleep 0.1; done; "
               "echo screen-ok\r"),
    ('wait', r'^screen-ok$'), ('wait', PROMPT),
    # ^C typed on the keyboard ends the screen's foreground job (the
    # blanks after "kbd-ready" match the output line, not the command)
    ('type', "sh -c 'echo kbd-ready; exec sleep 100'\n"),
    ('serial', "until grep -q 'kbd-ready   ' /dev/vcs1; do sleep 0.1; done; "
               "echo kbd-job-started\r"),
    ('wait', r'^kbd-job-started$'), ('wait', PROMPT),
    ('sendkey', 'ctrl-c'), ('type', 'echo kbd-st=$?\n'),
    ('serial', "until grep -q 'kbd-st=130' /dev/vcs1; do sleep 0.1; done; "
               "echo kbd-intr-ok\r"),
    ('wait', r'^kbd-intr-ok$'), ('wait', PROMPT),
    ('serial', 'poweroff\r'),
]

# In-kernel tests (tests/kernel/): the runner's first and last line.
KTEST_LINES = [r'ktest: running \d+ tests', r'ktest: \d+ passed, 0 failed']

CASES = [
    # The release ISO boots on every firmware/medium combination.
    Case('boot-bios-cd', BOOT_LINES),
    Case('boot-bios-usb', BOOT_LINES, drive='usb'),
    Case('boot-uefi-cd', BOOT_LINES, firmware='uefi'),
    Case('boot-uefi-usb', BOOT_LINES, firmware='uefi', drive='usb'),

    # The test ISO: in-kernel tests, panic reporting, command line.
    Case('ktest-bios-cd', KTEST_LINES, iso='test', cmdline='test=all',
         ktest=True, exit=33),
    Case('panic-fault-bios-cd',
         [r'PANIC', r'Page fault', r'cr2=0x0*dead', r'backtrace:',
          r'ktest_panic_fault\+0x'],
         iso='test', cmdline='test=panic_fault', forbid=[], exit=35),
    Case('cmdline-echo-bios-cd',
         [r'cmdline: unknown option "foo"', r'ktest: \d+ passed, 0 failed'],
         iso='test',
         cmdline='console=ttyS0 loglevel=7 foo=bar test=cmdline_echo',
         exit=33),
    Case('ktest-uefi-cd', KTEST_LINES, iso='test', firmware='uefi',
         cmdline='test=all', ktest=True, exit=33),

    # Memory: usable RAM reported for several sizes.  QEMU keeps a little
    # low memory for firmware; the allocator's own tables (a bit and a
    # metadata word per frame, 0.2%) and the kernel image are reserved.
    # With 4G and 16G, q35 puts RAM above 4 GiB: missing it would show.
    Case('mem-64m', [r'mm: 6[34] MiB RAM, (5[89]|6[0-3]) MiB usable',
                     r'Basalt ready'], mem='64M'),
    Case('mem-512m', [r'mm: 51[01] MiB RAM, 5(0[4-9]|1[01]) MiB usable',
                      r'Basalt ready'], mem='512M'),
    Case('mem-4g', [r'mm: 409[45] MiB RAM, 40[789]\d MiB usable',
                    r'Basalt ready'], mem='4G'),
    Case('mem-16g', [r'mm: 1638[34] MiB RAM, 163[234]\d MiB usable',
                     r'Basalt ready'], mem='16G'),
    Case('ktest-kmalloc-debug', KTEST_LINES, iso='test',
         cmdline='kmalloc.debug test=all', exit=33,
         forbid=[r'PANIC', r'cmdline: .* bad value']),
    Case('kmalloc-overflow-caught',
         [r'PANIC: kfree: 0x[0-9a-f]+: red zone overwritten', r'backtrace:'],
         iso='test', cmdline='kmalloc.debug test=kmalloc_overflow',
         forbid=[], exit=35),
    Case('kmalloc-use-after-free-caught',
         [r"PANIC: kmalloc: 0x[0-9a-f]+ \(\d+ bytes\) modified after free",
          r'backtrace:'],
         iso='test', cmdline='kmalloc.debug test=kmalloc_use_after_free',
         forbid=[], exit=35),
    # Interrupts and time: the 8259 PIC fallback (noapic, and a CPU
    # without an APIC), and a second CPU that stays parked.
    Case('ktest-noapic', [r'irq: 8259 PIC \(noapic'] + KTEST_LINES,
         iso='test', cmdline='noapic test=all', exit=33),
    Case('ktest-cpu-without-apic',
         [r'irq: 8259 PIC \(no usable APIC\)',
          r'time: tick 1000 Hz from the PIT'] + KTEST_LINES,
         iso='test', cmdline='test=all', extra=['-cpu', 'max,-apic'],
         exit=33),
    Case('ktest-smp2', KTEST_LINES, iso='test', cmdline='test=all', smp=2,
         exit=33),
    # A PC without an 8042 (many UEFI machines) must not hang the boot.
    Case('boot-without-i8042', [r'ps2: no 8042'] + BOOT_LINES[-2:],
         extra=['-machine', 'i8042=off']),
    Case('boot-smp2', [r'acpi: .* 2 CPUs'] + BOOT_LINES[-2:], smp=2),
    # User mode: PID 1 from the initrd; with test=init its exit status is
    # the verdict.
    Case('user-true-min', [r'init: started /bin/true_min', r'init: exited with status 0'],
         iso='test', cmdline='init=/bin/true_min test=init', exit=33),
    # The shell's golden tests (user/sh/tests) inside Basalt, as PID 1.
    Case('sh-golden-in-basalt', [r'init: started /bin/sh',
                                 r'sh tests: \d+ passed, 0 failed',
                                 r'init: exited with status 0'],
         iso='test', cmdline='init=/bin/sh test=init /test/sh/run.sh',
         exit=33, ktest=True, timeout=300),
    Case('user-utests', [r'init: started /bin/utests',
                         r'\d+ passed, 0 failed',
                         r'init: exited with status 0'],
         iso='test', cmdline='init=/bin/utests test=init', exit=33,
         ktest=True, timeout=300),
    # The scheduler's own checks panic, naming what went wrong.
    Case('mutex-recursion-caught',
         [r'PANIC: mutex_lock: recursive locking of "twice"'],
         iso='test', cmdline='test=mutex_recursive_panics', forbid=[],
         exit=35),
    Case('sleep-in-spinlock-caught',
         [r'PANIC: thread_sleep_until: sleeping while holding 1 spinlock'],
         iso='test', cmdline='test=sleep_in_spinlock_panics', forbid=[],
         exit=35),
    Case('stack-overflow-bios-cd',
         [r'PANIC: kernel stack overflow', r'backtrace:', r'recurse\+0x'],
         iso='test', cmdline='test=stack_overflow', forbid=[], exit=35),

    # The initrd (fs/initrd.c): build/initrd.cpio is unpacked into the root
    # at boot and its module memory given back.  build/initrd-bad.cpio
    # (scripts/initrd-bad.py) appends hostile entries, a broken header and
    # a truncated tail: each bad entry gets one warning, the broken header
    # stops the unpacking, nothing lands outside the root, and the kernel
    # boots on.
    Case('initrd-bios-cd',
         [r'initrd: \d+ entries \(\d+ files, \d+ directories, \d+ symlinks, '
          r'\d+ bytes\), 0 skipped',
          r'initrd: \d+ KiB of module memory given back', r'Basalt ready'],
         forbid=[r'PANIC', r'initrd: skipping', r'initrd: broken']),
    Case('initrd-malformed-bios-cd',
         [r'initrd: skipping "\.\./escape" .*"\.\." component',
          r'initrd: skipping "a/\.\./\.\./b" ',
          r'initrd: skipping "crc-mismatch" .*checksum mismatch',
          r'initrd: skipping "no-nul" .*malformed name',
          r'initrd: skipping "unknown-type" .*unknown file type',
          r'initrd: broken archive at offset \d+: bad magic or hex digit',
          r'initrd: \d+ entries \(.*\), 5 skipped', r'Basalt ready'],
         iso='test', initrd='/boot/initrd-bad.cpio'),
    Case('initrd-malformed-contained',
         [r'initrd: broken archive', r'ktest: 2 passed, 0 failed'],
         iso='test', initrd='/boot/initrd-bad.cpio',
         cmdline='test=initrd_bad_archive_contained,'
                 'initrd_blob_matches_build_checksum', exit=33),

    # Console input: keys through QEMU's PS/2 keyboard and bytes on COM1
    # reach the input queue (drivers/input.h) as the bytes a terminal
    # sends.  The test kernel echoes each chunk it reads as
    # `input: kbd "..."` / `input: serial "..."` and exits with 33 once it
    # has seen '.' from both.  Ctrl-C is 0x03 and Up is ESC [ A.
    Case('input-keyboard-serial', [r'input: ready'],
         iso='test', cmdline='test=input_echo', exit=33,
         steps=[('wait', r'input: ready'),
                ('type', 'Ab'),
                ('sendkey', 'ctrl-c'),
                ('sendkey', 'up'),
                ('sendkey', 'dot'),
                ('expect_stream', 'kbd', 'Ab\x03\x1b[A.'),
                ('serial', 'hi\x1b[A.'),
                ('expect_stream', 'serial', 'hi\x1b[A.')]),

    # The interactive system: init, the shell and the utilities on both
    # terminals; poweroff ends QEMU (status 0: an ACPI power-off).
    Case('shell-serial-session',
         BOOT_LINES + [r'^Welcome to Basalt', r'TTYTEST: \d+ passed, 0 failed',
                       r'init: the system is going down'],
         steps=SERIAL_SESSION, exit=0, timeout=180),
    Case('shell-screen-session',
         BOOT_LINES + [r'^screen-ok$', r'^kbd-intr-ok$',
                       r'init: the system is going down'],
         steps=SCREEN_SESSION, exit=0, timeout=120),
]


# `make bench` (tests/run_tests.py --bench) runs these and prints the
# `BENCH name=... ns_per_op=...` lines they log.  Never part of make test:
# the figures are printed, not asserted.
BENCH_CASES = [
    Case('bench-kernel', [r'BENCH name=kthread_switch'], iso='test',
         cmdline='test=bench_*', exit=33),
    Case('bench-user', [r'BENCH name=getpid_syscall', r'BENCH name=getpid_int80',
                        r'BENCH name=fork_exit_wait',
                        r'BENCH name=fork_execve_wait',
                        r'BENCH name=pipe_64k', r'BENCH name=pipe_pingpong',
                        r'BENCH name=page_fault_anon',
                        r'BENCH name=signal_roundtrip',
                        r'BENCH name=screen_write_4k'],
         iso='test', cmdline='init=/bin/bench test=init', exit=33,
         timeout=300),
]
