#!/usr/bin/env python3
"""Interactive tests for Basalt's /bin/sh: drive it through a pseudo-
terminal like a user would and check what appears on the screen.
Usage: interactive.py /path/to/sh   (exit status 0 if all checks pass)."""
import os, pty, select, sys, tempfile, time

SH = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/user/sh")


def session(keys, cwd):
    """Type each key string in turn; return everything the shell printed."""
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(cwd)
        os.execve(SH, [SH], {"PATH": "/usr/bin:/bin", "HOME": cwd,
                             "PS1": "T:\\W$ "})
    out = b""

    def drain(t):
        nonlocal out
        end = time.time() + t
        while time.time() < end:
            r, _, _ = select.select([fd], [], [], 0.02)
            if r:
                try:
                    out += os.read(fd, 4096)
                except OSError:
                    return
    drain(0.3)
    for k in keys:
        os.write(fd, k)
        drain(0.3)
    os.write(fd, b"exit\r")
    drain(0.3)
    os.waitpid(pid, 0)
    return out.decode(errors="replace")


CASES = [
    # (name, keys, text that must appear in the output, or a predicate)
    ("prompt", [b"echo hi\r"], "T:"),
    ("left-arrow insert", [b"echo wrld\x1b[D\x1b[D\x1b[Do\r"], "\nworld"),
    ("home/end ^A ^E", [b"cho mid\x01e\x05dle\r"], "\nmiddle"),
    ("history up", [b"echo first\r", b"\x1b[A\r"],
     lambda o: o.count("\nfirst\r") == 2),
    ("backspace", [b"echo abcx\x7f\r"], "\nabc\r"),
    ("delete key", [b"echo abxc\x1b[D\x1b[D\x1b[3~\r"], "\nabc\r"),
    ("^U kill line", [b"garbage\x15echo clean\r"], "\nclean"),
    ("^K kill to end", [b"echo keep junk\x1b[D\x1b[D\x1b[D\x1b[D\x0b\r"],
     "\nkeep"),
    ("^W kill word", [b"echo one two\x17three\r"], "\none three"),
    ("tab completes path", [b"cat uniq\t\r"], "unique-content"),
    ("tab completes command", [b"ech\t tabbed\r"], "\ntabbed"),
    ("continuation prompt", [b"for i in 1 2\r", b"do echo n$i; done\r"],
     "n2"),
    ("background job", [b"sleep 1 &\r", b"jobs\r"], "Running"),
    ("stop and fg", [b"sleep 1\r", b"\x1a", b"jobs\r", b"fg\r"],
     "Stopped"),
    ("^C cancels", [b"sleep 5\r", b"\x03", b"echo st=$?\r"], "st=130"),
    ("cd updates prompt", [b"cd sub\r"], "T:sub$"),
    ("prompt keeps a symlinked path", [b"cd lnk\r"], "T:lnk$"),
    ("history builtin", [b"echo one\r", b"echo two\r", b"history\r"],
     lambda o: "1  echo one" in o and "2  echo two" in o
     and "3  history" in o),
    ("set -o ignoreeof", [b"set -o ignoreeof\r", b"\x04", b"echo alive\r"],
     lambda o: "Use \"exit\"" in o and "\nalive" in o),
    ("read from terminal", [b"read v; echo got=$v\r", b"typed\r"],
     "got=typed"),
]


def main():
    cwd = tempfile.mkdtemp()
    with open(os.path.join(cwd, "uniquefile"), "w") as f:
        f.write("unique-content\n")
    os.mkdir(os.path.join(cwd, "sub"))
    os.symlink("sub", os.path.join(cwd, "lnk"))
    fails = 0
    first = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    for number, (name, keys, want) in enumerate(CASES, first):
        out = session(keys, cwd)
        if callable(want) and want(out) or not callable(want) and want in out:
            print("ok %d %s" % (number, name))
        else:
            fails += 1
            print("not ok %d %s: wanted %r in %r" % (number, name, want,
                                                    out[-300:]))
    print("interactive tests: %d passed, %d failed" %
          (len(CASES) - fails, fails))
    return 1 if fails else 0


sys.exit(main())
