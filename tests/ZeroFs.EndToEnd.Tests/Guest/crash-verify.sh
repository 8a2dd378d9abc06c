# Guest, second boot of the crash test (server restarted on the same store): every acknowledged file
# must be there byte for byte, the whole tree must be walkable, and the filesystem must take new writes.
#   RESULTS     shared host dir holding acks
#   MOUNT_KIND  ninep (default) or nfs: which mount-*.sh mounts /mnt/z
set -u
. "$(dirname "$0")/mount-${MOUNT_KIND:-ninep}.sh"
exec python3 - <<'PY'
import hashlib, os, sys
problems = []
acks = [line.split() for line in open(os.path.join(os.environ["RESULTS"], "acks")) if line.endswith("\n")]
for name, size, digest in acks:
    try:
        data = open(name, "rb").read()
    except OSError as e:
        problems.append(f"{name}: {e}")
        continue
    if len(data) != int(size) or hashlib.sha256(data).hexdigest() != digest:
        problems.append(f"{name}: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()[:16]}; "
                        f"acknowledged {size} bytes, sha256 {digest[:16]}")
entries = 0
for parent, dirs, files in os.walk("/mnt/z", onerror=lambda e: problems.append(f"walk: {e}")):
    for entry in dirs + files:
        try:
            os.lstat(os.path.join(parent, entry))
            entries += 1
        except OSError as e:
            problems.append(f"lstat {os.path.join(parent, entry)}: {e}")
probe = "/mnt/z/crash/after-restart"
with open(probe, "wb") as f:
    f.write(b"written after the restart")
    f.flush()
    os.fsync(f.fileno())
if open(probe, "rb").read() != b"written after the restart":
    problems.append("a write after the restart did not read back")
for p in problems[:20]:
    print("verify: " + p, flush=True)
print(f"verify: {len(acks)} acknowledged files checked, {entries} entries walked, {len(problems)} problems", flush=True)
sys.exit(1 if problems else 0)
PY
