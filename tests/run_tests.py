#!/usr/bin/env python3
"""The `make test` driver: host unit tests, the system-call tests of
tests/user on this Linux host (build/user/utests, "linux-utests"), then the
QEMU boot cases.

    python3 tests/run_tests.py --build build [--only REGEX] [--list]
                               [--jobs N] [-v]

Prints one "ok N name" or "not ok N name: reason" line per test, with the
host unit tests, the host system-call tests and the in-kernel result lines
prefixed by where they came from, and ends with exactly one line
"N passed, M failed". Exits 1 if anything failed, 2 on a usage or table
error, 130 on Ctrl-C.

Environment: ACCEL (default tcg), QEMU_CPU (default max), QEMU (binary),
JOBS (parallel QEMUs, default 2), TIMEOUT_SCALE (multiplies timeouts).
The boot cases are the table in tests/cases.py; the QEMU command line is
built in tests/qemu.py.  A case's steps (keys, serial input, waits) are
played by StepDriver below while its log is matched by LogMatcher.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cases  # noqa: E402  (tests/ is not a package)
import qemu  # noqa: E402

ISO_FILES = {'main': 'basalt.iso', 'test': 'basalt-test.iso'}
HOST_NAME = 'host'		# --only selects the host tests by this name
UTESTS_NAME = 'linux-utests'	# ... and tests/user run on this Linux host
# The programs run on this host before the QEMU cases: (name for --only,
# what it is, argv with {build} for the build directory, the regex of
# its summary line).  Each prints "ok N name" / "not ok N name: why".
HOST_SUITES = [
    (HOST_NAME, 'unit tests', ['{build}/host/unit_tests'],
     r'^host: \d+ passed, \d+ failed'),
    # tests/user on Linux: a test that fails here is a wrong test, as
    # Basalt must behave as Linux does (STYLE.md R14 d).
    (UTESTS_NAME, 'system-call tests on this host',
     ['{build}/user/utests'], r'^\d+ passed, \d+ failed'),
    ('linux-ttytest', 'tests/user/ttytest under a Linux pty',
     [sys.executable, 'tests/ttytest_pty.py', '{build}/user/ttytest'],
     r'^\d+ passed, \d+ failed'),
    ('coreutils', 'golden tests of user/coreutils on this host',
     ['sh', 'user/coreutils/tests/run.sh'],
     r'^coreutils tests: \d+ passed, \d+ failed'),
    ('sh-golden', 'golden and pty tests of user/sh on this host',
     ['sh', 'user/sh/tests/run.sh'], r'^sh tests: \d+ passed, \d+ failed'),
    ('init', 'user/init: inittab parsing; PID 1 in a namespace (as root)',
     ['sh', 'user/init/tests/run.sh'], r'^init tests: \d+ passed, \d+ failed'),
]
HOST_SUITE_NAMES = [suite[0] for suite in HOST_SUITES]
BENCH_LINE = re.compile(r'BENCH name=\S+ .*$')
HOST_TIMEOUT = 300
# "ok N name" / "not ok N name: why", after the kernel log's optional
# "[    1.234567] " time stamp.
RESULT_LINE = re.compile(r'^(?:\[ *\d+\.\d+\] )?((ok|not ok) \d+\b.*)$',
                         re.M)
# Carriage returns and VT100 escapes: CSI, charset selection, ESC + letter.
TERMINAL_CODES = re.compile(
    r'\r|\x1b(\[[0-?]*[ -/]*[@-~]|[()][0-9A-Za-z]|[@-Z\\-_])')
NAME_OK = re.compile(r'^[A-Za-z0-9][A-Za-z0-9._-]*$')
TAIL_LINES = 40
FORBID_GRACE = 2.0	# seconds of log kept after a forbidden pattern
STATUS_MEANING = {33: 'kernel reported pass', 35: 'kernel reported failure',
                  0: 'QEMU quit: guest shut down or reset?'}
# Steps (tests/cases.py): the arguments each kind takes.
STEP_ARGS = {'wait': (str,), 'sendkey': (str,), 'type': (str,),
             'serial': ((str, bytes),), 'sleep': ((int, float),),
             'expect_stream': (str, (str, bytes))}
KEY_PACE = 0.02		# seconds between two keys, so QEMU keeps them apart
MAX_SLEEP = 1.0		# a 'sleep' step paces; it never waits for the guest
# A backslash escape in an `input: kbd "..."` payload: \xNN, \n, \\, \" ...
PAYLOAD_ESCAPE = re.compile(r'\\(x[0-9a-fA-F]{2}|.)')
SIMPLE_ESCAPES = {'n': b'\n', 'r': b'\r', 't': b'\t', '0': b'\0', 'e': b'\x1b'}

_print_lock = threading.Lock()


def say(line=''):
    """Prints one line at once, whichever thread calls."""
    with _print_lock:
        print(line, flush=True)


class Tally:
    """Counts results and prints each one as it is recorded."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def record(self, ok, line):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        say(line)


def tail(text, count=TAIL_LINES):
    """Returns the last count lines of text, indented for the report."""
    lines = text.rstrip('\n').splitlines()[-count:]
    return '\n'.join('    ' + line for line in lines)


# ---- host unit tests -------------------------------------------------------

def run_host_suite(suite, build, tally, verbose):
    """Runs one of HOST_SUITES, recording each of its result lines; a
    crash, hang or missing program is recorded as one more failure."""
    name, _, argv, summary = suite
    argv = [arg.replace('{build}', build) for arg in argv]
    run_host_program(argv, name, summary, tally, verbose)


def run_host_program(argv, prefix, summary, tally, verbose):
    """Runs a host test program, recording each of its result lines with
    prefix; a crash, hang, missing binary or missing summary line (the
    regex summary) is recorded as one more failure."""
    binary = argv[-1] if argv[0] in ('sh', sys.executable) else argv[0]
    what = os.path.basename(binary)
    if not os.path.isfile(binary):
        tally.record(False, '%s: not ok 1 %s: %s missing (make %s)' %
                     (prefix, what, binary, binary))
        return
    try:
        done = subprocess.run(argv, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True,
                              errors='replace', timeout=HOST_TIMEOUT)
    except subprocess.TimeoutExpired:
        tally.record(False, '%s: not ok 1 %s: still running after %ds' %
                     (prefix, what, HOST_TIMEOUT))
        return
    except OSError as e:
        tally.record(False, '%s: not ok 1 %s: %s' % (prefix, what, e))
        return
    count = echo_host_results(done.stdout, tally, verbose, prefix)
    problem = host_problem(done, count, summary)
    if problem:
        tally.record(False, '%s: not ok %d %s: %s' %
                     (prefix, count + 1, what, problem))
        say(tail(done.stdout + done.stderr))


def echo_host_results(output, tally, verbose, prefix=HOST_NAME):
    """Records each "ok"/"not ok" line of output; returns how many."""
    count = 0
    for line in output.splitlines():
        m = RESULT_LINE.match(line)
        if m:
            count += 1
            tally.record(m.group(2) == 'ok', prefix + ': ' + m.group(1))
        elif verbose or line.startswith(prefix + ':'):
            say(line if line.startswith(prefix + ':')
                else prefix + '| ' + line)
    return count


def host_problem(done, count, summary):
    """Returns why a host test program's run as a whole failed, or
    None."""
    if done.returncode < 0:
        return 'killed by signal %s' % signal_name(-done.returncode)
    if not re.search(summary, done.stdout, re.M):
        return 'exited with status %d without its summary line' % \
            done.returncode
    if done.returncode != 0 and 'not ok' not in done.stdout:
        return 'exited with status %d but no test failed' % done.returncode
    if count == 0:
        return 'ran no tests'
    return None


def signal_name(number):
    """Returns a signal's name, e.g. SIGSEGV, or its number."""
    try:
        return signal.Signals(number).name
    except ValueError:
        return str(number)


# ---- following a serial log ------------------------------------------------

class LogMatcher:
    """Follows a case's serial log as it grows: its expect patterns in
    order, its forbid patterns anywhere. Only complete lines are matched
    until finish(), so that r'\\d+' never matches half a number; carriage
    returns and terminal escapes (firmware, GRUB) are dropped first."""

    def __init__(self, case, echo=None):
        self.expect = [re.compile(p, re.M) for p in case.expect]
        self.forbid = [re.compile(p, re.M) for p in case.forbid]
        self.stop_when_done = case.exit is None
        self.echo = echo	# called with each complete line (-v)
        self.text = ''		# the complete lines, cleaned
        self.partial = ''	# raw text after the last newline
        self.seen = 0		# expect patterns matched so far
        self.pos = 0		# where the next expect pattern may start
        self.checked = 0	# forbid patterns checked up to here
        self.forbidden = None	# (pattern, line) of the first hit
        self.grace_end = 0.0

    def feed(self, chunk, final=False):
        """Adds new log text; returns True when QEMU should be stopped."""
        raw = self.partial + chunk
        cut = len(raw) if final else raw.rfind('\n') + 1
        self.partial = raw[cut:]
        if cut:
            lines = TERMINAL_CODES.sub('', raw[:cut])
            self._echo(lines)
            self.text += lines
            self._match()
            self._check()
        if self.forbidden:
            return time.monotonic() >= self.grace_end
        return self.stop_when_done and self.done()

    def finish(self):
        """Matches the last, unterminated line too (QEMU has ended)."""
        self.feed('', final=True)

    def view(self):
        """Returns the cleaned log including the unterminated last line,
        for 'wait' steps: a prompt has no newline after it."""
        return self.text + TERMINAL_CODES.sub('', self.partial)

    def done(self):
        return self.seen == len(self.expect)

    def missing(self):
        """Returns the first expect pattern not yet seen, or None."""
        return None if self.done() else self.expect[self.seen].pattern

    def _echo(self, lines):
        if self.echo:
            for line in lines.splitlines():
                self.echo(line)

    def _match(self):
        while not self.done():
            m = self.expect[self.seen].search(self.text, self.pos)
            if not m:
                return
            self.seen += 1
            self.pos = m.end()

    def _check(self):
        # Complete lines only, even in the final feed: when the runner stops
        # QEMU itself it may cut a line short ("PANIC: " without the rest
        # that an allowed panic's lookahead needs).  Every real panic ends
        # its line.
        end = self.text.rfind('\n') + 1
        if self.forbidden:
            return
        for pattern in self.forbid:
            m = pattern.search(self.text, self.checked, end)
            if m:
                self.forbidden = (pattern.pattern, line_at(self.text, m))
                self.grace_end = time.monotonic() + FORBID_GRACE
                break
        self.checked = max(self.checked, end)


def line_at(text, match):
    """Returns the whole line of text in which match starts."""
    start = text.rfind('\n', 0, match.start()) + 1
    end = text.find('\n', match.start())
    return text[start:] if end < 0 else text[start:end]


# ---- playing a case's steps -------------------------------------------------

def to_bytes(data):
    """Returns the bytes of a 'serial' or 'expect_stream' argument: bytes
    as they are, a str one byte per character ('\\x1b' is ESC)."""
    return data if isinstance(data, bytes) else data.encode('latin-1')


def unescape(payload):
    """Returns the bytes a kernel payload such as 'A\\x03' stands for:
    \\xNN is byte NN; \\n \\r \\t \\0 \\e are the usual bytes; a backslash
    before any other character (\\\\, \\") stands for that character."""
    out, pos = bytearray(), 0
    for m in PAYLOAD_ESCAPE.finditer(payload):
        out += payload[pos:m.start()].encode()
        esc = m.group(1)
        if len(esc) == 3:
            out.append(int(esc[1:], 16))
        else:
            out += SIMPLE_ESCAPES.get(esc, esc.encode())
        pos = m.end()
    return bytes(out + payload[pos:].encode())


def describe_step(number, step):
    """Returns e.g. "step 2 ('type', 'Ab')" for messages."""
    return 'step %d %r' % (number, tuple(step))


class Stream:
    """The bytes the kernel reported for one input source: the
    concatenated payloads of its log lines `input: <source> "..."` (or
    `<source> "..."` when source contains a colon), read up to `consumed`
    by earlier 'expect_stream' steps."""

    def __init__(self, source):
        prefix = source if ':' in source else 'input: ' + source
        self.line = re.compile(re.escape(prefix) +
                               r' "((?:[^"\\\n]|\\.)*)"[ \t]*$', re.M)
        self.scanned = 0	# log text read so far (complete lines)
        self.data = bytearray()
        self.consumed = 0

    def unread(self, text):
        """Reads the new complete lines of text; returns the bytes not
        yet consumed."""
        for m in self.line.finditer(text, self.scanned):
            self.data += unescape(m.group(1))
        self.scanned = len(text)
        return bytes(self.data[self.consumed:])


class StepDriver:
    """Plays a case's steps in order against the guest while its log
    grows: each step finishes before the next one starts, and keys are
    sent KEY_PACE seconds apart. Nothing here depends on timing for
    correctness: input is sent only after the 'wait' before it matched."""

    def __init__(self, case, matcher, echo=None):
        self.steps = [tuple(step) for step in case.steps]
        self.matcher = matcher
        self.echo = echo	# called with each action (-v)
        self.index = 0		# the step being played
        self.pos = 0		# where the next 'wait' may match
        self.keys = None	# key combos of this step not yet sent
        self.not_before = 0.0	# time the next key may go
        self.until = None	# end of this 'sleep'
        self.streams = {}	# source -> Stream
        self.failure = None	# why a step failed

    def done(self):
        return self.index == len(self.steps)

    def where(self):
        """Returns the current step for messages, with what it has seen
        so far when that helps."""
        text = describe_step(self.index + 1, self.steps[self.index])
        step = self.steps[self.index]
        if step[0] == 'expect_stream' and self.failure is None:
            got = self._stream(step[1]).unread(self.matcher.text)
            text += ' (%s stream so far: %r)' % (step[1], got)
        return text

    def advance(self, console):
        """Plays steps as far as the log and the clock allow; console is
        None once QEMU has gone. Returns True if a step failed."""
        while self.failure is None and not self.done():
            try:
                if not self._play(self.steps[self.index], console):
                    break
            except qemu.ConsoleError as e:
                self.failure = str(e)
                break
            self.index += 1
        return self.failure is not None

    def _play(self, step, console):
        """Plays one step; returns True when it has finished."""
        handler = getattr(self, '_' + step[0])
        return handler(console, *step[1:])

    def _say(self, action):
        if self.echo:
            self.echo(action)

    def _wait(self, console, pattern):
        m = re.compile(pattern, re.M).search(self.matcher.view(), self.pos)
        if m:
            self.pos = m.end()
        return m is not None

    def _sendkey(self, console, combo):
        return self._keys(console, [combo])

    def _type(self, console, text):
        return self._keys(console, [qemu.CHAR_KEYS[c] for c in text])

    def _keys(self, console, combos):
        if console is None:
            return False
        if self.keys is None:
            self.keys = list(combos)
        while self.keys:
            if time.monotonic() < self.not_before:
                console.wake_at(self.not_before)
                return False
            self._say('sendkey ' + self.keys[0])
            console.send_key(self.keys.pop(0).split('-'))
            self.not_before = time.monotonic() + KEY_PACE
        self.keys = None
        return True

    def _serial(self, console, data):
        if console is None:
            return False
        self._say('serial %r' % to_bytes(data))
        console.send_serial(to_bytes(data))
        return True

    def _sleep(self, console, seconds):
        if console is None:
            return True		# nothing left to pace
        if self.until is None:
            self.until = time.monotonic() + seconds
        if time.monotonic() < self.until:
            console.wake_at(self.until)
            return False
        self.until = None
        return True

    def _expect_stream(self, console, source, expected):
        got = self._stream(source).unread(self.matcher.text)
        want = to_bytes(expected)
        if got[:len(want)] != want[:len(got)]:
            self.failure = '%s stream is %r, expected %r' % (
                source, got, want)
            return False
        if len(got) < len(want):
            return False
        self.streams[source].consumed += len(want)
        return True

    def _stream(self, source):
        if source not in self.streams:
            self.streams[source] = Stream(source)
        return self.streams[source]


# ---- one boot case ---------------------------------------------------------

class CaseResult:
    """What run_case() found: reason is None if the case passed."""

    def __init__(self, case):
        self.case = case
        self.reason = None
        self.log = ''		# the serial log
        self.stderr = ''	# QEMU's own messages
        self.ran = False	# QEMU was started
        self.kept = None	# directory kept because the case failed
        self.log_copy = None	# build/test-logs/<name>.log


def run_case(case, build, verbose):
    """Boots one case in its own temporary directory; returns a
    CaseResult. Runs in a worker thread; raises qemu.Interrupted."""
    result = CaseResult(case)
    workdir = tempfile.mkdtemp(prefix='basalt-%s-' % case.name)
    try:
        result.reason = boot(case, build, workdir, result, verbose)
    except qemu.SetupError as e:
        result.reason, result.ran = str(e), False
    except qemu.Interrupted:
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    except Exception as e:	# a bug in the runner: report, do not crash
        result.reason = 'runner error: %r' % e
        result.stderr = traceback.format_exc()
    settle_logs(result, build, workdir)
    return result


def boot(case, build, workdir, result, verbose):
    """Runs QEMU for case; returns why it failed, or None."""
    iso = os.path.join(build, ISO_FILES[case.iso])
    if not os.path.isfile(iso):
        raise qemu.SetupError('%s missing (make %s)' % (iso, iso))
    log = os.path.join(workdir, 'serial.log')
    argv = qemu.command(case, os.path.abspath(iso), workdir)
    write_command(argv, workdir)
    echo = (lambda line: say('%s| %s' % (case.name, line))) \
        if verbose else None
    act = (lambda line: say('%s> %s' % (case.name, line))) \
        if verbose else None
    matcher = LogMatcher(case, echo)
    driver = StepDriver(case, matcher, act)

    def on_output(text, console):
        stop = matcher.feed(text)
        if matcher.forbidden:
            return stop
        if driver.advance(console):
            return True
        return stop and driver.done()

    timeout = case.timeout * float(os.environ.get('TIMEOUT_SCALE') or 1)
    result.ran = True
    outcome = qemu.run(argv, log, timeout, on_output)
    matcher.finish()
    driver.advance(None)
    result.log, result.stderr = matcher.text, outcome.stderr
    return verdict(case, matcher, driver, outcome, timeout)


def write_command(argv, workdir):
    """Saves argv as workdir/command.sh, to rerun a failed case by
    hand."""
    with open(os.path.join(workdir, 'command.sh'), 'w') as f:
        f.write('# QEMU waits for a client on serial.sock before it starts'
                ' the guest:\n# socat -,rawer UNIX-CONNECT:%s\n' %
                os.path.join(workdir, qemu.SERIAL_SOCKET))
        f.write(shlex.join(argv) + '\n')


def verdict(case, matcher, driver, outcome, timeout):
    """Returns why a finished run failed, or None if it passed."""
    if matcher.forbidden:
        return 'forbidden /%s/ seen: %s' % matcher.forbidden
    if outcome.problem:
        return outcome.problem
    if driver.failure:
        return '%s: %s' % (driver.where(), driver.failure)
    if not driver.done() and outcome.timed_out:
        return 'timeout after %gs at %s' % (timeout, driver.where())
    if not driver.done() and not outcome.stopped:
        return 'QEMU exited with %s before %s was done%s' % (
            describe_status(outcome.status), driver.where(),
            first_line(outcome.stderr))
    missing = matcher.missing()
    if outcome.timed_out and missing:
        return 'timeout after %gs waiting for /%s/' % (timeout, missing)
    if outcome.timed_out:
        return 'timeout after %gs: QEMU did not exit (expected status ' \
            '%d)' % (timeout, case.exit)
    if outcome.stopped:
        return None
    if missing:
        return 'QEMU exited with %s before /%s/ was seen%s' % (
            describe_status(outcome.status), missing,
            first_line(outcome.stderr))
    if case.exit is not None and outcome.status != case.exit:
        return 'QEMU exited with %s, expected %d%s' % (
            describe_status(outcome.status), case.exit,
            first_line(outcome.stderr))
    return None


def describe_status(status):
    """Returns e.g. 'status 35 (kernel reported failure)'."""
    if status < 0:
        return 'signal %s' % signal_name(-status)
    meaning = STATUS_MEANING.get(status)
    return 'status %d (%s)' % (status, meaning) if meaning \
        else 'status %d' % status


def first_line(stderr):
    """Returns ': ' and QEMU's first message line, or '' if it said
    nothing."""
    lines = stderr.strip().splitlines()
    return ': ' + lines[0] if lines else ''


def settle_logs(result, build, workdir):
    """Removes the case's directory (and any old log of it) unless QEMU
    ran and the case failed: then copies the serial log to
    build/test-logs/<name>.log and keeps the directory."""
    logs = os.path.join(build, 'test-logs')
    copy = os.path.join(logs, result.case.name + '.log')
    if result.reason is None or not result.ran:
        shutil.rmtree(workdir, ignore_errors=True)
        if os.path.exists(copy):
            os.remove(copy)
        return
    os.makedirs(logs, exist_ok=True)
    with open(copy, 'w') as f:
        f.write(result.log)
        if result.stderr:
            f.write('\n--- QEMU / runner messages ---\n' + result.stderr)
    result.kept, result.log_copy = workdir, copy


def report_case(number, result, tally):
    """Records a case and, if it asked for it, its in-kernel results;
    for a failure also prints the end of its log and where it is kept."""
    name = result.case.name
    if result.case.ktest:
        for m in RESULT_LINE.finditer(result.log):
            tally.record(m.group(2) == 'ok', '%s: %s' % (name, m.group(1)))
    if result.reason is None:
        tally.record(True, 'ok %d %s' % (number, name))
        return
    tally.record(False, 'not ok %d %s: %s' % (number, name, result.reason))
    shown = result.log if result.log.strip() else result.stderr
    if shown.strip() and shown.strip() not in result.reason:
        say(tail(shown))
    if result.log_copy:
        say('    (log: %s; QEMU files and command.sh kept in %s)' %
            (result.log_copy, result.kept))


def run_cases(selected, args, tally):
    """Runs the selected cases, args.jobs at a time, and reports them in
    table order. On Ctrl-C kills every QEMU before re-raising."""
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs)
    try:
        futures = [pool.submit(run_case, case, args.build, args.verbose)
                   for case in selected]
        results = []
        for number, future in enumerate(futures, 1):
            results.append(future.result())
            report_case(number, results[-1], tally)
    except BaseException:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        qemu.stop_all()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown()
    return results


def print_bench_lines(results):
    """Prints every `BENCH name=... ns_per_op=...` line the guests logged."""
    for result in results:
        for line in result.log.splitlines():
            found = BENCH_LINE.search(line)
            if found:
                say(found.group(0))


# ---- the table and the command line ----------------------------------------

def table_errors(table):
    """Returns a list of the mistakes in the cases table."""
    errors, names = [], set()
    for case in table:
        errors += [case.name + ': ' + e for e in case_errors(case)]
        if case.name in names:
            errors.append(case.name + ': name used twice')
        names.add(case.name)
    return errors


def case_errors(case):
    """Returns a list of the mistakes in one row of the table."""
    errors = []
    if not NAME_OK.match(case.name) or case.name in HOST_SUITE_NAMES:
        errors.append('bad name (letters, digits, . _ -; not one of %s)'
                      % ', '.join(HOST_SUITE_NAMES))
    for field, allowed in (('iso', cases.ISOS),
                           ('firmware', cases.FIRMWARES),
                           ('drive', cases.DRIVES)):
        if getattr(case, field) not in allowed:
            errors.append('%s must be one of %s' % (field, allowed))
    if case.cmdline and case.iso != 'test':
        errors.append("cmdline needs iso='test'")
    if '\n' in case.cmdline:
        errors.append('cmdline has a newline')
    if case.exit is None and not case.expect and not case.steps:
        errors.append('exit=None needs an expect pattern or a step')
    for pattern in case.expect + case.forbid:
        errors += pattern_errors(pattern)
    if not isinstance(case.steps, (list, tuple)):
        return errors + ['steps must be a list']
    for number, step in enumerate(case.steps, 1):
        errors += ['step %d: %s' % (number, e) for e in step_errors(step)]
    return errors


def pattern_errors(pattern):
    """Returns [] or the reason pattern does not compile."""
    try:
        re.compile(pattern)
    except re.error as e:
        return ['bad pattern %r: %s' % (pattern, e)]
    return []


def step_errors(step):
    """Returns a list of the mistakes in one step of a case."""
    if not isinstance(step, (tuple, list)) or not step or \
            step[0] not in STEP_ARGS:
        return ['%r: not a tuple (kind, ...) with kind one of %s' %
                (step, ', '.join(STEP_ARGS))]
    kind, args, types = step[0], step[1:], STEP_ARGS[step[0]]
    if len(args) != len(types) or not all(
            isinstance(a, t) for a, t in zip(args, types)):
        return ['%r: %s takes (%s)' % (tuple(step), kind, ', '.join(
            '/'.join(t.__name__ for t in (ts if isinstance(ts, tuple)
                                          else (ts,))) for ts in types))]
    if kind == 'wait':
        return pattern_errors(args[0])
    if kind == 'sendkey':
        return key_errors(args[0])
    if kind == 'type':
        bad = sorted(set(c for c in args[0] if c not in qemu.CHAR_KEYS))
        return ['type %r: no key for %r' % (args[0], ''.join(bad))] \
            if bad else []
    if kind == 'sleep' and not 0 <= args[0] <= MAX_SLEEP:
        return ['sleep %r: only for pacing, 0 to %gs' % (args[0], MAX_SLEEP)]
    if kind == 'expect_stream' and (not args[0] or '"' in args[0]):
        return ['expect_stream: bad source %r' % args[0]]
    if kind in ('serial', 'expect_stream'):
        try:
            to_bytes(args[-1])
        except UnicodeEncodeError:
            return ['%s %r: use bytes beyond \\xff' % (kind, args[-1])]
    return []


def key_errors(combo):
    """Returns [] or why combo ('ctrl-c', 'shift-f1') is not a list of
    QEMU key names joined by '-'."""
    bad = [k for k in combo.split('-')
           if k not in qemu.KEY_NAMES and not qemu.HEX_KEY.match(k)]
    return ['sendkey %r: unknown key %s' % (combo, ', '.join(
        repr(k) for k in bad))] if bad else []


def list_cases(selected, suites):
    """Prints the selected tests, one line each."""
    for name, what, argv, _ in suites:
        print('%-24s %s: %s' % (name, what, ' '.join(argv)))
    for case in selected:
        status = 'until matched' if case.exit is None \
            else 'exit %d' % case.exit
        line = '%-24s %-4s %-4s %-3s %-13s %s%s%s' % (
            case.name, case.iso, case.firmware, case.drive, status,
            case.cmdline, '  [ktest]' if case.ktest else '',
            '  [%d steps]' % len(case.steps) if case.steps else '')
        print(line.rstrip())


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description='Run the Basalt host unit tests and QEMU boot cases.')
    parser.add_argument('--build', default='build',
                        help='build directory (default: build)')
    parser.add_argument('--only', metavar='REGEX',
                        help='run only the cases whose name matches '
                        '(the host unit tests are named "host")')
    parser.add_argument('--list', action='store_true',
                        help='list the cases and exit')
    parser.add_argument('--jobs', type=int,
                        default=int(os.environ.get('JOBS') or 2),
                        help='QEMUs at a time (default: $JOBS or 2)')
    parser.add_argument('--bench', action='store_true',
                        help='run the benchmark cases (cases.BENCH_CASES) '
                        'and print their BENCH lines')
    parser.add_argument('-v', '--verbose', action='store_true',
                        help='stream serial logs, prefixed by case name')
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error('--jobs must be at least 1')
    if args.only:
        try:
            re.compile(args.only)
        except re.error as e:
            parser.error('--only: %s' % e)
    return args


def on_sigterm(signum, frame):
    """Turns SIGTERM (e.g. from a CI timeout) into the Ctrl-C path."""
    raise KeyboardInterrupt()


def main(argv=None):
    args = parse_args(argv)
    table = cases.BENCH_CASES if args.bench else cases.CASES
    errors = table_errors(table)
    if errors:
        print('tests/cases.py: ' + '\ntests/cases.py: '.join(errors),
              file=sys.stderr)
        return 2
    chosen = (lambda name: re.search(args.only, name)) if args.only \
        else (lambda name: True)
    selected = [case for case in table if chosen(case.name)]
    suites = [] if args.bench else \
        [suite for suite in HOST_SUITES if chosen(suite[0])]
    if args.list:
        list_cases(selected, suites)
        return 0
    if not selected and not suites:
        print('no case matches --only %r (see --list)' % args.only,
              file=sys.stderr)
        return 2
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even if
    signal.signal(signal.SIGTERM, on_sigterm)	# started with SIGINT ignored
    tally = Tally()
    try:
        for suite in suites:
            run_host_suite(suite, args.build, tally, args.verbose)
        results = run_cases(selected, args, tally)
        if args.bench:
            print_bench_lines(results)
    except KeyboardInterrupt:
        print('\ninterrupted: QEMU stopped', file=sys.stderr)
        return 130
    say('%d passed, %d failed' % (tally.passed, tally.failed))
    return 1 if tally.failed else 0


if __name__ == '__main__':
    sys.exit(main())
