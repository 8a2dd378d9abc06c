# Guest, first boot of the crash test: writes files on the 9P mount, fsyncs each file and its directory,
# and only then records it in $RESULTS/acks ("name size sha256"). The host SIGKILLs the server while
# this runs; the writer stops at the first failed operation. Exit 0 = stopped by the crash,
# 3 = the server never died.
#   RESULTS          shared host dir
#   CRASH_MAX_FILES  upper bound on files written
set -u
. "$(dirname "$0")/mount-ninep.sh"
mkdir -p /mnt/z/crash/sub || exit 11
exec python3 - <<'PY'
import hashlib, os, random, sys
acks_path = os.path.join(os.environ["RESULTS"], "acks")
limit = int(os.environ.get("CRASH_MAX_FILES", "5000"))
acks = open(acks_path, "a")
acked = 0
try:
    for i in range(limit):
        directory = "/mnt/z/crash" if i % 3 else "/mnt/z/crash/sub"
        name = os.path.join(directory, f"f{i:05d}")
        data = random.Random(i).randbytes(1 + (i * 7919) % 200_000)
        fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        dfd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
        acks.write(f"{name} {len(data)} {hashlib.sha256(data).hexdigest()}\n")
        acks.flush()
        os.fsync(acks.fileno())
        acked += 1
except OSError as e:
    print(f"writer: stopped after {acked} acknowledged files: {e}", flush=True)
    sys.exit(0)
print(f"writer: wrote all {acked} files; the server never died", flush=True)
sys.exit(3)
PY
