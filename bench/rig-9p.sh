#!/usr/bin/env bash
# bench/rig-9p.sh: the `dir` workload (bench/ZeroFs.Workloads) inside the rig's guest, on zerofs mounted with
# the kernel's 9P client and on a guest tmpfs, in one boot; prints both figures and their ratio per step.
#
#   bench/rig-9p.sh            # sizes below; override any with the environment, e.g. BIG_MIB=256
#
# The guest runs under TCG on hosts without usable KVM (see ../shared/rig/README.md): the absolute numbers
# then measure the emulated client as much as the server, and the ratios are the useful part.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

EMPTY_FILES=${EMPTY_FILES:-10000}
SMALL_FILES=${SMALL_FILES:-1000}
BIG_MIB=${BIG_MIB:-128}
RANDOM_READS=${RANDOM_READS:-2000}
APPENDS=${APPENDS:-1000}
TREE_FILES=${TREE_FILES:-5000}
CACHE=${CACHE:-mmap}

vm_run=""
for dir in "$root/.." "$root/../.." "$root/../../.."; do
  [[ -x "$dir/shared/rig/vm-run" ]] && { vm_run="$(cd "$dir/shared/rig" && pwd)/vm-run"; break; }
done
[[ -n "$vm_run" ]] || { echo "rig-9p.sh: no shared/rig/vm-run beside the repository" >&2; exit 1; }

echo "rig-9p.sh: building zerofs and the workload runner (Release)"
dotnet build src/ZeroFs.Cli -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build bench/ZeroFs.Workloads -c Release -nologo -v quiet -clp:ErrorsOnly
zerofs_dll="$root/src/ZeroFs.Cli/bin/Release/net10.0/zerofs.dll"
workloads_dll="$root/bench/ZeroFs.Workloads/bin/Release/net10.0/ZeroFs.Workloads.dll"

work="$(mktemp -d /tmp/zerofs-rig-9p.XXXXXX)"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
cat >"$work/zerofs.toml" <<TOML
[cache]
dir = "$work/cache"
disk_size_gb = 2.0
memory_size_gb = 0.5

[storage]
url = "$work/store"
encryption_password = "\${ZEROFS_PASSWORD}"

[servers.ninep]
addresses = ["127.0.0.1:$port"]
TOML

ZEROFS_PASSWORD=rig-9p-benchmark dotnet "$zerofs_dll" run -c "$work/zerofs.toml" >"$work/zerofs.log" 2>&1 &
zerofs_pid=$!
cleanup() {
  kill "$zerofs_pid" 2>/dev/null && wait "$zerofs_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 600); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null && break
  kill -0 "$zerofs_pid" 2>/dev/null || { echo "rig-9p.sh: zerofs exited:" >&2; cat "$work/zerofs.log" >&2; exit 1; }
  sleep 0.1
done
echo "rig-9p.sh: zerofs serves 9P on 127.0.0.1:$port (store $work/store)"

"$vm_run" --mem 3G --timeout 5400 -- "
set -e
mkdir -p /mnt/z /mnt/t
mount -t 9p -o trans=tcp,port=$port,version=9p2000.L,msize=1048576,access=user,cache=$CACHE 10.0.2.2 /mnt/z
mount -t tmpfs -o size=$((BIG_MIB * 2 + 512))m tmpfs /mnt/t
grep -E ' /mnt/(z|t) ' /proc/mounts
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet $workloads_dll dir /mnt/z --baseline /mnt/t --empty-files $EMPTY_FILES --small-files $SMALL_FILES \
  --big-mib $BIG_MIB --random-reads $RANDOM_READS --appends $APPENDS --tree-files $TREE_FILES
"
