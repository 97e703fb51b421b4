#!/usr/bin/env python3
"""The `make test` driver: host unit tests, then the QEMU boot cases.

    python3 tests/run_tests.py --build build [--only REGEX] [--list]
                               [--jobs N] [-v]

Prints one "ok N name" or "not ok N name: reason" line per test, with the
host unit tests and the in-kernel result lines prefixed by where they came
from, and ends with exactly one line "N passed, M failed". Exits 1 if
anything failed, 2 on a usage or table error, 130 on Ctrl-C.

Environment: ACCEL (default tcg), QEMU_CPU (default max), QEMU (binary),
JOBS (parallel QEMUs, default 2), TIMEOUT_SCALE (multiplies timeouts).
The boot cases are the table in tests/cases.py; the QEMU command line is
built in tests/qemu.py.
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

def run_host_tests(build, tally, verbose):
    """Runs build/host/unit_tests, recording each of its result lines; a
    crash, hang or missing binary is recorded as one more failure."""
    binary = os.path.join(build, 'host', 'unit_tests')
    if not os.path.isfile(binary):
        tally.record(False, 'host: not ok 1 unit_tests: %s missing (make '
                     '%s)' % (binary, binary))
        return
    try:
        done = subprocess.run([binary], stdin=subprocess.DEVNULL,
                              capture_output=True, text=True,
                              errors='replace', timeout=HOST_TIMEOUT)
    except subprocess.TimeoutExpired:
        tally.record(False, 'host: not ok 1 unit_tests: still running '
                     'after %ds' % HOST_TIMEOUT)
        return
    except OSError as e:
        tally.record(False, 'host: not ok 1 unit_tests: %s' % e)
        return
    count = echo_host_results(done.stdout, tally, verbose)
    problem = host_problem(done, count)
    if problem:
        tally.record(False, 'host: not ok %d unit_tests: %s' %
                     (count + 1, problem))
        say(tail(done.stdout + done.stderr))


def echo_host_results(output, tally, verbose):
    """Records each "ok"/"not ok" line of output; returns how many."""
    count = 0
    for line in output.splitlines():
        m = RESULT_LINE.match(line)
        if m:
            count += 1
            tally.record(m.group(2) == 'ok', 'host: ' + m.group(1))
        elif verbose or line.startswith('host:'):
            say(line if line.startswith('host:') else 'host| ' + line)
    return count


def host_problem(done, count):
    """Returns why the unit_tests run as a whole failed, or None."""
    if done.returncode < 0:
        return 'killed by signal %s' % signal_name(-done.returncode)
    if not re.search(r'^host: \d+ passed, \d+ failed', done.stdout, re.M):
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
        if self.forbidden:
            return
        for pattern in self.forbid:
            m = pattern.search(self.text, self.checked)
            if m:
                self.forbidden = (pattern.pattern, line_at(self.text, m))
                self.grace_end = time.monotonic() + FORBID_GRACE
                break
        self.checked = len(self.text)


def line_at(text, match):
    """Returns the whole line of text in which match starts."""
    start = text.rfind('\n', 0, match.start()) + 1
    end = text.find('\n', match.start())
    return text[start:] if end < 0 else text[start:end]


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
    argv = qemu.command(case, os.path.abspath(iso), workdir, log)
    with open(os.path.join(workdir, 'command.sh'), 'w') as f:
        f.write(shlex.join(argv) + '\n')
    echo = (lambda line: say('%s| %s' % (case.name, line))) \
        if verbose else None
    matcher = LogMatcher(case, echo)
    timeout = case.timeout * float(os.environ.get('TIMEOUT_SCALE') or 1)
    result.ran = True
    outcome = qemu.run(argv, log, timeout, matcher.feed)
    matcher.finish()
    result.log, result.stderr = matcher.text, outcome.stderr
    return verdict(case, matcher, outcome, timeout)


def verdict(case, matcher, outcome, timeout):
    """Returns why a finished run failed, or None if it passed."""
    if matcher.forbidden:
        return 'forbidden /%s/ seen: %s' % matcher.forbidden
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
        for number, future in enumerate(futures, 1):
            report_case(number, future.result(), tally)
    except BaseException:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        qemu.stop_all()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown()


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
    if not NAME_OK.match(case.name) or case.name == HOST_NAME:
        errors.append('bad name (letters, digits, . _ -; not "host")')
    for field, allowed in (('iso', cases.ISOS),
                           ('firmware', cases.FIRMWARES),
                           ('drive', cases.DRIVES)):
        if getattr(case, field) not in allowed:
            errors.append('%s must be one of %s' % (field, allowed))
    if case.cmdline and case.iso != 'test':
        errors.append("cmdline needs iso='test'")
    if '\n' in case.cmdline:
        errors.append('cmdline has a newline')
    if case.exit is None and not case.expect:
        errors.append('exit=None needs at least one expect pattern')
    for pattern in case.expect + case.forbid:
        try:
            re.compile(pattern)
        except re.error as e:
            errors.append('bad pattern %r: %s' % (pattern, e))
    return errors


def list_cases(selected, with_host):
    """Prints the selected tests, one line each."""
    if with_host:
        print('%-24s unit tests: build/host/unit_tests' % HOST_NAME)
    for case in selected:
        status = 'until matched' if case.exit is None \
            else 'exit %d' % case.exit
        line = '%-24s %-4s %-4s %-3s %-13s %s%s' % (
            case.name, case.iso, case.firmware, case.drive, status,
            case.cmdline, '  [ktest]' if case.ktest else '')
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
    errors = table_errors(cases.CASES)
    if errors:
        print('tests/cases.py: ' + '\ntests/cases.py: '.join(errors),
              file=sys.stderr)
        return 2
    chosen = (lambda name: re.search(args.only, name)) if args.only \
        else (lambda name: True)
    selected = [case for case in cases.CASES if chosen(case.name)]
    with_host = bool(chosen(HOST_NAME))
    if args.list:
        list_cases(selected, with_host)
        return 0
    if not selected and not with_host:
        print('no case matches --only %r (see --list)' % args.only,
              file=sys.stderr)
        return 2
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even if
    signal.signal(signal.SIGTERM, on_sigterm)	# started with SIGINT ignored
    tally = Tally()
    try:
        if with_host:
            run_host_tests(args.build, tally, args.verbose)
        run_cases(selected, args, tally)
    except KeyboardInterrupt:
        print('\ninterrupted: QEMU stopped', file=sys.stderr)
        return 130
    say('%d passed, %d failed' % (tally.passed, tally.failed))
    return 1 if tally.failed else 0


if __name__ == '__main__':
    sys.exit(main())
