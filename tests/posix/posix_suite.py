#!/usr/bin/env python3
"""POSIX semantics suite for a mounted filesystem (ours over 9P, NFS or FUSE; or any local dir).

    python3 posix_suite.py [--no-xattr] [--no-locks] [--renameat2] [...] DIR

Runs every check inside a fresh subdirectory of DIR, prints one line per check
("ok N name", "not ok N name: detail", "ok N name # skip reason") and a summary,
and exits 1 if any check failed (2 on a usage or setup error).

As root it also runs the root-only checks (chown to others, device nodes, root's
permission bypass) and the permission checks as other users, by forking children
that drop to the uids/gids below. As a normal user it runs the unprivileged subset.

Standard library only, and one process: under the rig's emulated guest every exec
costs tens of milliseconds, so the suite forks only where a second process is part
of the semantics (lock conflicts, another uid).

Capabilities (a front end that cannot offer one turns it off; see --list-caps) skip
the checks that need them; everything else must pass.
"""

import argparse
import ctypes
import ctypes.util
import errno
import fcntl
import hashlib
import mmap
import os
import pickle
import random
import re
import shutil
import socket
import stat
import struct
import sys
import time
import traceback

# ---------------------------------------------------------------------------
# Identities used by the root-mode permission checks.


class Ident:
    """A uid, primary gid and supplementary groups that a forked child switches to."""

    def __init__(self, name, uid, gid, groups):
        self.name, self.uid, self.gid, self.groups = name, uid, gid, list(groups)

    def member_of(self, gid):
        return gid == self.gid or gid in self.groups

    def __repr__(self):
        return f"{self.name}({self.uid}:{self.gid} groups {self.groups})"


SHARED_GID = 2000
USER_A = Ident("A", 1000, 1000, [1000])                # owner of most test files
USER_B = Ident("B", 1001, 1001, [1001, SHARED_GID])    # in SHARED_GID through a supplementary group
USER_C = Ident("C", 1002, 1002, [1002])                # "other"; group member of files whose gid is 1002
USER_D = Ident("D", 1003, SHARED_GID, [SHARED_GID])    # in SHARED_GID through its primary gid

# ---------------------------------------------------------------------------
# Capabilities.

CAPS = {
    "xattr": (True, "user.* extended attributes (get/set/list/remove, CREATE/REPLACE flags)"),
    "xattr-empty": (True, "an xattr with an empty value exists (v9fs sends an empty set as a removal)"),
    "mknod": (True, "character and block device nodes with rdev (root)"),
    "locks": (True, "fcntl byte-range locks and flock between processes"),
    "renameat2": (False, "renameat2() RENAME_NOREPLACE and RENAME_EXCHANGE"),
    "groups": (True, "the server knows the caller's gid and supplementary groups (9P2000.L sends only the uid)"),
    "sparse": (True, "st_blocks counts allocated space only (holes are free)"),
    "atime": (True, "relatime: a read updates an atime that is not newer than mtime"),
    "ts64": (True, "timestamps after 2038 (64-bit seconds)"),
    "ts-nanoseconds": (True, "utimensat keeps nanoseconds (Linux 6.1's v9fs truncates the times it sends to seconds)"),
    "mmap": (True, "shared writable mmap"),
}

# ---------------------------------------------------------------------------
# Assertions.


class Fail(Exception):
    """A check's expectation did not hold."""


def fail(message):
    raise Fail(message)


def ename(code):
    if code == 0:
        return "success"
    return errno.errorcode.get(code, str(code))


def eq(actual, expected, what):
    if actual != expected:
        fail(f"{what}: expected {expected!r}, got {actual!r}")


def eq_mode(actual, expected, what):
    if actual != expected:
        fail(f"{what}: expected mode {expected:o}, got {actual:o}")


def true(condition, what):
    if not condition:
        fail(what)


def errno_of(fn, *args, **kwargs):
    """0 when fn succeeds (closing a returned fd), else the OSError's errno."""
    try:
        result = fn(*args, **kwargs)
    except OSError as e:
        return e.errno
    if fn is os.open:
        os.close(result)
    return 0


def expect_errno(expected, fn, *args, what=None, **kwargs):
    allowed = {expected} if isinstance(expected, int) else set(expected)
    got = errno_of(fn, *args, **kwargs)
    if got not in allowed:
        label = what or f"{getattr(fn, '__name__', fn)}{args!r}"
        fail(f"{label}: expected {'|'.join(ename(e) for e in sorted(allowed))}, got {ename(got)}")


def expect_ok(fn, *args, what=None, **kwargs):
    expect_errno(0, fn, *args, what=what, **kwargs)


# ---------------------------------------------------------------------------
# Small file helpers.


def write_file(path, data, mode=0o644):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        view = memoryview(data)
        while view:
            n = os.write(fd, view)
            view = view[n:]
    finally:
        os.close(fd)


def read_file(path):
    fd = os.open(path, os.O_RDONLY)
    try:
        return read_fd(fd)
    finally:
        os.close(fd)


def read_fd(fd, offset=0):
    parts = []
    while True:
        chunk = os.pread(fd, 1 << 20, offset)
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        offset += len(chunk)


def touch(path, mode=0o644):
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode))


def pattern(n, seed=0):
    """n deterministic, incompressible-looking bytes."""
    out = bytearray()
    counter = 0
    while len(out) < n:
        out += hashlib.sha256(b"%d:%d" % (seed, counter)).digest()
        counter += 1
    return bytes(out[:n])


def first_diff(a, b):
    for i in range(min(len(a), len(b))):
        if a[i] != b[i]:
            return i
    return min(len(a), len(b))


def eq_bytes(actual, expected, what):
    if actual != expected:
        at = first_diff(actual, expected)
        fail(f"{what}: {len(actual)} bytes differ from the expected {len(expected)} at offset {at} "
             f"(got {actual[at:at + 8]!r}, expected {expected[at:at + 8]!r})")


# ---------------------------------------------------------------------------
# libc entry points Python lacks.

_libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
AT_FDCWD = -100
RENAME_NOREPLACE = 1
RENAME_EXCHANGE = 2
UTIME_NOW = (1 << 30) - 1
UTIME_OMIT = (1 << 30) - 2


class Timespec(ctypes.Structure):
    _fields_ = [("tv_sec", ctypes.c_long), ("tv_nsec", ctypes.c_long)]


def renameat2(src, dst, flags):
    if _libc.renameat2(AT_FDCWD, os.fsencode(src), AT_FDCWD, os.fsencode(dst), ctypes.c_uint(flags)) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), src)


def utimensat(path, atime, mtime):
    """atime/mtime: (sec, nsec), or UTIME_NOW / UTIME_OMIT."""
    times = (Timespec * 2)()
    for i, value in enumerate((atime, mtime)):
        if isinstance(value, tuple):
            times[i].tv_sec, times[i].tv_nsec = value
        else:
            times[i].tv_sec, times[i].tv_nsec = 0, value
    if _libc.utimensat(AT_FDCWD, os.fsencode(path), times, 0) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), path)


FLOCK = struct.Struct("=hh4xqqi4x")  # struct flock on x86_64/aarch64 Linux


def setlk(fd, kind, start, length, wait=False):
    fcntl.fcntl(fd, fcntl.F_SETLKW if wait else fcntl.F_SETLK, FLOCK.pack(kind, os.SEEK_SET, start, length, 0))


def getlk(fd, kind, start, length):
    """(type, start, len, pid) of the first conflicting lock, or (F_UNLCK, ...)."""
    kind, _, start, length, pid = FLOCK.unpack(fcntl.fcntl(fd, fcntl.F_GETLK, FLOCK.pack(kind, os.SEEK_SET, start, length, 0)))
    return kind, start, length, pid


# ---------------------------------------------------------------------------
# Child processes.


class Child:
    """A forked child that optionally switches identity, runs fn and sends back its outcome."""

    def __init__(self, ident, fn):
        sys.stdout.flush()
        sys.stderr.flush()
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            try:
                if ident is not None:
                    os.setgroups(ident.groups)
                    os.setresgid(ident.gid, ident.gid, ident.gid)
                    os.setresuid(ident.uid, ident.uid, ident.uid)
                try:
                    outcome = ("value", fn())
                except Fail as e:
                    outcome = ("fail", str(e))
                except OSError as e:
                    outcome = ("oserror", e.errno, str(e))
                except BaseException:  # noqa: B902 - everything goes back to the parent
                    outcome = ("error", traceback.format_exc(limit=3))
                data = pickle.dumps(outcome)
                view = memoryview(data)
                while view:
                    view = view[os.write(write_end, view):]
            finally:
                os._exit(0)
        os.close(write_end)
        self.pid, self.ident, self._fd = pid, ident, read_end

    def result(self):
        chunks = []
        while True:
            chunk = os.read(self._fd, 65536)
            if not chunk:
                break
            chunks.append(chunk)
        os.close(self._fd)
        os.waitpid(self.pid, 0)
        who = f"as {self.ident!r}" if self.ident else "in a child process"
        if not chunks:
            fail(f"{who}: the child died without a result")
        outcome = pickle.loads(b"".join(chunks))
        if outcome[0] == "value":
            return outcome[1]
        if outcome[0] == "fail":
            fail(f"{who}: {outcome[1]}")
        if outcome[0] == "oserror":
            fail(f"{who}: unexpected OSError {ename(outcome[1])}: {outcome[2]}")
        fail(f"{who}: {outcome[1].strip().splitlines()[-1]}")


def as_user(ident, fn):
    return Child(ident, fn).result()


def in_child(fn):
    return Child(None, fn).result()


# ---------------------------------------------------------------------------
# The check registry and runner.

CHECKS = []


def check(root=False, user=False, caps=()):
    """Registers a check. root: needs root. user: unprivileged semantics (as root, run as USER_A)."""

    def register(fn):
        CHECKS.append((fn.__name__, fn, root, user, tuple(caps)))
        return fn

    return register


class Ctx:
    """What a check sees: its own empty directory and the run's settings."""

    def __init__(self, run, directory):
        self.run = run
        self.dir = directory
        self.caps = run.caps
        self.root = run.root

    def p(self, *names):
        return os.path.join(self.dir, *names)

    def tick(self):
        """Waits long enough that the next timestamp the server takes differs from the last one."""
        time.sleep(self.run.tick)

    def mk(self, name, uid=None, gid=None, mode=0o644, kind="f", data=b""):
        """Creates a file or directory with an exact owner and mode (root mode)."""
        path = self.p(name)
        if kind == "d":
            os.mkdir(path, 0o700)
        else:
            write_file(path, data, 0o600)
        if uid is not None or gid is not None:
            os.chown(path, -1 if uid is None else uid, -1 if gid is None else gid)
        os.chmod(path, mode)
        return path


class Run:
    def __init__(self, args):
        self.caps = {name: default for name, (default, _) in CAPS.items()}
        for name in CAPS:
            flag = getattr(args, "cap_" + name.replace("-", "_"))
            if flag is not None:
                self.caps[name] = flag
        self.root = os.geteuid() == 0
        self.readdir_count = args.readdir_count
        self.tick = args.tick
        self.only = re.compile(args.only) if args.only else None
        self.times = args.times
        self.shared = {}
        self.base = os.path.join(os.path.abspath(args.dir), f"posix-suite.{os.getpid()}")
        self.keep = args.keep

    def main(self):
        os.umask(0)
        os.mkdir(self.base, 0o755)
        if self.root:
            os.chown(self.base, 0, 0)
        os.chmod(self.base, 0o755)  # clears a setgid bit inherited from DIR
        caps = " ".join(("+" if on else "-") + name for name, on in self.caps.items())
        print(f"# posix_suite in {self.base} as uid {os.geteuid()} gid {os.getegid()}; caps {caps}", flush=True)
        results = {"ok": 0, "fail": 0, "skip": 0}
        started = time.monotonic()
        number = 0
        for name, fn, needs_root, user, caps in CHECKS:
            if self.only and not self.only.search(name):
                continue
            number += 1
            missing = [c for c in caps if not self.caps[c]]
            if missing:
                results["skip"] += 1
                print(f"ok {number} {name} # skip capability off: {', '.join(missing)}", flush=True)
                continue
            if needs_root and not self.root:
                results["skip"] += 1
                print(f"ok {number} {name} # skip needs root", flush=True)
                continue
            t0 = time.monotonic()
            detail = self.run_one(name, fn, user)
            elapsed = f" ({time.monotonic() - t0:.2f}s)" if self.times else ""
            if detail is None:
                results["ok"] += 1
                print(f"ok {number} {name}{elapsed}", flush=True)
            else:
                results["fail"] += 1
                print(f"not ok {number} {name}: {detail}{elapsed}", flush=True)
        total = time.monotonic() - started
        if not self.keep:
            self.remove_tree()
        print(f"# {number} checks: {results['ok']} passed, {results['fail']} failed, {results['skip']} skipped"
              f" in {total:.1f}s", flush=True)
        return 1 if results["fail"] else 0

    def run_one(self, name, fn, user):
        directory = os.path.join(self.base, name)
        try:
            os.mkdir(directory, 0o755)
            ctx = Ctx(self, directory)
            if user and self.root:
                os.chown(directory, USER_A.uid, USER_A.gid)
                as_user(USER_A, lambda: fn(ctx))
            else:
                fn(ctx)
            return None
        except Fail as e:
            return str(e)
        except OSError as e:
            where = traceback.extract_tb(e.__traceback__)[-1]
            return f"unexpected OSError {ename(e.errno)} ({e}) at line {where.lineno}: {where.line}"
        except Exception as e:  # a bug in a check is a failure too, with its location
            where = traceback.extract_tb(e.__traceback__)[-1]
            return f"{type(e).__name__}: {e} at line {where.lineno}: {where.line}"

    def remove_tree(self):
        # Checks leave 0o000 dirs and sticky dirs behind: make everything removable first (root or owner).
        for parent, dirs, _ in os.walk(self.base):
            for d in dirs:
                try:
                    os.chmod(os.path.join(parent, d), 0o755)
                except OSError:
                    pass
        try:
            shutil.rmtree(self.base)
        except OSError as e:
            print(f"# warning: could not remove {self.base}: {e}", flush=True)


# ===========================================================================
# Regular files.


@check()
def file_create_attributes(t):
    path = t.p("f")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
    st = os.fstat(fd)
    os.close(fd)
    true(stat.S_ISREG(st.st_mode), f"not a regular file: mode {st.st_mode:o}")
    eq_mode(stat.S_IMODE(st.st_mode), 0o640, "mode (umask 0)")
    eq(st.st_uid, os.geteuid(), "owner")
    eq(st.st_gid, os.getegid(), "group")
    eq(st.st_nlink, 1, "nlink")
    eq(st.st_size, 0, "size")
    eq(os.stat(path).st_ino, st.st_ino, "inode by path and by fd")


@check()
def file_write_read_across_chunks(t):
    path = t.p("f")
    model = bytearray(pattern(200_000, 1))
    write_file(path, model)
    eq(os.stat(path).st_size, len(model), "size after write")
    eq_bytes(read_file(path), bytes(model), "read back")
    fd = os.open(path, os.O_RDWR)
    try:
        # Overwrite ranges that straddle 4 KiB, 32 KiB and 64 KiB boundaries, unaligned.
        for offset, length in ((32_000, 1_537), (65_530, 12), (131_071, 70_000), (1, 1)):
            data = pattern(length, offset)
            eq(os.pwrite(fd, data, offset), length, f"pwrite at {offset}")
            end = offset + length
            if end > len(model):
                model.extend(bytes(end - len(model)))
            model[offset:end] = data
        for offset, length in ((0, 10), (32_767, 2), (65_535, 65_537), (len(model) - 3, 100)):
            eq_bytes(os.pread(fd, length, offset), bytes(model[offset:offset + length]), f"pread {length} at {offset}")
    finally:
        os.close(fd)
    eq_bytes(read_file(path), bytes(model), "whole file after overwrites")
    fd = os.open(path, os.O_RDONLY)
    try:
        eq(os.pread(fd, 10, len(model) + 5), b"", "read past end of file")
    finally:
        os.close(fd)


@check()
def file_random_writes_match_model(t):
    path = t.p("f")
    rng = random.Random(42)
    model = bytearray()
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        for step in range(120):
            op = rng.random()
            if op < 0.8:
                offset = rng.randrange(0, 1 << 20)
                data = pattern(rng.choice((1, 17, 4096, 33_000, 70_000)), step)
                os.pwrite(fd, data, offset)
                if offset + len(data) > len(model):
                    model.extend(bytes(offset + len(data) - len(model)))
                model[offset:offset + len(data)] = data
            else:
                size = rng.randrange(0, 1 << 20)
                os.ftruncate(fd, size)
                if size < len(model):
                    del model[size:]
                else:
                    model.extend(bytes(size - len(model)))
            if step % 30 == 29:
                eq(os.fstat(fd).st_size, len(model), f"size after step {step}")
                eq_bytes(read_fd(fd), bytes(model), f"content after step {step}")
    finally:
        os.close(fd)
    eq_bytes(read_file(path), bytes(model), "content reopened")


@check()
def file_o_excl(t):
    path = t.p("f")
    touch(path)
    expect_errno(errno.EEXIST, os.open, path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644, what="O_EXCL on a file")
    os.mkdir(t.p("d"))
    expect_errno(errno.EEXIST, os.open, t.p("d"), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644, what="O_EXCL on a dir")
    os.symlink("missing", t.p("dangling"))
    expect_errno(errno.EEXIST, os.open, t.p("dangling"), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644,
                 what="O_EXCL on a dangling symlink")
    true(not os.path.lexists(t.p("missing")), "O_EXCL through a dangling symlink created its target")


@check()
def file_o_creat_existing_keeps_content(t):
    path = t.p("f")
    write_file(path, b"keep", 0o600)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o777)
    os.close(fd)
    eq(read_file(path), b"keep", "content")
    eq_mode(stat.S_IMODE(os.stat(path).st_mode), 0o600, "mode (O_CREAT must not change it)")


@check()
def file_o_trunc(t):
    path = t.p("f")
    write_file(path, pattern(50_000))
    fd = os.open(path, os.O_WRONLY | os.O_TRUNC)
    eq(os.fstat(fd).st_size, 0, "size after O_TRUNC")
    os.write(fd, b"new")
    os.close(fd)
    eq(read_file(path), b"new", "content after O_TRUNC and write")


@check()
def file_o_append(t):
    path = t.p("f")
    write_file(path, b"start:")
    fd1 = os.open(path, os.O_WRONLY | os.O_APPEND)
    fd2 = os.open(path, os.O_WRONLY | os.O_APPEND)
    try:
        os.write(fd1, b"one,")
        os.write(fd2, b"two,")
        os.lseek(fd1, 0, os.SEEK_SET)
        os.write(fd1, b"three")
        eq(os.lseek(fd1, 0, os.SEEK_CUR), len(b"start:one,two,three"), "file offset after an append")
    finally:
        os.close(fd1)
        os.close(fd2)
    eq(read_file(path), b"start:one,two,three", "content")


@check()
def file_open_errors(t):
    expect_errno(errno.ENOENT, os.open, t.p("missing"), os.O_RDONLY, what="open a missing file")
    expect_errno(errno.ENOENT, os.open, t.p("nodir", "f"), os.O_WRONLY | os.O_CREAT, 0o644,
                 what="O_CREAT in a missing dir")
    touch(t.p("file"))
    expect_errno(errno.ENOTDIR, os.open, t.p("file", "x"), os.O_RDONLY, what="a file as a path component")
    expect_errno(errno.ENOTDIR, os.open, t.p("file", "x"), os.O_WRONLY | os.O_CREAT, 0o644,
                 what="O_CREAT under a file")
    os.mkdir(t.p("d"))
    expect_errno(errno.EISDIR, os.open, t.p("d"), os.O_WRONLY, what="open a dir O_WRONLY")
    expect_errno(errno.EISDIR, os.open, t.p("d"), os.O_RDWR, what="open a dir O_RDWR")
    expect_errno(errno.EISDIR, os.open, t.p("d"), os.O_WRONLY | os.O_CREAT, 0o644, what="O_CREAT on a dir")
    expect_errno(errno.ENOTDIR, os.open, t.p("file"), os.O_RDONLY | os.O_DIRECTORY, what="O_DIRECTORY on a file")
    expect_ok(os.open, t.p("d"), os.O_RDONLY | os.O_DIRECTORY, what="O_DIRECTORY on a dir")


@check()
def file_many_small(t):
    for i in range(100):
        write_file(t.p(f"f{i}"), pattern(i * 7, i))
    for i in range(100):
        eq_bytes(read_file(t.p(f"f{i}")), pattern(i * 7, i), f"f{i}")


@check(caps=("mmap",))
def file_mmap_shared_write(t):
    path = t.p("f")
    write_file(path, bytes(3 * 4096))
    fd = os.open(path, os.O_RDWR)
    try:
        with mmap.mmap(fd, 3 * 4096, mmap.MAP_SHARED, mmap.PROT_READ | mmap.PROT_WRITE) as m:
            m[4000:4100] = pattern(100, 3)
            m.flush()
        eq_bytes(os.pread(fd, 100, 4000), pattern(100, 3), "read after msync")
    finally:
        os.close(fd)
    eq_bytes(read_file(path)[4000:4100], pattern(100, 3), "read reopened")


# ===========================================================================
# Truncate and sparse files.


@check()
def truncate_grow_reads_zeros(t):
    path = t.p("f")
    write_file(path, b"x" * 100)
    os.truncate(path, 100_000)
    eq(os.stat(path).st_size, 100_000, "size")
    data = read_file(path)
    eq(data[:100], b"x" * 100, "kept prefix")
    eq_bytes(data[100:], bytes(99_900), "grown range")


@check()
def truncate_shrink_then_grow_no_stale_data(t):
    path = t.p("f")
    write_file(path, pattern(200_000, 5))
    os.truncate(path, 1_000)
    eq(os.stat(path).st_size, 1_000, "size after shrink")
    eq_bytes(read_file(path), pattern(200_000, 5)[:1_000], "content after shrink")
    os.truncate(path, 200_000)
    data = read_file(path)
    eq_bytes(data[:1_000], pattern(200_000, 5)[:1_000], "prefix after regrow")
    eq_bytes(data[1_000:], bytes(199_000), "regrown range must read zeros, not the old data")


@check()
def truncate_through_fd(t):
    path = t.p("f")
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        os.write(fd, pattern(70_000))
        os.ftruncate(fd, 33_000)
        eq(os.fstat(fd).st_size, 33_000, "fstat size after ftruncate down")
        eq_bytes(read_fd(fd), pattern(70_000)[:33_000], "content after ftruncate down")
        os.ftruncate(fd, 40_000)
        eq_bytes(read_fd(fd, 33_000), bytes(7_000), "range after ftruncate up")
        os.ftruncate(fd, 0)
        eq(read_fd(fd), b"", "content after ftruncate 0")
    finally:
        os.close(fd)
    eq(os.stat(path).st_size, 0, "size by path")


@check()
def truncate_errors(t):
    os.mkdir(t.p("d"))
    expect_errno(errno.EISDIR, os.truncate, t.p("d"), 0, what="truncate a dir")
    touch(t.p("f"))
    expect_errno(errno.EINVAL, os.truncate, t.p("f"), -1, what="truncate to -1")
    expect_errno(errno.ENOENT, os.truncate, t.p("missing"), 0, what="truncate a missing file")


@check()
def sparse_holes_read_zeros(t):
    path = t.p("f")
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        os.pwrite(fd, b"head", 0)
        os.pwrite(fd, b"tail", 8 << 20)
        eq(os.fstat(fd).st_size, (8 << 20) + 4, "size")
        eq(os.pread(fd, 4, 0), b"head", "head")
        eq(os.pread(fd, 4, 8 << 20), b"tail", "tail")
        for offset in (4, 32_768, 4 << 20, (8 << 20) - 100):
            eq_bytes(os.pread(fd, 100, offset), bytes(100), f"hole at {offset}")
    finally:
        os.close(fd)


@check(caps=("sparse",))
def sparse_st_blocks_smaller_than_size(t):
    path = t.p("f")
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        os.pwrite(fd, b"x", 64 << 20)
        os.fsync(fd)
        st = os.fstat(fd)
    finally:
        os.close(fd)
    true(st.st_blocks * 512 < (1 << 20), f"a 64 MiB file with one written byte uses {st.st_blocks} blocks")
    write_file(t.p("dense"), pattern(1 << 20))
    fd = os.open(t.p("dense"), os.O_RDONLY)
    os.fsync(fd)
    os.close(fd)
    blocks = os.stat(t.p("dense")).st_blocks
    true(blocks * 512 >= (1 << 19), f"a dense 1 MiB file reports only {blocks} blocks")


# ===========================================================================
# Directories.


@check()
def dir_mkdir_rmdir_nlink(t):
    parent = os.stat(t.dir).st_nlink
    os.mkdir(t.p("d"), 0o750)
    st = os.stat(t.p("d"))
    true(stat.S_ISDIR(st.st_mode), f"not a dir: mode {st.st_mode:o}")
    eq_mode(stat.S_IMODE(st.st_mode), 0o750, "mode")
    eq(st.st_nlink, 2, "nlink of a new dir")
    eq(os.stat(t.dir).st_nlink, parent + 1, "parent nlink after mkdir")
    os.mkdir(t.p("d", "sub"))
    eq(os.stat(t.p("d")).st_nlink, 3, "nlink with one subdir")
    touch(t.p("d", "file"))
    eq(os.stat(t.p("d")).st_nlink, 3, "nlink with one subdir and a file")
    eq(os.stat(t.p("d", "sub", "..")).st_ino, st.st_ino, "sub/.. is d")
    os.rmdir(t.p("d", "sub"))
    eq(os.stat(t.p("d")).st_nlink, 2, "nlink after rmdir of the subdir")
    os.unlink(t.p("d", "file"))
    os.rmdir(t.p("d"))
    eq(os.stat(t.dir).st_nlink, parent, "parent nlink after rmdir")
    expect_errno(errno.ENOENT, os.stat, t.p("d"), what="stat after rmdir")


@check()
def dir_mkdir_errors(t):
    os.mkdir(t.p("d"))
    touch(t.p("f"))
    os.symlink("d", t.p("link"))
    os.symlink("nowhere", t.p("dangling"))
    for name in ("d", "f", "link", "dangling"):
        expect_errno(errno.EEXIST, os.mkdir, t.p(name), what=f"mkdir over {name}")
    expect_errno(errno.ENOENT, os.mkdir, t.p("missing", "x"), what="mkdir in a missing dir")
    expect_errno(errno.ENOTDIR, os.mkdir, t.p("f", "x"), what="mkdir under a file")


@check()
def dir_rmdir_errors(t):
    os.mkdir(t.p("full"))
    touch(t.p("full", "f"))
    os.mkdir(t.p("nested"))
    os.mkdir(t.p("nested", "empty"))
    touch(t.p("file"))
    os.mkdir(t.p("d"))
    os.symlink("d", t.p("link"))
    expect_errno((errno.ENOTEMPTY, errno.EEXIST), os.rmdir, t.p("full"), what="rmdir a dir with a file")
    expect_errno((errno.ENOTEMPTY, errno.EEXIST), os.rmdir, t.p("nested"), what="rmdir a dir with a subdir")
    expect_errno(errno.ENOENT, os.rmdir, t.p("missing"), what="rmdir a missing dir")
    expect_errno(errno.ENOTDIR, os.rmdir, t.p("file"), what="rmdir a file")
    expect_errno(errno.ENOTDIR, os.rmdir, t.p("link"), what="rmdir a symlink to a dir")
    expect_errno(errno.EINVAL, os.rmdir, t.p("d", "."), what="rmdir d/.")
    expect_errno(errno.EISDIR, os.unlink, t.p("d"), what="unlink a dir")
    true(os.path.isdir(t.p("full")) and os.path.isdir(t.p("d")), "a failed rmdir removed the dir")


@check()
def dir_readdir_types_and_inodes(t):
    os.mkdir(t.p("dir"))
    touch(t.p("file"))
    os.symlink("file", t.p("link"))
    os.mkfifo(t.p("fifo"), 0o644)
    names = {}
    with os.scandir(t.dir) as it:
        for entry in it:
            true(entry.name not in names, f"{entry.name} listed twice")
            names[entry.name] = entry
    eq(sorted(names), ["dir", "fifo", "file", "link"], "names")
    true(names["dir"].is_dir(follow_symlinks=False), "dir is not reported as a dir")
    true(names["file"].is_file(follow_symlinks=False), "file is not reported as a file")
    true(names["link"].is_symlink(), "link is not reported as a symlink")
    true(not names["fifo"].is_file(follow_symlinks=False) and not names["fifo"].is_dir(follow_symlinks=False),
         "fifo reported as a file or dir")
    for name, entry in names.items():
        eq(entry.inode(), os.lstat(t.p(name)).st_ino, f"d_ino of {name}")


@check()
def dir_deep_tree(t):
    path = t.dir
    for depth in range(16):
        path = os.path.join(path, f"level{depth}")
        os.mkdir(path)
    write_file(os.path.join(path, "leaf"), b"deep")
    eq(read_file(os.path.join(path, "leaf")), b"deep", "leaf")
    count = sum(len(files) + len(dirs) for _, dirs, files in os.walk(t.dir))
    eq(count, 17, "entries walked")
    shutil.rmtree(t.p("level0"))
    eq(os.listdir(t.dir), [], "after rmtree")


def _make_entries(directory, count):
    names = [f"entry-{i:05d}-{'x' * (i % 40)}" for i in range(count)]
    for name in names:
        os.close(os.open(os.path.join(directory, name), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
    return names


@check()
def readdir_large_each_once(t):
    count = t.run.readdir_count
    names = _make_entries(t.dir, count)
    seen = {}
    with os.scandir(t.dir) as it:
        for entry in it:
            seen[entry.name] = seen.get(entry.name, 0) + 1
    duplicates = [n for n, c in seen.items() if c > 1]
    missing = set(names) - set(seen)
    extra = set(seen) - set(names)
    true(not duplicates, f"{len(duplicates)} names listed more than once, e.g. {duplicates[:3]}")
    true(not missing, f"{len(missing)} of {count} names missing, e.g. {sorted(missing)[:3]}")
    true(not extra, f"unexpected names {sorted(extra)[:3]}")
    eq(os.stat(t.dir).st_nlink, 2, "nlink of a dir holding only files")
    t.run.shared["readdir"] = (t.dir, names)  # the next check unlinks them while listing


@check()
def readdir_unlink_during_iteration(t):
    directory, names = t.run.shared.pop("readdir", (None, None))
    if directory is None or len(os.listdir(directory)) != len(names):
        directory, names = t.dir, _make_entries(t.dir, t.run.readdir_count)
    count = len(names)
    rng = random.Random(7)
    seen = set()
    duplicates = []
    removed_early = set()
    with os.scandir(directory) as it:
        for i, entry in enumerate(it):
            if entry.name in seen:
                duplicates.append(entry.name)
                continue
            seen.add(entry.name)
            if entry.name not in removed_early:
                os.unlink(entry.path)  # the rm -rf pattern: delete what was just listed
            if i % 7 == 0:  # and now and then an entry the listing has not reached yet
                victim = names[rng.randrange(count)]
                if victim not in seen and victim not in removed_early:
                    os.unlink(os.path.join(directory, victim))
                    removed_early.add(victim)
    true(not duplicates, f"{len(duplicates)} names listed twice while unlinking, e.g. {duplicates[:3]}")
    never_removed_early = set(names) - removed_early
    missing = never_removed_early - seen
    true(not missing, f"{len(missing)} entries that were never removed early were skipped, e.g. {sorted(missing)[:3]}")
    eq(os.listdir(directory), [], "listing after everything was unlinked")


# ===========================================================================
# Hard links.


@check()
def link_counts_and_shared_data(t):
    write_file(t.p("a"), b"one")
    os.link(t.p("a"), t.p("b"))
    sa, sb = os.stat(t.p("a")), os.stat(t.p("b"))
    eq(sa.st_ino, sb.st_ino, "same inode")
    eq((sa.st_nlink, sb.st_nlink), (2, 2), "nlink after link")
    os.mkdir(t.p("sub"))
    os.link(t.p("a"), t.p("sub", "c"))
    eq(os.stat(t.p("b")).st_nlink, 3, "nlink after a link in another dir")
    write_file(t.p("sub", "c"), b"changed")
    eq(read_file(t.p("a")), b"changed", "data written through one name, read through another")
    os.unlink(t.p("a"))
    eq(os.stat(t.p("b")).st_nlink, 2, "nlink after unlink of one name")
    os.unlink(t.p("sub", "c"))
    eq(os.stat(t.p("b")).st_nlink, 1, "nlink after unlink of another")
    eq(read_file(t.p("b")), b"changed", "surviving name")


@check()
def link_errors(t):
    touch(t.p("f"))
    touch(t.p("g"))
    os.mkdir(t.p("d"))
    os.symlink("f", t.p("s"))
    for target in ("g", "d", "s"):
        expect_errno(errno.EEXIST, os.link, t.p("f"), t.p(target), what=f"link over {target}")
    expect_errno(errno.EPERM, os.link, t.p("d"), t.p("d2"), what="link a dir")
    expect_errno(errno.ENOENT, os.link, t.p("missing"), t.p("x"), what="link a missing file")
    expect_errno(errno.ENOENT, os.link, t.p("f"), t.p("nodir", "x"), what="link into a missing dir")
    eq(os.stat(t.p("f")).st_nlink, 1, "nlink after failed links")


@check()
def link_to_symlink_links_the_symlink(t):
    touch(t.p("target"))
    os.symlink("target", t.p("s"))
    os.link(t.p("s"), t.p("s2"), follow_symlinks=False)
    st = os.lstat(t.p("s2"))
    true(stat.S_ISLNK(st.st_mode), "the new name is not a symlink")
    eq(st.st_nlink, 2, "symlink nlink")
    eq(os.readlink(t.p("s2")), "target", "readlink through the second name")
    eq(os.stat(t.p("target")).st_nlink, 1, "target nlink")


# ===========================================================================
# Symbolic links.


@check()
def symlink_basic(t):
    write_file(t.p("file"), b"data")
    os.symlink("file", t.p("rel"))
    os.symlink(t.p("file"), t.p("abs"))
    for name, target in (("rel", "file"), ("abs", t.p("file"))):
        eq(os.readlink(t.p(name)), target, f"readlink {name}")
        st = os.lstat(t.p(name))
        true(stat.S_ISLNK(st.st_mode), f"lstat {name}: not a symlink")
        eq(st.st_size, len(os.fsencode(target)), f"lstat {name} size")
        eq(os.stat(t.p(name)).st_ino, os.stat(t.p("file")).st_ino, f"stat through {name}")
        eq(read_file(t.p(name)), b"data", f"read through {name}")
    os.mkdir(t.p("dir"))
    touch(t.p("dir", "inner"))
    os.symlink("dir", t.p("dirlink"))
    true(os.path.exists(t.p("dirlink", "inner")), "path through a symlink to a dir")


@check()
def symlink_dangling(t):
    os.symlink("target", t.p("l"))
    expect_errno(errno.ENOENT, os.stat, t.p("l"), what="stat a dangling symlink")
    true(stat.S_ISLNK(os.lstat(t.p("l")).st_mode), "lstat a dangling symlink")
    eq(os.readlink(t.p("l")), "target", "readlink")
    fd = os.open(t.p("l"), os.O_WRONLY | os.O_CREAT, 0o600)
    os.write(fd, b"made")
    os.close(fd)
    eq(read_file(t.p("target")), b"made", "O_CREAT through a dangling symlink creates its target")
    true(stat.S_ISLNK(os.lstat(t.p("l")).st_mode), "the symlink is still a symlink")


@check()
def symlink_loops(t):
    os.symlink("b", t.p("a"))
    os.symlink("a", t.p("b"))
    os.symlink("self", t.p("self"))
    expect_errno(errno.ELOOP, os.stat, t.p("a"), what="stat a<->b")
    expect_errno(errno.ELOOP, os.open, t.p("self"), os.O_RDONLY, what="open a self loop")
    expect_errno(errno.ELOOP, os.open, t.p("a", "x"), os.O_WRONLY | os.O_CREAT, 0o644, what="create under a loop")
    touch(t.p("end"))
    previous = "end"
    for i in range(45):
        os.symlink(previous, t.p(f"chain{i}"))
        previous = f"chain{i}"
    expect_ok(os.stat, t.p("chain30"), what="a chain of 31 symlinks")
    expect_errno(errno.ELOOP, os.stat, t.p("chain44"), what="a chain of 45 symlinks")
    os.symlink("end", t.p("to-end"))
    expect_errno(errno.ELOOP, os.open, t.p("to-end"), os.O_RDONLY | os.O_NOFOLLOW, what="O_NOFOLLOW on a symlink")


@check()
def symlink_long_targets(t):
    for length in (1, 255, 1023, 4095):
        target = ("t" * 200 + "/") * (length // 201) + "t" * (length % 201)
        target = target[:length]
        os.symlink(target, t.p(f"l{length}"))
        eq(os.readlink(t.p(f"l{length}")), target, f"readlink of a {length}-byte target")
        eq(os.lstat(t.p(f"l{length}")).st_size, length, f"size of a {length}-byte symlink")
    expect_errno(errno.ENAMETOOLONG, os.symlink, "t" * 4096, t.p("too-long"), what="a 4096-byte target")


@check()
def symlink_errors(t):
    touch(t.p("f"))
    os.symlink("x", t.p("l"))
    expect_errno(errno.EEXIST, os.symlink, "y", t.p("l"), what="symlink over a symlink")
    expect_errno(errno.EEXIST, os.symlink, "y", t.p("f"), what="symlink over a file")
    expect_errno(errno.EINVAL, os.readlink, t.p("f"), what="readlink a file")
    expect_errno(errno.ENOENT, os.readlink, t.p("missing"), what="readlink a missing name")
    expect_errno(errno.ENOENT, os.symlink, "y", t.p("nodir", "l"), what="symlink in a missing dir")


# ===========================================================================
# Special files.


@check()
def special_fifo(t):
    os.mkfifo(t.p("fifo"), 0o640)
    st = os.lstat(t.p("fifo"))
    true(stat.S_ISFIFO(st.st_mode), f"not a fifo: mode {st.st_mode:o}")
    eq_mode(stat.S_IMODE(st.st_mode), 0o640, "mode")
    reader = os.open(t.p("fifo"), os.O_RDONLY | os.O_NONBLOCK)
    writer = os.open(t.p("fifo"), os.O_WRONLY | os.O_NONBLOCK)
    try:
        os.write(writer, b"through the pipe")
        eq(os.read(reader, 100), b"through the pipe", "data through the fifo")
    finally:
        os.close(writer)
        os.close(reader)
    eq(os.lstat(t.p("fifo")).st_size, 0, "fifo size")
    os.mknod(t.p("fifo2"), stat.S_IFIFO | 0o600)
    true(stat.S_ISFIFO(os.lstat(t.p("fifo2")).st_mode), "mknod S_IFIFO")


@check()
def special_unix_socket(t):
    cwd = os.getcwd()
    os.chdir(t.dir)  # sun_path holds 108 bytes: bind a relative name
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind("sock")
        server.listen(1)
        true(stat.S_ISSOCK(os.lstat(t.p("sock")).st_mode), "bind did not create a socket node")
        client.connect("sock")
        conn, _ = server.accept()
        client.sendall(b"ping")
        eq(conn.recv(4), b"ping", "data through the socket")
        conn.close()
    finally:
        client.close()
        server.close()
        os.chdir(cwd)
    os.unlink(t.p("sock"))


@check(root=True, caps=("mknod",))
def special_device_nodes(t):
    os.mknod(t.p("chr"), stat.S_IFCHR | 0o620, os.makedev(1, 3))
    os.mknod(t.p("blk"), stat.S_IFBLK | 0o640, os.makedev(7, 200))
    os.mknod(t.p("big"), stat.S_IFCHR | 0o600, os.makedev(4000, 70000))
    for name, kind, major, minor, mode in (("chr", stat.S_ISCHR, 1, 3, 0o620), ("blk", stat.S_ISBLK, 7, 200, 0o640),
                                           ("big", stat.S_ISCHR, 4000, 70000, 0o600)):
        st = os.lstat(t.p(name))
        true(kind(st.st_mode), f"{name}: wrong type, mode {st.st_mode:o}")
        eq_mode(stat.S_IMODE(st.st_mode), mode, f"{name} mode")
        eq((os.major(st.st_rdev), os.minor(st.st_rdev)), (major, minor), f"{name} rdev")
    eq(os.listdir(t.dir).__len__(), 3, "entries")
    os.chmod(t.dir, 0o777)
    code = as_user(USER_A, lambda: errno_of(os.mknod, t.p("user-chr"), stat.S_IFCHR | 0o600, os.makedev(1, 3)))
    eq(ename(code), "EPERM", "mknod of a device by a non-root user")


# ===========================================================================
# Permissions (root mode: children as other users).

_MATRIX_MODES = (0o000, 0o400, 0o200, 0o040, 0o020, 0o004, 0o002, 0o600, 0o060, 0o006, 0o077, 0o707, 0o770,
                 0o604, 0o640, 0o466, 0o646, 0o664)


def _allowed(ident, uid, gid, mode, want):
    """Linux's generic_permission: one class applies, owner before group before other."""
    if ident.uid == uid:
        bits = (mode >> 6) & 7
    elif ident.member_of(gid):
        bits = (mode >> 3) & 7
    else:
        bits = mode & 7
    return bits & want == want


def _matrix(t, gid, idents):
    for mode in _MATRIX_MODES:
        t.mk(f"m{mode:03o}", USER_A.uid, gid, mode, data=b"x")

    def probe():
        out = {}
        for mode in _MATRIX_MODES:
            path = t.p(f"m{mode:03o}")
            out[(mode, "r")] = errno_of(os.open, path, os.O_RDONLY)
            out[(mode, "w")] = errno_of(os.open, path, os.O_WRONLY)
        return out

    problems = []
    for ident in idents:
        got = as_user(ident, probe)
        for mode in _MATRIX_MODES:
            for op, want in (("r", 4), ("w", 2)):
                expected = 0 if _allowed(ident, USER_A.uid, gid, mode, want) else errno.EACCES
                if got[(mode, op)] != expected:
                    problems.append(f"{ident.name} {op} {mode:03o}: {ename(got[(mode, op)])} (want {ename(expected)})")
    true(not problems, f"{len(problems)} wrong: " + "; ".join(problems[:6]))


@check(root=True)
def perm_owner_group_other_classes(t):
    # A owns the files, whose group is C's primary gid (= C's uid, so even a server that only learns the uid
    # knows C is a member); B is other.
    _matrix(t, USER_C.gid, (USER_A, USER_C, USER_B))


@check(root=True, caps=("groups",))
def perm_group_class_from_gid_and_supplementary_groups(t):
    # D is in the files' group by a primary gid that differs from its uid, B only by a supplementary group.
    _matrix(t, SHARED_GID, (USER_D, USER_B))


@check(root=True)
def perm_search_on_path_components(t):
    for name, mode in (("private", 0o700), ("xonly", 0o711), ("ronly", 0o744), ("open", 0o755)):
        t.mk(name, USER_A.uid, USER_A.gid, mode, kind="d")
        t.mk(os.path.join(name, "f"), USER_A.uid, USER_A.gid, 0o644, data=b"f")
    t.mk("a", USER_A.uid, USER_A.gid, 0o755, kind="d")
    t.mk("a/b", USER_A.uid, USER_A.gid, 0o700, kind="d")
    t.mk("a/b/c", USER_A.uid, USER_A.gid, 0o755, kind="d")
    t.mk("a/b/c/f", USER_A.uid, USER_A.gid, 0o644, data=b"f")

    def probe():
        return {
            "stat private/f": errno_of(os.stat, t.p("private", "f")),
            "open private/f": errno_of(os.open, t.p("private", "f"), os.O_RDONLY),
            "listdir private": errno_of(os.listdir, t.p("private")),
            "stat xonly/f": errno_of(os.stat, t.p("xonly", "f")),
            "open xonly/f": errno_of(os.open, t.p("xonly", "f"), os.O_RDONLY),
            "listdir xonly": errno_of(os.listdir, t.p("xonly")),
            "create in xonly": errno_of(os.open, t.p("xonly", "new"), os.O_WRONLY | os.O_CREAT, 0o644),
            "listdir ronly": errno_of(os.listdir, t.p("ronly")),
            "stat ronly/f": errno_of(os.stat, t.p("ronly", "f")),
            "stat open/f": errno_of(os.stat, t.p("open", "f")),
            "stat a/b/c/f": errno_of(os.stat, t.p("a", "b", "c", "f")),
            "mkdir a/b/c/new": errno_of(os.mkdir, t.p("a", "b", "c", "new")),
        }

    expected_other = {
        "stat private/f": errno.EACCES, "open private/f": errno.EACCES, "listdir private": errno.EACCES,
        "stat xonly/f": 0, "open xonly/f": 0, "listdir xonly": errno.EACCES, "create in xonly": errno.EACCES,
        "listdir ronly": 0, "stat ronly/f": errno.EACCES, "stat open/f": 0,
        "stat a/b/c/f": errno.EACCES, "mkdir a/b/c/new": errno.EACCES,
    }
    got = as_user(USER_C, probe)
    wrong = [f"{k}: {ename(got[k])} (want {ename(v)})" for k, v in expected_other.items() if got[k] != v]
    true(not wrong, "as other: " + "; ".join(wrong))
    got = as_user(USER_A, probe)
    wrong = [f"{k}: {ename(v)}" for k, v in got.items() if v not in (0,) and k != "create in xonly"]
    true(not wrong, "as owner: " + "; ".join(wrong))


@check(root=True)
def perm_dir_write_needed_for_entries(t):
    t.mk("closed", USER_A.uid, USER_A.gid, 0o755, kind="d")
    t.mk("closed/f", USER_A.uid, USER_A.gid, 0o666, data=b"x")
    t.mk("open", USER_A.uid, USER_A.gid, 0o777, kind="d")
    t.mk("open/f", USER_A.uid, USER_A.gid, 0o644, data=b"x")

    def probe():
        return {
            "create": errno_of(os.open, t.p("closed", "new"), os.O_WRONLY | os.O_CREAT, 0o644),
            "mkdir": errno_of(os.mkdir, t.p("closed", "newdir")),
            "unlink": errno_of(os.unlink, t.p("closed", "f")),
            "rename": errno_of(os.rename, t.p("closed", "f"), t.p("closed", "g")),
            "symlink": errno_of(os.symlink, "x", t.p("closed", "l")),
            "write existing": errno_of(os.open, t.p("closed", "f"), os.O_WRONLY),
            "open create": errno_of(os.open, t.p("open", "new"), os.O_WRONLY | os.O_CREAT, 0o644),
            "open unlink others' file": errno_of(os.unlink, t.p("open", "f")),
        }

    got = as_user(USER_C, probe)
    expected = {"create": errno.EACCES, "mkdir": errno.EACCES, "unlink": errno.EACCES, "rename": errno.EACCES,
                "symlink": errno.EACCES, "write existing": 0, "open create": 0, "open unlink others' file": 0}
    wrong = [f"{k}: {ename(got[k])} (want {ename(v)})" for k, v in expected.items() if got[k] != v]
    true(not wrong, "; ".join(wrong))
    eq(os.stat(t.p("open", "new")).st_uid, USER_C.uid, "owner of a file C created")


@check(root=True)
def perm_root_bypass(t):
    t.mk("f", USER_A.uid, USER_A.gid, 0o000, data=b"secret")
    t.mk("d", USER_A.uid, USER_A.gid, 0o000, kind="d")
    t.mk("ro", USER_A.uid, USER_A.gid, 0o555, kind="d")
    eq(read_file(t.p("f")), b"secret", "root reads a mode-000 file")
    fd = os.open(t.p("f"), os.O_WRONLY | os.O_APPEND)
    os.write(fd, b"!")
    os.close(fd)
    touch(t.p("d", "inside"))
    eq(os.listdir(t.p("d")), ["inside"], "root lists and creates in a mode-000 dir")
    touch(t.p("ro", "x"))
    os.unlink(t.p("ro", "x"))
    t.mk("noexec", USER_A.uid, USER_A.gid, 0o644)
    t.mk("someexec", USER_A.uid, USER_A.gid, 0o001)
    true(not os.access(t.p("noexec"), os.X_OK), "root may execute a file with no x bit at all")
    true(os.access(t.p("someexec"), os.X_OK), "root may not execute a file with an x bit")
    code = as_user(USER_A, lambda: errno_of(os.open, t.p("f"), os.O_RDONLY))
    eq(ename(code), "EACCES", "the owner reading its mode-000 file")


@check(root=True)
def perm_chmod_rules(t):
    t.mk("f", USER_A.uid, USER_A.gid, 0o644)
    t.mk("g", USER_A.uid, SHARED_GID, 0o755)
    code = as_user(USER_C, lambda: errno_of(os.chmod, t.p("f"), 0o777))
    eq(ename(code), "EPERM", "chmod by a non-owner")
    eq_mode(stat.S_IMODE(os.stat(t.p("f")).st_mode), 0o644, "mode after a refused chmod")
    as_user(USER_A, lambda: os.chmod(t.p("f"), 0o4750))
    eq_mode(stat.S_IMODE(os.stat(t.p("f")).st_mode), 0o4750, "owner chmod with setuid")
    # The owner is not in the file's group: setting S_ISGID is silently dropped.
    as_user(USER_A, lambda: os.chmod(t.p("g"), 0o2755))
    eq_mode(stat.S_IMODE(os.stat(t.p("g")).st_mode), 0o755, "S_ISGID set by an owner outside the group")
    os.chmod(t.p("g"), 0o2755)
    eq_mode(stat.S_IMODE(os.stat(t.p("g")).st_mode), 0o2755, "S_ISGID set by root")
    os.chmod(t.p("f"), 0o7777)
    eq_mode(stat.S_IMODE(os.stat(t.p("f")).st_mode), 0o7777, "root chmod of another's file")


@check(root=True)
def perm_chown_rules(t):
    t.mk("f", USER_A.uid, USER_A.gid, 0o644)
    results = as_user(USER_A, lambda: {
        "give away": errno_of(os.chown, t.p("f"), USER_C.uid, -1),
        "foreign group": errno_of(os.chown, t.p("f"), -1, SHARED_GID),
        "own group": errno_of(os.chown, t.p("f"), -1, USER_A.gid),
        "no change": errno_of(os.chown, t.p("f"), USER_A.uid, USER_A.gid),
    })
    expected = {"give away": errno.EPERM, "foreign group": errno.EPERM, "own group": 0, "no change": 0}
    wrong = [f"{k}: {ename(results[k])} (want {ename(v)})" for k, v in expected.items() if results[k] != v]
    true(not wrong, "as owner: " + "; ".join(wrong))
    eq(ename(as_user(USER_C, lambda: errno_of(os.chown, t.p("f"), -1, USER_C.gid))), "EPERM", "chgrp by a non-owner")
    os.chown(t.p("f"), USER_C.uid, SHARED_GID)
    st = os.stat(t.p("f"))
    eq((st.st_uid, st.st_gid), (USER_C.uid, SHARED_GID), "owner after root's chown")
    os.symlink("f", t.p("l"))
    os.lchown(t.p("l"), USER_B.uid, USER_B.gid)
    eq((os.lstat(t.p("l")).st_uid, os.lstat(t.p("l")).st_gid), (USER_B.uid, USER_B.gid), "lchown of a symlink")
    eq(os.stat(t.p("f")).st_uid, USER_C.uid, "lchown left the target alone")


@check(root=True, caps=("groups",))
def perm_chown_to_member_groups(t):
    t.mk("b", USER_B.uid, USER_B.gid, 0o644)
    t.mk("d", USER_D.uid, USER_D.uid, 0o644)
    eq(ename(as_user(USER_B, lambda: errno_of(os.chown, t.p("b"), -1, SHARED_GID))), "success",
       "owner chgrp to a supplementary group")
    eq(ename(as_user(USER_D, lambda: errno_of(os.chown, t.p("d"), -1, SHARED_GID))), "success",
       "owner chgrp to its primary group (not its uid)")
    eq((os.stat(t.p("b")).st_gid, os.stat(t.p("d")).st_gid), (SHARED_GID, SHARED_GID), "groups after chgrp")


@check(root=True)
def perm_chown_clears_setuid_setgid(t):
    t.mk("suid", USER_A.uid, USER_A.gid, 0o4755)
    t.mk("sgid", USER_A.uid, USER_A.gid, 0o2755)
    t.mk("both", USER_A.uid, USER_A.gid, 0o6755)
    t.mk("dir", USER_A.uid, USER_A.gid, 0o2755, kind="d")
    os.chown(t.p("suid"), USER_C.uid, -1)
    os.chown(t.p("sgid"), -1, SHARED_GID)
    as_user(USER_A, lambda: os.chown(t.p("both"), -1, USER_A.gid))
    os.chown(t.p("dir"), USER_C.uid, SHARED_GID)
    eq_mode(stat.S_IMODE(os.stat(t.p("suid")).st_mode), 0o755, "setuid file after root's chown")
    eq_mode(stat.S_IMODE(os.stat(t.p("sgid")).st_mode), 0o755, "setgid file after root's chgrp")
    eq_mode(stat.S_IMODE(os.stat(t.p("both")).st_mode), 0o755, "setuid+setgid file after the owner's chgrp")
    eq_mode(stat.S_IMODE(os.stat(t.p("dir")).st_mode), 0o2755, "setgid dir after chown (kept)")


@check(root=True)
def perm_write_by_non_owner_clears_setuid(t):
    t.mk("suid", USER_A.uid, USER_A.gid, 0o4777, data=b"x")
    t.mk("sgid", USER_A.uid, USER_A.gid, 0o2777, data=b"x")
    t.mk("rootwrite", USER_A.uid, USER_A.gid, 0o4777, data=b"x")

    def write_them():
        for name in ("suid", "sgid"):
            fd = os.open(t.p(name), os.O_WRONLY)
            os.pwrite(fd, b"y", 0)
            os.close(fd)

    as_user(USER_C, write_them)
    eq_mode(stat.S_IMODE(os.stat(t.p("suid")).st_mode), 0o777, "setuid file after a write by another user")
    eq_mode(stat.S_IMODE(os.stat(t.p("sgid")).st_mode), 0o777, "setgid (g+x) file after a write by another user")
    fd = os.open(t.p("rootwrite"), os.O_WRONLY)
    os.pwrite(fd, b"y", 0)
    os.close(fd)
    eq_mode(stat.S_IMODE(os.stat(t.p("rootwrite")).st_mode), 0o4777, "setuid file after a write by root (kept)")


@check(root=True)
def perm_truncate_by_non_owner_clears_setuid(t):
    t.mk("f", USER_A.uid, USER_A.gid, 0o6777, data=b"xyz")
    as_user(USER_C, lambda: os.truncate(t.p("f"), 1))
    eq_mode(stat.S_IMODE(os.stat(t.p("f")).st_mode), 0o777, "setuid+setgid file after truncate by another user")
    eq(os.stat(t.p("f")).st_size, 1, "size")


@check(root=True)
def perm_sticky_dir(t):
    t.mk("tmp", 0, 0, 0o1777, kind="d")
    t.mk("owned", USER_A.uid, USER_A.gid, 0o1777, kind="d")
    as_user(USER_A, lambda: (touch(t.p("tmp", "fa")), os.mkdir(t.p("tmp", "da"))))
    as_user(USER_B, lambda: touch(t.p("tmp", "fb")))
    as_user(USER_C, lambda: touch(t.p("owned", "fc")))
    got = as_user(USER_B, lambda: {
        "unlink A's file": errno_of(os.unlink, t.p("tmp", "fa")),
        "rename A's file": errno_of(os.rename, t.p("tmp", "fa"), t.p("tmp", "moved")),
        "rename over A's file": errno_of(os.rename, t.p("tmp", "fb"), t.p("tmp", "fa")),
        "rmdir A's dir": errno_of(os.rmdir, t.p("tmp", "da")),
        "unlink own file": errno_of(os.unlink, t.p("tmp", "fb")),
    })
    denied = (errno.EPERM, errno.EACCES)  # Linux says EPERM; POSIX allows either
    expected = {"unlink A's file": denied, "rename A's file": denied, "rename over A's file": denied,
                "rmdir A's dir": denied, "unlink own file": (0,)}
    wrong = [f"{k}: {ename(got[k])}" for k, allowed in expected.items() if got[k] not in allowed]
    true(not wrong, "as B in a sticky dir: " + "; ".join(wrong))
    true(os.path.exists(t.p("tmp", "fa")) and os.path.isdir(t.p("tmp", "da")), "a refused removal removed it")
    eq(ename(as_user(USER_A, lambda: errno_of(os.unlink, t.p("owned", "fc")))), "success",
       "the sticky dir's owner removes another user's file")
    os.unlink(t.p("tmp", "fa"))
    os.rmdir(t.p("tmp", "da"))


@check(root=True)
def perm_setgid_dir_inheritance(t):
    t.mk("sg", 0, SHARED_GID, 0o2777, kind="d")
    t.mk("plain", 0, SHARED_GID, 0o777, kind="d")

    def create():
        touch(t.p("sg", "f"))
        os.mkdir(t.p("sg", "sub"), 0o755)
        os.mkdir(t.p("sg", "sub", "subsub"), 0o700)
        touch(t.p("plain", "f"))
        os.mkdir(t.p("plain", "sub"), 0o755)

    as_user(USER_A, create)
    eq(os.stat(t.p("sg", "f")).st_gid, SHARED_GID, "group of a file in a setgid dir")
    st = os.stat(t.p("sg", "sub"))
    eq(st.st_gid, SHARED_GID, "group of a subdir in a setgid dir")
    eq_mode(stat.S_IMODE(st.st_mode), 0o2755, "mode of a subdir in a setgid dir (inherits S_ISGID)")
    st = os.stat(t.p("sg", "sub", "subsub"))
    eq((st.st_gid, stat.S_IMODE(st.st_mode)), (SHARED_GID, 0o2700), "group and mode two levels down")
    eq(os.stat(t.p("plain", "f")).st_gid, USER_A.gid, "group of a file in a plain dir")
    eq_mode(stat.S_IMODE(os.stat(t.p("plain", "sub")).st_mode), 0o755, "mode of a subdir in a plain dir")


@check(root=True)
def perm_utimes_rules(t):
    t.mk("shared", USER_A.uid, USER_A.gid, 0o666)
    t.mk("private", USER_A.uid, USER_A.gid, 0o644)
    got = as_user(USER_C, lambda: {
        "now on writable": errno_of(os.utime, t.p("shared")),
        "explicit on writable": errno_of(os.utime, t.p("shared"), ns=(10**18, 10**18)),
        "now on read-only": errno_of(os.utime, t.p("private")),
    })
    expected = {"now on writable": 0, "explicit on writable": errno.EPERM, "now on read-only": errno.EACCES}
    wrong = [f"{k}: {ename(got[k])} (want {ename(v)})" for k, v in expected.items() if got[k] != v]
    true(not wrong, "as non-owner: " + "; ".join(wrong))
    eq(ename(as_user(USER_A, lambda: errno_of(os.utime, t.p("private"), ns=(10**18, 10**18)))), "success",
       "owner sets explicit times")
    os.utime(t.p("private"), ns=(2 * 10**18, 2 * 10**18))
    eq(os.stat(t.p("private")).st_mtime_ns, 2 * 10**18, "root sets explicit times")


@check(root=True)
def perm_truncate_needs_write(t):
    t.mk("ro", USER_A.uid, USER_A.gid, 0o644, data=b"abc")
    t.mk("rw", USER_A.uid, USER_A.gid, 0o666, data=b"abc")
    got = as_user(USER_C, lambda: (errno_of(os.truncate, t.p("ro"), 1), errno_of(os.truncate, t.p("rw"), 1)))
    eq((ename(got[0]), ename(got[1])), ("EACCES", "success"), "truncate by other of 644 and 666 files")
    eq(os.stat(t.p("ro")).st_size, 3, "size after a refused truncate")


@check(root=True)
def perm_moving_dir_needs_write_on_it(t):
    t.mk("p1", USER_A.uid, USER_A.gid, 0o777, kind="d")
    t.mk("p2", USER_A.uid, USER_A.gid, 0o777, kind="d")
    t.mk("p1/rootdir", 0, 0, 0o755, kind="d")
    code = as_user(USER_A, lambda: errno_of(os.rename, t.p("p1", "rootdir"), t.p("p2", "rootdir")))
    eq(ename(code), "EACCES", "moving another user's read-only dir to a new parent")
    code = as_user(USER_A, lambda: errno_of(os.rename, t.p("p1", "rootdir"), t.p("p1", "renamed")))
    eq(ename(code), "success", "renaming it within the same parent")


# ===========================================================================
# Unprivileged semantics (run as the invoking user, or as USER_A under root).


@check(user=True)
def user_mode_zero_own_file(t):
    write_file(t.p("f"), b"mine")
    os.chmod(t.p("f"), 0)
    expect_errno(errno.EACCES, os.open, t.p("f"), os.O_RDONLY, what="read own mode-000 file")
    expect_errno(errno.EACCES, os.open, t.p("f"), os.O_WRONLY, what="write own mode-000 file")
    os.chmod(t.p("f"), 0o400)
    eq(read_file(t.p("f")), b"mine", "after chmod 400")
    expect_errno(errno.EACCES, os.open, t.p("f"), os.O_WRONLY, what="write own mode-400 file")
    os.chmod(t.p("f"), 0o200)
    expect_errno(errno.EACCES, os.open, t.p("f"), os.O_RDONLY, what="read own mode-200 file")
    expect_ok(os.open, t.p("f"), os.O_WRONLY, what="write own mode-200 file")


@check(user=True)
def user_own_dir_without_write_or_search(t):
    os.mkdir(t.p("d"))
    touch(t.p("d", "f"))
    os.chmod(t.p("d"), 0o555)
    expect_errno(errno.EACCES, os.open, t.p("d", "g"), os.O_WRONLY | os.O_CREAT, 0o644, what="create in own 555 dir")
    expect_errno(errno.EACCES, os.unlink, t.p("d", "f"), what="unlink in own 555 dir")
    os.chmod(t.p("d"), 0o600)
    expect_errno(errno.EACCES, os.stat, t.p("d", "f"), what="stat through own 600 dir")
    eq(os.listdir(t.p("d")), ["f"], "listing own 600 dir")
    os.chmod(t.p("d"), 0o700)
    os.unlink(t.p("d", "f"))


@check(user=True)
def user_chown_and_mknod_refused(t):
    touch(t.p("f"))
    uid = os.geteuid()
    other = USER_C.uid if uid != USER_C.uid else USER_B.uid
    expect_errno(errno.EPERM, os.chown, t.p("f"), other, -1, what="give a file away")
    expect_ok(os.chown, t.p("f"), -1, -1, what="chown -1 -1")
    expect_ok(os.chown, t.p("f"), uid, os.getegid(), what="chown to self")
    expect_errno(errno.EPERM, os.mknod, t.p("dev"), stat.S_IFCHR | 0o600, os.makedev(1, 3), what="mknod a device")


# ===========================================================================
# Rename.


@check()
def rename_file_basic(t):
    write_file(t.p("a"), b"payload")
    ino = os.stat(t.p("a")).st_ino
    os.rename(t.p("a"), t.p("b"))
    expect_errno(errno.ENOENT, os.stat, t.p("a"), what="old name after rename")
    st = os.stat(t.p("b"))
    eq((st.st_ino, st.st_nlink), (ino, 1), "inode and nlink under the new name")
    eq(read_file(t.p("b")), b"payload", "content")
    os.rename(t.p("b"), t.p("b"))
    eq(read_file(t.p("b")), b"payload", "rename onto itself")
    eq(os.listdir(t.dir), ["b"], "listing")


@check()
def rename_replaces_atomically(t):
    write_file(t.p("new"), b"new content")
    write_file(t.p("old"), b"old content")
    new_ino = os.stat(t.p("new")).st_ino
    fd = os.open(t.p("old"), os.O_RDONLY)
    try:
        os.rename(t.p("new"), t.p("old"))
        eq(os.stat(t.p("old")).st_ino, new_ino, "inode at the target")
        eq(read_file(t.p("old")), b"new content", "content at the target")
        eq(os.fstat(fd).st_nlink, 0, "nlink of the replaced file, still open")
        eq(os.pread(fd, 100, 0), b"old content", "the replaced file stays readable while open")
    finally:
        os.close(fd)
    eq(sorted(os.listdir(t.dir)), ["old"], "listing")


@check()
def rename_dirs(t):
    parent_links = os.stat(t.dir).st_nlink
    os.mkdir(t.p("src"))
    touch(t.p("src", "inside"))
    os.mkdir(t.p("empty"))
    os.rename(t.p("src"), t.p("empty"))
    eq(os.listdir(t.p("empty")), ["inside"], "dir renamed over an empty dir")
    eq(os.stat(t.dir).st_nlink, parent_links + 1, "parent nlink after replacing a dir")
    os.mkdir(t.p("full"))
    touch(t.p("full", "x"))
    os.mkdir(t.p("other"))
    expect_errno((errno.ENOTEMPTY, errno.EEXIST), os.rename, t.p("other"), t.p("full"), what="dir over a non-empty dir")
    touch(t.p("file"))
    expect_errno(errno.ENOTDIR, os.rename, t.p("other"), t.p("file"), what="dir over a file")
    expect_errno(errno.EISDIR, os.rename, t.p("file"), t.p("other"), what="file over a dir")
    os.mkdir(t.p("other", "sub"))
    expect_errno(errno.EINVAL, os.rename, t.p("other"), t.p("other", "sub", "x"), what="dir into its own subtree")
    expect_errno(errno.EINVAL, os.rename, t.p("other"), t.p("other", "x"), what="dir into itself")
    expect_errno(errno.ENOENT, os.rename, t.p("missing"), t.p("x"), what="missing source")
    expect_errno(errno.ENOENT, os.rename, t.p("file"), t.p("nodir", "x"), what="target in a missing dir")
    expect_errno(errno.ENOTDIR, os.rename, t.p("file"), t.p("file", "x"), what="target under a file")
    true(os.path.isfile(t.p("file")) and os.path.isdir(t.p("other", "sub")), "a failed rename changed the tree")


@check()
def rename_across_dirs(t):
    os.mkdir(t.p("p1"))
    os.mkdir(t.p("p2"))
    os.mkdir(t.p("p1", "d"))
    write_file(t.p("p1", "d", "f"), b"moved along")
    write_file(t.p("p1", "file"), b"file")
    os.rename(t.p("p1", "file"), t.p("p2", "renamed"))
    eq(read_file(t.p("p2", "renamed")), b"file", "file moved across dirs (never EXDEV)")
    os.rename(t.p("p1", "d"), t.p("p2", "d"))
    eq(os.stat(t.p("p1")).st_nlink, 2, "old parent nlink")
    eq(os.stat(t.p("p2")).st_nlink, 3, "new parent nlink")
    eq(os.stat(t.p("p2", "d", "..")).st_ino, os.stat(t.p("p2")).st_ino, "moved dir's .. is the new parent")
    eq(read_file(t.p("p2", "d", "f")), b"moved along", "content under the moved dir")
    eq(os.listdir(t.p("p1")), [], "old parent empty")


@check()
def rename_hard_links_to_same_inode_is_noop(t):
    touch(t.p("a"))
    os.link(t.p("a"), t.p("b"))
    os.rename(t.p("a"), t.p("b"))
    true(os.path.exists(t.p("a")) and os.path.exists(t.p("b")), "rename between links of one inode removed a name")
    eq(os.stat(t.p("b")).st_nlink, 2, "nlink")


@check()
def rename_symlink_keeps_target(t):
    os.symlink("some/where", t.p("l"))
    os.mkdir(t.p("d"))
    os.rename(t.p("l"), t.p("d", "l2"))
    eq(os.readlink(t.p("d", "l2")), "some/where", "target after rename")


@check()
def rename_many_in_one_dir(t):
    for i in range(300):
        touch(t.p(f"before-{i}"))
    for i in range(300):
        os.rename(t.p(f"before-{i}"), t.p(f"after-{i}"))
    names = os.listdir(t.dir)
    eq(len(names), 300, "entry count")
    eq(sorted(names), sorted(f"after-{i}" for i in range(300)), "names")


@check(caps=("renameat2",))
def rename_noreplace_and_exchange(t):
    write_file(t.p("a"), b"A")
    write_file(t.p("b"), b"B")
    os.mkdir(t.p("d"))
    expect_errno(errno.EEXIST, renameat2, t.p("a"), t.p("b"), RENAME_NOREPLACE, what="RENAME_NOREPLACE onto a file")
    renameat2(t.p("a"), t.p("c"), RENAME_NOREPLACE)
    renameat2(t.p("c"), t.p("b"), RENAME_EXCHANGE)
    eq((read_file(t.p("b")), read_file(t.p("c"))), (b"A", b"B"), "contents after RENAME_EXCHANGE")
    renameat2(t.p("c"), t.p("d"), RENAME_EXCHANGE)
    true(os.path.isdir(t.p("c")) and os.path.isfile(t.p("d")), "file and dir after RENAME_EXCHANGE")
    expect_errno(errno.ENOENT, renameat2, t.p("b"), t.p("missing"), RENAME_EXCHANGE, what="exchange with nothing")


# ===========================================================================
# Timestamps.

OLD_NS = 1_000_000_000 * 10**9  # 2001-09-09, whole seconds: precision is time_utime_nanoseconds' business


def _times(path):
    st = os.lstat(path)
    return st.st_atime_ns, st.st_mtime_ns, st.st_ctime_ns


def _age(path, atime=OLD_NS, mtime=OLD_NS):
    """Sets old atime/mtime and returns (atime, mtime, ctime) as the filesystem stored them."""
    os.utime(path, ns=(atime, mtime), follow_symlinks=False)
    stored = _times(path)
    true(abs(stored[1] - mtime) < 10**9, f"utime to mtime {mtime} ns stored {stored[1]}")
    return stored


@check()
def time_utime_exact_seconds(t):
    touch(t.p("f"))
    os.mkdir(t.p("d"))
    os.symlink("f", t.p("l"))
    second = 10**9
    for name, (atime, mtime) in (("f", (1_111_111_111 * second, 1_222_222_222 * second)), ("d", (OLD_NS, OLD_NS + second)),
                                 ("f", (0, second))):
        os.utime(t.p(name), ns=(atime, mtime))
        eq(_times(t.p(name))[:2], (atime, mtime), f"atime/mtime of {name} set to {atime}/{mtime} ns")
    os.utime(t.p("l"), ns=(OLD_NS, OLD_NS + 9 * second), follow_symlinks=False)
    eq(_times(t.p("l"))[1], OLD_NS + 9 * second, "mtime of a symlink (lutimes)")
    eq(_times(t.p("f"))[1], second, "mtime of the symlink's target after lutimes")


@check(caps=("ts-nanoseconds",))
def time_utime_nanoseconds(t):
    touch(t.p("f"))
    os.mkdir(t.p("d"))
    for name, (atime, mtime) in (("f", (1_111_111_111_000_000_001, 1_222_222_222_999_999_999)),
                                 ("d", (1_000_000_000_123_456_789, 1_000_000_000_123_456_796))):
        os.utime(t.p(name), ns=(atime, mtime))
        eq(_times(t.p(name))[:2], (atime, mtime), f"atime/mtime of {name} set to {atime}/{mtime} ns")


@check()
def time_server_stamps_carry_subseconds(t):
    # Times the filesystem takes itself (create, write) are not rounded to seconds: of ten new files,
    # at least one has a non-zero sub-second part in each of atime, mtime and ctime.
    fractions = set()
    for i in range(10):
        write_file(t.p(f"f{i}"), b"x")
        fractions.update((which, v % 10**9 != 0) for which, v in zip("amc", _times(t.p(f"f{i}"))))
    missing = [which for which in "amc" if (which, True) not in fractions]
    true(not missing, f"{', '.join(w + 'time' for w in missing)} of ten new files were all whole seconds")


@check(caps=("ts64",))
def time_after_2038(t):
    touch(t.p("f"))
    late = 7_258_118_400 * 10**9  # 2200-01-01
    os.utime(t.p("f"), ns=(late, late))
    eq(_times(t.p("f"))[:2], (late, late), "times in 2200")


@check()
def time_utime_now_and_omit(t):
    touch(t.p("f"))
    _age(t.p("f"))
    os.utime(t.p("f"))
    now = time.time_ns()
    a, m, _ = _times(t.p("f"))
    for what, value in (("atime", a), ("mtime", m)):
        true(abs(value - now) < 30 * 10**9, f"{what} after utime(NOW) is {(value - now) / 1e9:.1f}s from now")
    utimensat(t.p("f"), UTIME_OMIT, (1_500_000_000, 0))
    a2, m2, _ = _times(t.p("f"))
    eq((a2, m2), (a, 1_500_000_000 * 10**9), "UTIME_OMIT atime, explicit mtime")
    utimensat(t.p("f"), (1_400_000_000, 0), UTIME_OMIT)
    eq(_times(t.p("f"))[:2], (1_400_000_000 * 10**9, 1_500_000_000 * 10**9), "explicit atime, UTIME_OMIT mtime")
    utimensat(t.p("f"), UTIME_NOW, UTIME_OMIT)
    a3, m3, _ = _times(t.p("f"))
    true(abs(a3 - time.time_ns()) < 30 * 10**9 and m3 == 1_500_000_000 * 10**9, "UTIME_NOW atime, UTIME_OMIT mtime")


@check()
def time_create_and_parent(t):
    _, m0, c0 = _age(t.dir)
    t.tick()
    before = time.time_ns()
    touch(t.p("f"))
    a, m, c = _times(t.p("f"))
    for what, value in (("atime", a), ("mtime", m), ("ctime", c)):
        true(abs(value - before) < 30 * 10**9, f"new file {what} is {(value - before) / 1e9:.1f}s from now")
    _, pm, pc = _times(t.dir)
    true(pm > m0, "parent mtime did not change on create")
    true(pc > c0, "parent ctime did not change on create")


@check()
def time_write_updates_mtime_ctime(t):
    write_file(t.p("f"), b"abc")
    a0, m0, c0 = _age(t.p("f"))
    t.tick()
    fd = os.open(t.p("f"), os.O_WRONLY)
    os.pwrite(fd, b"d", 3)
    os.close(fd)
    a, m, c = _times(t.p("f"))
    true(m > m0, "mtime did not change on write")
    true(c > c0, "ctime did not change on write")
    eq(a, a0, "atime after a write")


@check()
def time_read_changes_no_mtime_ctime(t):
    write_file(t.p("f"), b"abc")
    _, m0, c0 = _age(t.p("f"), atime=OLD_NS + 10**12)
    t.tick()
    read_file(t.p("f"))
    os.listdir(t.dir)
    _, m, c = _times(t.p("f"))
    eq((m, c), (m0, c0), "mtime/ctime after a read")


@check(caps=("atime",))
def time_atime_relatime(t):
    write_file(t.p("f"), b"abc")
    a0, m0, _ = _age(t.p("f"), mtime=OLD_NS + 10**12)  # atime older than mtime: the next read must update it
    t.tick()
    read_file(t.p("f"))
    a, m, _ = _times(t.p("f"))
    true(a > a0, "atime did not change on a read with atime < mtime")
    eq(m, m0, "mtime after a read")


@check()
def time_truncate_updates_mtime_ctime(t):
    write_file(t.p("f"), b"abcdef")
    for how in ("truncate", "ftruncate", "O_TRUNC"):
        _, m0, c0 = _age(t.p("f"))
        t.tick()
        if how == "truncate":
            os.truncate(t.p("f"), 2)
        elif how == "ftruncate":
            fd = os.open(t.p("f"), os.O_WRONLY)
            os.ftruncate(fd, 10)
            os.close(fd)
        else:
            os.close(os.open(t.p("f"), os.O_WRONLY | os.O_TRUNC))
        _, m, c = _times(t.p("f"))
        true(m > m0, f"mtime did not change on {how}")
        true(c > c0, f"ctime did not change on {how}")


@check()
def time_chmod_changes_ctime_only(t):
    touch(t.p("f"))
    a0, m0, c0 = _age(t.p("f"))
    t.tick()
    os.chmod(t.p("f"), 0o600)
    a, m, c = _times(t.p("f"))
    true(c > c0, "ctime did not change on chmod")
    eq((a, m), (a0, m0), "atime/mtime after chmod")


@check(root=True)
def time_chown_changes_ctime_only(t):
    touch(t.p("f"))
    a0, m0, c0 = _age(t.p("f"))
    t.tick()
    os.chown(t.p("f"), USER_A.uid, USER_A.gid)
    a, m, c = _times(t.p("f"))
    true(c > c0, "ctime did not change on chown")
    eq((a, m), (a0, m0), "atime/mtime after chown")


@check()
def time_link_and_unlink(t):
    touch(t.p("f"))
    _, fm0, fc0 = _age(t.p("f"))
    _, dm0, dc0 = _age(t.dir)
    t.tick()
    os.link(t.p("f"), t.p("g"))
    _, fm, fc = _times(t.p("f"))
    _, dm, dc = _times(t.dir)
    true(fc > fc0, "file ctime did not change on link")
    eq(fm, fm0, "file mtime after link")
    true(dm > dm0 and dc > dc0, "dir mtime/ctime did not change on link")
    _, dm0, dc0 = _age(t.dir)
    fc0 = fc
    t.tick()
    os.unlink(t.p("g"))
    _, fm, fc = _times(t.p("f"))
    _, dm, dc = _times(t.dir)
    true(fc > fc0, "ctime of the remaining name did not change on unlink")
    true(dm > dm0 and dc > dc0, "dir mtime/ctime did not change on unlink")


@check()
def time_rename_updates_dirs_and_ctime(t):
    os.mkdir(t.p("p1"))
    os.mkdir(t.p("p2"))
    touch(t.p("p1", "f"))
    before = {name: _age(t.p(name)) for name in ("p1", "p2", "p1/f")}
    t.tick()
    os.rename(t.p("p1", "f"), t.p("p2", "g"))
    for name in ("p1", "p2"):
        _, m, c = _times(t.p(name))
        true(m > before[name][1] and c > before[name][2], f"{name} mtime/ctime did not change on rename")
    _, m, c = _times(t.p("p2", "g"))
    true(c > before["p1/f"][2], "ctime of the renamed file did not change")
    eq(m, before["p1/f"][1], "mtime of the renamed file")


@check()
def time_dir_entry_changes(t):
    touch(t.p("victim"))
    os.mkdir(t.p("victimdir"))
    operations = (
        ("mkdir", lambda: os.mkdir(t.p("d"))),
        ("rmdir", lambda: os.rmdir(t.p("victimdir"))),
        ("symlink", lambda: os.symlink("x", t.p("l"))),
        ("mkfifo", lambda: os.mkfifo(t.p("fifo"))),
        ("create", lambda: touch(t.p("new"))),
        ("unlink", lambda: os.unlink(t.p("victim"))),
        ("rename within", lambda: os.rename(t.p("new"), t.p("new2"))),
    )
    for what, op in operations:
        _, m0, c0 = _age(t.dir)
        t.tick()
        op()
        _, m, c = _times(t.dir)
        true(m > m0, f"dir mtime did not change on {what}")
        true(c > c0, f"dir ctime did not change on {what}")


# ===========================================================================
# Names.


@check()
def name_max_255_bytes(t):
    for kind in ("file", "dir", "symlink"):
        name = (kind[0] * 255)
        path = t.p(name)
        if kind == "file":
            write_file(path, b"x")
        elif kind == "dir":
            os.mkdir(path)
        else:
            os.symlink("target", path)
        true(name in os.listdir(t.dir), f"a 255-byte {kind} name is not listed")
        expect_ok(os.lstat, path, what=f"lstat a 255-byte {kind} name")
    other = "r" * 255
    os.rename(t.p("f" * 255), t.p(other))
    eq(read_file(t.p(other)), b"x", "rename between 255-byte names")
    os.unlink(t.p(other))
    os.rmdir(t.p("d" * 255))
    os.unlink(t.p("s" * 255))
    eq(os.listdir(t.dir), [], "after removing them")


@check()
def name_256_bytes_too_long(t):
    long = t.p("n" * 256)
    touch(t.p("f"))
    for what, fn, args in (
        ("create", os.open, (long, os.O_WRONLY | os.O_CREAT, 0o644)),
        ("lookup", os.stat, (long,)),
        ("mkdir", os.mkdir, (long,)),
        ("symlink", os.symlink, ("x", long)),
        ("link", os.link, (t.p("f"), long)),
        ("rename target", os.rename, (t.p("f"), long)),
        ("mkfifo", os.mkfifo, (long,)),
    ):
        expect_errno(errno.ENAMETOOLONG, fn, *args, what=f"{what} with a 256-byte name")
    eq(os.listdir(t.dir), ["f"], "listing after the refusals")


@check()
def name_arbitrary_bytes(t):
    base = os.fsencode(t.dir)
    names = [b"\xff\xfe\x01raw", "ünïcødé-日本".encode(), b"with space", b"new\nline", b"-dash", b".hidden",
             b"tab\there", b"a" * 200 + b"\xc3"]
    for i, name in enumerate(names):
        write_file(os.path.join(base, name), b"%d" % i)
    eq(sorted(os.listdir(base)), sorted(names), "names listed byte for byte")
    for i, name in enumerate(names):
        eq(read_file(os.path.join(base, name)), b"%d" % i, f"content of {name!r}")


# ===========================================================================
# Extended attributes.


def _user_xattrs(path):
    return sorted(n for n in os.listxattr(path) if n.startswith("user."))


@check(caps=("xattr",))
def xattr_set_get_list_remove(t):
    path = t.p("f")
    touch(path)
    values = {"user.text": b"hello", "user.binary": bytes(range(256)) * 4,
              "user.big": pattern(2000, 9)}
    for name, value in values.items():
        os.setxattr(path, name, value)
    for name, value in values.items():
        eq_bytes(os.getxattr(path, name), value, f"getxattr {name}")
    eq(_user_xattrs(path), sorted(values), "listxattr")
    os.setxattr(path, "user.text", b"replaced")
    eq(os.getxattr(path, "user.text"), b"replaced", "value after overwrite")
    os.removexattr(path, "user.text")
    expect_errno(errno.ENODATA, os.getxattr, path, "user.text", what="getxattr after removexattr")
    eq(_user_xattrs(path), sorted(set(values) - {"user.text"}), "listxattr after removexattr")
    os.mkdir(t.p("d"))
    os.setxattr(t.p("d"), "user.on-dir", b"dir value")
    eq(os.getxattr(t.p("d"), "user.on-dir"), b"dir value", "xattr on a dir")


@check(caps=("xattr", "xattr-empty"))
def xattr_empty_value(t):
    touch(t.p("f"))
    os.setxattr(t.p("f"), "user.empty", b"")
    eq(os.getxattr(t.p("f"), "user.empty"), b"", "empty value")
    eq(_user_xattrs(t.p("f")), ["user.empty"], "listxattr")


@check(caps=("xattr",))
def xattr_flags_and_errors(t):
    path = t.p("f")
    touch(path)
    os.setxattr(path, "user.x", b"1", os.XATTR_CREATE)
    expect_errno(errno.EEXIST, os.setxattr, path, "user.x", b"2", os.XATTR_CREATE, what="XATTR_CREATE on an existing name")
    expect_errno(errno.ENODATA, os.setxattr, path, "user.y", b"2", os.XATTR_REPLACE, what="XATTR_REPLACE on a missing name")
    os.setxattr(path, "user.x", b"3", os.XATTR_REPLACE)
    eq(os.getxattr(path, "user.x"), b"3", "value after XATTR_REPLACE")
    expect_errno(errno.ENODATA, os.getxattr, path, "user.missing", what="getxattr of a missing name")
    expect_errno(errno.ENODATA, os.removexattr, path, "user.missing", what="removexattr of a missing name")
    expect_errno(errno.ENOENT, os.getxattr, t.p("nofile"), "user.x", what="getxattr on a missing file")


@check(caps=("xattr",))
def xattr_follow_inode(t):
    touch(t.p("f"))
    os.setxattr(t.p("f"), "user.k", b"v")
    os.link(t.p("f"), t.p("g"))
    os.rename(t.p("f"), t.p("h"))
    eq(os.getxattr(t.p("g"), "user.k"), b"v", "through a hard link")
    eq(os.getxattr(t.p("h"), "user.k"), b"v", "after rename")


@check(root=True, caps=("xattr",))
def xattr_permissions(t):
    t.mk("f", USER_A.uid, USER_A.gid, 0o644)
    os.setxattr(t.p("f"), "user.k", b"v")
    got = as_user(USER_C, lambda: (errno_of(os.getxattr, t.p("f"), "user.k"),
                                   errno_of(os.setxattr, t.p("f"), "user.k", b"w")))
    eq((ename(got[0]), ename(got[1])), ("success", "EACCES"), "other reads / writes user.* of a 644 file")
    eq(os.getxattr(t.p("f"), "user.k"), b"v", "value after a refused set")


# ===========================================================================
# statvfs, unlink while open, sync.


@check()
def statvfs_sane(t):
    sv = os.statvfs(t.dir)
    true(sv.f_bsize > 0 and sv.f_frsize > 0, f"block sizes {sv.f_bsize}/{sv.f_frsize}")
    true(sv.f_blocks > 0, "f_blocks is 0")
    true(0 <= sv.f_bfree <= sv.f_blocks, f"f_bfree {sv.f_bfree} outside 0..{sv.f_blocks}")
    true(0 <= sv.f_bavail <= sv.f_bfree, f"f_bavail {sv.f_bavail} outside 0..{sv.f_bfree}")
    true(sv.f_files == 0 or sv.f_ffree <= sv.f_files, f"f_ffree {sv.f_ffree} > f_files {sv.f_files}")
    true(sv.f_namemax >= 255, f"f_namemax {sv.f_namemax}")
    fd = os.open(t.dir, os.O_RDONLY)
    try:
        fsv = os.fstatvfs(fd)
    finally:
        os.close(fd)
    eq((fsv.f_bsize, fsv.f_blocks, fsv.f_namemax), (sv.f_bsize, sv.f_blocks, sv.f_namemax), "fstatvfs vs statvfs")


@check()
def unlinked_open_file_stays_usable(t):
    path = t.p("f")
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        os.write(fd, pattern(100_000, 4))
        os.unlink(path)
        expect_errno(errno.ENOENT, os.stat, path, what="stat after unlink")
        eq(os.listdir(t.dir), [], "listing after unlink")
        eq(os.fstat(fd).st_nlink, 0, "nlink of an unlinked open file")
        eq_bytes(read_fd(fd), pattern(100_000, 4), "read after unlink")
        os.pwrite(fd, b"appended", 100_000)
        eq(os.fstat(fd).st_size, 100_008, "size after a write to the unlinked file")
        eq(os.pread(fd, 8, 100_000), b"appended", "read back the write")
        os.ftruncate(fd, 10)
        eq_bytes(read_fd(fd), pattern(10, 4), "after ftruncate")
        os.fsync(fd)
        write_file(path, b"a new file with the old name")
        eq(os.pread(fd, 100, 0), pattern(10, 4), "the old file is distinct from a new one of the same name")
    finally:
        os.close(fd)
    eq(read_file(path), b"a new file with the old name", "the new file")


@check()
def sync_fsync_fdatasync(t):
    fd = os.open(t.p("f"), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        os.write(fd, pattern(300_000))
        os.fsync(fd)
        os.pwrite(fd, b"z", 5)
        os.fdatasync(fd)
    finally:
        os.close(fd)
    dfd = os.open(t.dir, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(dfd)
    finally:
        os.close(dfd)
    os.sync()
    eq(read_file(t.p("f"))[:6], pattern(300_000)[:5] + b"z", "content after syncs")


# ===========================================================================
# Locks (a second process holds or probes).


def _lockable(t):
    write_file(t.p("lockfile"), bytes(1000), 0o666)
    return os.open(t.p("lockfile"), os.O_RDWR)


def _try_lock(path, kind, start, length):
    fd = os.open(path, os.O_RDWR)
    try:
        setlk(fd, kind, start, length)
        return 0
    except OSError as e:
        return e.errno
    finally:
        os.close(fd)


_BUSY = (errno.EAGAIN, errno.EACCES)


@check(caps=("locks",))
def lock_conflicts_between_processes(t):
    fd = _lockable(t)
    path = t.p("lockfile")
    try:
        setlk(fd, fcntl.F_WRLCK, 0, 100)
        got = in_child(lambda: {
            "write overlapping": _try_lock(path, fcntl.F_WRLCK, 50, 10),
            "read overlapping": _try_lock(path, fcntl.F_RDLCK, 0, 1),
            "write after": _try_lock(path, fcntl.F_WRLCK, 100, 100),
            "whole file": _try_lock(path, fcntl.F_WRLCK, 0, 0),
        })
        expected = {"write overlapping": _BUSY, "read overlapping": _BUSY, "write after": (0,), "whole file": _BUSY}
        wrong = [f"{k}: {ename(got[k])}" for k, v in expected.items() if got[k] not in v]
        true(not wrong, "child against a write lock on [0,100): " + "; ".join(wrong))
        setlk(fd, fcntl.F_RDLCK, 0, 100)  # downgrade: readers may share
        got = in_child(lambda: (_try_lock(path, fcntl.F_RDLCK, 0, 100), _try_lock(path, fcntl.F_WRLCK, 0, 100)))
        true(got[0] == 0 and got[1] in _BUSY, f"against a read lock: read {ename(got[0])}, write {ename(got[1])}")
    finally:
        os.close(fd)


@check(caps=("locks",))
def lock_getlk_reports_holder(t):
    fd = _lockable(t)
    path = t.p("lockfile")
    try:
        setlk(fd, fcntl.F_WRLCK, 10, 90)

        def probe():
            pfd = os.open(path, os.O_RDWR)
            try:
                return getlk(pfd, fcntl.F_WRLCK, 0, 1000), getlk(pfd, fcntl.F_WRLCK, 500, 10)
            finally:
                os.close(pfd)

        holder, free = in_child(probe)
        eq(holder, (fcntl.F_WRLCK, 10, 90, os.getpid()), "F_GETLK (type, start, len, pid) of the holder")
        eq(free[0], fcntl.F_UNLCK, "F_GETLK on a free range")
    finally:
        os.close(fd)


@check(caps=("locks",))
def lock_split_ranges(t):
    fd = _lockable(t)
    path = t.p("lockfile")
    try:
        setlk(fd, fcntl.F_WRLCK, 0, 100)
        setlk(fd, fcntl.F_UNLCK, 40, 20)

        def probe():
            pfd = os.open(path, os.O_RDWR)
            try:
                return {
                    "hole": _try_lock(path, fcntl.F_WRLCK, 40, 20),
                    "left": _try_lock(path, fcntl.F_WRLCK, 30, 10),
                    "right": _try_lock(path, fcntl.F_WRLCK, 60, 10),
                    "getlk": getlk(pfd, fcntl.F_WRLCK, 0, 100)[:3],
                    "getlk right": getlk(pfd, fcntl.F_WRLCK, 40, 100)[:3],
                }
            finally:
                os.close(pfd)

        got = in_child(probe)
        eq(ename(got["hole"]), "success", "locking the unlocked middle")
        true(got["left"] in _BUSY and got["right"] in _BUSY, f"left {ename(got['left'])}, right {ename(got['right'])}")
        eq(got["getlk"], (fcntl.F_WRLCK, 0, 40), "F_GETLK finds the left piece")
        eq(got["getlk right"], (fcntl.F_WRLCK, 60, 40), "F_GETLK finds the right piece")
    finally:
        os.close(fd)


@check(caps=("locks",))
def lock_released_on_any_close_and_exit(t):
    fd = _lockable(t)
    path = t.p("lockfile")
    setlk(fd, fcntl.F_WRLCK, 0, 0)
    other = os.open(path, os.O_RDONLY)
    os.close(other)  # POSIX: closing any descriptor of the file drops the process's locks on it
    got = in_child(lambda: _try_lock(path, fcntl.F_WRLCK, 0, 0))
    os.close(fd)
    eq(ename(got), "success", "lock after the holder closed another fd of the file")

    def hold_and_exit():
        cfd = os.open(path, os.O_RDWR)
        setlk(cfd, fcntl.F_WRLCK, 0, 0)
        return 0  # exits holding the lock

    in_child(hold_and_exit)
    eq(ename(_try_lock(path, fcntl.F_WRLCK, 0, 0)), "success", "lock after the holder exited")


@check(caps=("locks",))
def lock_wait_until_released(t):
    fd = _lockable(t)
    path = t.p("lockfile")
    setlk(fd, fcntl.F_WRLCK, 0, 10)

    ready_read, ready_write = os.pipe()

    def waiter():
        wfd = os.open(path, os.O_RDWR)
        started = time.monotonic()
        os.write(ready_write, b"r")  # any delay from here on counts as waiting: a slow child cannot fail the check
        setlk(wfd, fcntl.F_WRLCK, 5, 1, wait=True)
        return time.monotonic() - started

    child = Child(None, waiter)
    os.close(ready_write)
    os.read(ready_read, 1)
    os.close(ready_read)
    time.sleep(0.5)
    setlk(fd, fcntl.F_UNLCK, 0, 10)
    waited = child.result()
    os.close(fd)
    true(waited >= 0.45, f"F_SETLKW returned after {waited:.2f}s, before the holder released")


@check(caps=("locks",))
def lock_flock_exclusive(t):
    fd = _lockable(t)
    path = t.p("lockfile")

    def try_flock():
        cfd = os.open(path, os.O_RDONLY)
        try:
            fcntl.flock(cfd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return 0
        except OSError as e:
            return e.errno
        finally:
            os.close(cfd)

    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        eq(ename(in_child(try_flock)), "EWOULDBLOCK" if errno.EWOULDBLOCK != errno.EAGAIN else "EAGAIN",
           "flock LOCK_EX|LOCK_NB against a holder")
        fcntl.flock(fd, fcntl.LOCK_UN)
        eq(ename(in_child(try_flock)), "success", "flock after LOCK_UN")
    finally:
        os.close(fd)


# ===========================================================================


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir", metavar="DIR", nargs="?", help="directory to test in (a subdirectory is created)")
    for name, (default, text) in CAPS.items():
        dest = "cap_" + name.replace("-", "_")
        group = parser.add_mutually_exclusive_group()
        group.add_argument(f"--{name}", dest=dest, action="store_true", default=None,
                           help=f"{text} (default {'on' if default else 'off'})")
        group.add_argument(f"--no-{name}", dest=dest, action="store_false", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--readdir-count", type=int, default=10_000, help="entries in the readdir checks (10000)")
    parser.add_argument("--tick", type=float, default=0.05,
                        help="seconds to wait between timestamp samples (default 0.05)")
    parser.add_argument("--only", metavar="REGEX", help="run only checks whose name matches")
    parser.add_argument("--keep", action="store_true", help="leave the test tree behind")
    parser.add_argument("--times", action="store_true", help="print each check's duration")
    parser.add_argument("--list", action="store_true", help="list the checks and exit")
    parser.add_argument("--list-caps", action="store_true", help="list the capabilities and exit")
    args = parser.parse_args(argv)
    if not (args.list or args.list_caps) and not args.dir:
        parser.error("DIR is required")
    return args


def main(argv):
    args = parse_args(argv)
    if args.list_caps:
        for name, (default, text) in CAPS.items():
            print(f"{name:12} {'on ' if default else 'off'}  {text}   (--{name} / --no-{name})")
        return 0
    if args.list:
        for name, _, root, user, caps in CHECKS:
            notes = (["root"] if root else []) + (["unprivileged"] if user else []) + list(caps)
            print(f"{name}{'  [' + ', '.join(notes) + ']' if notes else ''}")
        return 0
    if not os.path.isdir(args.dir):
        print(f"posix_suite: {args.dir} is not a directory", file=sys.stderr)
        return 2
    return Run(args).main()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
