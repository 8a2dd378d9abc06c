#!/usr/bin/env bash
# bench/rig-nfs.sh: the `dir` workload (bench/ZeroFs.Workloads) inside the rig's guest on ONE zerofs server
# mounted twice, with the kernel's NFSv3 client and with its 9P client, beside a guest tmpfs, in one boot;
# prints a table per step: NFS, 9P, tmpfs, NFS/9P and NFS/tmpfs (rates: higher is better, so a ratio
# below 1 means NFS is slower).
#
#   bench/rig-nfs.sh            # sizes below; override any with the environment, e.g. BIG_MIB=256
#
# The guest runs under TCG on hosts without usable KVM (see ../shared/rig/README.md): the absolute numbers
# then measure the emulated client as much as the server, and the ratios are the useful part. For the
# server's own throughput without the guest, see bench/nfs-host-throughput.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

EMPTY_FILES=${EMPTY_FILES:-2000}
SMALL_FILES=${SMALL_FILES:-500}
BIG_MIB=${BIG_MIB:-128}
RANDOM_READS=${RANDOM_READS:-1000}
APPENDS=${APPENDS:-300}
TREE_FILES=${TREE_FILES:-1000}
CACHE=${CACHE:-mmap}
NFS_ASYNC=${NFS_ASYNC:-false}

vm_run=""
for dir in "$root/.." "$root/../.." "$root/../../.."; do
  [[ -x "$dir/shared/rig/vm-run" ]] && { vm_run="$(cd "$dir/shared/rig" && pwd)/vm-run"; break; }
done
[[ -n "$vm_run" ]] || { echo "rig-nfs.sh: no shared/rig/vm-run beside the repository" >&2; exit 1; }

echo "rig-nfs.sh: building zerofs and the workload runner (Release)"
dotnet build src/ZeroFs.Cli -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build bench/ZeroFs.Workloads -c Release -nologo -v quiet -clp:ErrorsOnly
zerofs_dll="$root/src/ZeroFs.Cli/bin/Release/net10.0/zerofs.dll"
workloads_dll="$root/bench/ZeroFs.Workloads/bin/Release/net10.0/ZeroFs.Workloads.dll"

work="$(mktemp -d /tmp/zerofs-rig-nfs.XXXXXX)"
chmod 755 "$work"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
ninep_port="$(free_port)"
nfs_port="$(free_port)"
cat >"$work/zerofs.toml" <<TOML
[cache]
dir = "$work/cache"
disk_size_gb = 2.0
memory_size_gb = 0.5

[storage]
url = "$work/store"
encryption_password = "\${ZEROFS_PASSWORD}"

[servers.ninep]
addresses = ["127.0.0.1:$ninep_port"]

[servers.nfs]
addresses = ["127.0.0.1:$nfs_port"]
async = $NFS_ASYNC
TOML

ZEROFS_PASSWORD=rig-nfs-benchmark dotnet "$zerofs_dll" run -c "$work/zerofs.toml" >"$work/zerofs.log" 2>&1 &
zerofs_pid=$!
cleanup() {
  kill "$zerofs_pid" 2>/dev/null && wait "$zerofs_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for port in "$ninep_port" "$nfs_port"; do
  for _ in $(seq 600); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null && break
    kill -0 "$zerofs_pid" 2>/dev/null || { echo "rig-nfs.sh: zerofs exited:" >&2; cat "$work/zerofs.log" >&2; exit 1; }
    sleep 0.1
  done
done
echo "rig-nfs.sh: zerofs serves 9P on 127.0.0.1:$ninep_port and NFSv3 on 127.0.0.1:$nfs_port (async=$NFS_ASYNC, store $work/store)"

# The guest writes each run's output into $work/out (a --share dir), and the table is built from the
# runner's "#   step: rate unit (seconds)" lines: first block = the mount, second block = tmpfs.
mkdir -p "$work/out"
"$vm_run" --mem 3G --timeout 5400 --share "$work/out" -- "
set -e
mkdir -p /mnt/nfs /mnt/9p /mnt/t
mount -t nfs -o vers=3,proto=tcp,nolock,port=$nfs_port,mountport=$nfs_port,mountproto=tcp 10.0.2.2:/ /mnt/nfs
mount -t 9p -o trans=tcp,port=$ninep_port,version=9p2000.L,msize=1048576,access=user,cache=$CACHE 10.0.2.2 /mnt/9p
mount -t tmpfs -o size=$((BIG_MIB * 2 + 512))m tmpfs /mnt/t
grep -E ' /mnt/(nfs|9p|t) ' /proc/mounts
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
for m in nfs 9p; do
  echo \"== \$m vs tmpfs\"
  dotnet $workloads_dll dir /mnt/\$m --baseline /mnt/t --empty-files $EMPTY_FILES --small-files $SMALL_FILES \
    --big-mib $BIG_MIB --random-reads $RANDOM_READS --appends $APPENDS --tree-files $TREE_FILES | tee $work/out/\$m.txt
done
"

python3 - "$work/out/nfs.txt" "$work/out/9p.txt" <<'PY'
import re, sys

def blocks(path):
    """The runner's two blocks of '#   step: rate unit (s)' lines: the mount's, then the baseline's."""
    result, current = [], None
    for line in open(path):
        if line.startswith("# dir workload in "):
            current = []
            result.append(current)
        elif (m := re.match(r"#   (.+): ([0-9.]+) (\S+) \(", line)) and current is not None:
            current.append((m[1], float(m[2]), m[3]))
    return result

nfs, nfs_tmpfs = blocks(sys.argv[1])
ninep, _ = blocks(sys.argv[2])
print()
print(f"{'step':<44} {'NFSv3':>16} {'9P':>16} {'tmpfs':>16} {'NFS/9P':>8} {'NFS/tmpfs':>10}")
for (name, n, unit), (_, p, _), (_, t, _) in zip(nfs, ninep, nfs_tmpfs):
    print(f"{name:<44} {n:>10.1f} {unit:<5} {p:>10.1f} {unit:<5} {t:>10.1f} {unit:<5} {n / p:>8.3f} {n / t:>10.3f}")
PY
