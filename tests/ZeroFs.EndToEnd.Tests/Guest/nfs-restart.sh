# Guest, first boot of the NFS restart test: the server is SIGKILLed and restarted under a live (hard)
# mount, and the client must carry on. Markers in the shared $RESULTS dir coordinate with the host:
#   guest writes "ready"      files fsynced, one file open for writing with unfsynced data in it, >= 10 acks
#   host  writes "killed"     after SIGKILL returned (the server is gone)
#   host  writes "restarting" just before it starts the server again on the same port and store
# Meanwhile a writer thread creates, writes and fsyncs files in /mnt/z/crash and records each one in
# $RESULTS/acks ("name size sha256") only after its fsync returned; it runs through the outage. After
# the restart: the open file takes more data and an fsync (which must have waited for the new server),
# its whole content reads back, the files from before read back by their old handles, `ls`, creates,
# renames and removes work, and no call fails (ESTALE or anything else). Files that must survive the
# next crash are added to acks (crash-verify.sh checks them in a second boot).
#   RESULTS      shared host dir
#   NFS_OPTIONS  for mount-nfs.sh
set -u
. "$(dirname "$0")/mount-nfs.sh"
mkdir -p /mnt/z/crash /mnt/z/live || exit 11
exec python3 - <<'PY'
import hashlib, os, random, subprocess, sys, threading, time

results = os.environ["RESULTS"]
problems = []


def marker(name):
    return os.path.exists(os.path.join(results, name))


def put_marker(name):
    with open(os.path.join(results, name), "w") as f:
        f.write(f"{time.monotonic():.3f}\n")


def wait_for(name, seconds):
    deadline = time.monotonic() + seconds
    while not marker(name):
        if time.monotonic() > deadline:
            print(f"restart: no '{name}' marker from the host after {seconds}s", flush=True)
            sys.exit(2)
        time.sleep(0.05)


acks = open(os.path.join(results, "acks"), "a")
acks_lock = threading.Lock()


def ack(name, data):
    with acks_lock:
        acks.write(f"{name} {len(data)} {hashlib.sha256(data).hexdigest()}\n")
        acks.flush()
        os.fsync(acks.fileno())


def write_synced(name, data):
    fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)


# The writer: fsynced files, one after another, before, during and after the outage.
written = 0
writer_error = []
stop_writer = threading.Event()


def writer():
    global written
    try:
        i = 0
        while not stop_writer.is_set():
            name = f"/mnt/z/crash/w{i:05d}"
            data = random.Random(i).randbytes(1 + (i * 7919) % 100_000)
            write_synced(name, data)
            ack(name, data)
            written += 1
            i += 1
    except OSError as e:
        writer_error.append(f"writer: file {written}: {e!r}")


def step(what):
    print(f"== {what} ({time.monotonic():.1f}s)", flush=True)


FAILED = object()


def check(what, action):
    """Runs action; an OSError (ESTALE or any other) is a problem and gives FAILED."""
    try:
        return action()
    except OSError as e:
        problems.append(f"{what}: {e!r}")
        print(f"restart: {what}: {e!r}", flush=True)
        return FAILED


step("before the kill: fsynced files, a file open for writing")
before = {}
for i in range(20):
    name = f"/mnt/z/live/before{i:02d}"
    data = random.Random(1000 + i).randbytes(4096 * (i + 1) + i)
    write_synced(name, data)
    before[name] = data
    ack(name, data)
os.mkdir("/mnt/z/live/dir")
open_name = "/mnt/z/live/open-across-restart"
part_a = random.Random(1).randbytes(3 << 20)
part_b = random.Random(2).randbytes(2 << 20)
fd = os.open(open_name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
os.write(fd, part_a)  # not fsynced: the client holds it (or sent it UNSTABLE) when the server dies
reader = os.open("/mnt/z/live/before00", os.O_RDONLY)
thread = threading.Thread(target=writer, daemon=True)
thread.start()
while written < 10 and thread.is_alive():
    time.sleep(0.05)
put_marker("ready")

wait_for("killed", 300)
step("the server is dead: append to the open file and fsync it (hard mount: waits for the restart)")
started = time.monotonic()
view = memoryview(part_b)
while view:
    view = view[os.write(fd, view):]
check("fsync of the open file across the restart", lambda: os.fsync(fd))
waited = time.monotonic() - started
if not marker("restarting"):
    problems.append("fsync returned before the host restarted the server")
print(f"restart: fsync waited {waited:.1f}s for the restarted server", flush=True)
check("close of the open file", lambda: os.close(fd))
ack(open_name, part_a + part_b)

step("after the restart: read everything back by the handles from before")
with open("/proc/sys/vm/drop_caches", "w") as f:
    f.write("3\n")  # the page cache goes; the dentries and file handles stay in use
data = check("read of the file written across the restart", lambda: open(open_name, "rb").read())
if data is not FAILED and data != part_a + part_b:
    problems.append(f"{open_name}: {len(data)} bytes read back, sha256 {hashlib.sha256(data).hexdigest()[:16]}; "
                    f"expected {len(part_a) + len(part_b)} bytes, sha256 {hashlib.sha256(part_a + part_b).hexdigest()[:16]}")
got = check("pread through the fd opened before the kill", lambda: os.pread(reader, len(before["/mnt/z/live/before00"]) + 1, 0))
if got is not FAILED and got != before["/mnt/z/live/before00"]:
    problems.append("the fd opened before the kill reads other data")
check("close of the reader", lambda: os.close(reader))
for name, expected in before.items():
    st = check(f"stat {name}", lambda: os.stat(name))
    if st is not FAILED and st.st_size != len(expected):
        problems.append(f"{name}: size {st.st_size}, expected {len(expected)}")
    got = check(f"read {name}", lambda: open(name, "rb").read())
    if got is not FAILED and got != expected:
        problems.append(f"{name}: other data after the restart")

step("after the restart: ls, create, write, rename, remove")
listing = subprocess.run(["ls", "-la", "/mnt/z/live", "/mnt/z/live/dir"], capture_output=True, text=True)
if listing.returncode != 0:
    problems.append(f"ls failed ({listing.returncode}): {listing.stderr.strip()}")
names = check("listdir", lambda: os.listdir("/mnt/z/live"))
names = set() if names is FAILED else set(names)
missing = {os.path.basename(n) for n in before} - names
if missing:
    problems.append(f"listing after the restart misses {sorted(missing)}")
for i in range(10):
    name = f"/mnt/z/live/dir/after{i:02d}"
    data = random.Random(2000 + i).randbytes(10_000 + i)
    if check(f"create {name}", lambda: write_synced(name, data)) is not FAILED:
        ack(name, data)
if check("rename", lambda: os.rename("/mnt/z/live/dir/after00", "/mnt/z/live/renamed")) is not FAILED:
    ack("/mnt/z/live/renamed", random.Random(2000).randbytes(10_000))
check("unlink", lambda: os.unlink("/mnt/z/live/before19"))
check("mkdir", lambda: os.mkdir("/mnt/z/live/dir/sub"))
check("rmdir", lambda: os.rmdir("/mnt/z/live/dir/sub"))
if check("read of the renamed file", lambda: open("/mnt/z/live/renamed", "rb").read()) != random.Random(2000).randbytes(10_000):
    problems.append("the renamed file reads other data")

step("the writer carries on after the restart")
after_restart = written
deadline = time.monotonic() + 120
while written < after_restart + 10 and thread.is_alive() and time.monotonic() < deadline:
    time.sleep(0.05)
stop_writer.set()
thread.join(120)
problems += writer_error
if written < after_restart + 10:
    problems.append(f"the writer wrote {written - after_restart} files after the restart, expected 10 or more")

kernel = subprocess.run(["dmesg"], capture_output=True, text=True).stdout
for line in kernel.splitlines():
    if "nfs" in line.lower():
        print("dmesg: " + line, flush=True)
if "stale" in kernel.lower():
    problems.append("the kernel log mentions a stale file handle")
# The acked files and renames: verified after the next crash, with a fresh client (crash-verify.sh).
with open(os.path.join(results, "acks")) as f:
    lines = [line for line in f if line.split()[0] not in ("/mnt/z/live/dir/after00", "/mnt/z/live/before19")]
with open(os.path.join(results, "acks"), "w") as f:
    f.writelines(lines)
    f.flush()
    os.fsync(f.fileno())
for p in problems[:30]:
    print("restart: " + p, flush=True)
print(f"restart: writer acknowledged {written} files ({written - after_restart} after the restart), "
      f"{len(problems)} problems", flush=True)
if not problems:
    print("restart: all checks passed", flush=True)
sys.exit(1 if problems else 0)
PY
