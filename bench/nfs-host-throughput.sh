#!/usr/bin/env bash
# bench/nfs-host-throughput.sh: sequential NFSv3 throughput of `zerofs run` measured from the host, without
# the rig's emulated guest: libnfs's nfs-cp (a userspace NFSv3 client, Debian's libnfs-utils) copies a
# random SIZE_MIB MiB file into the server and back out, timed, next to a local `cp` of the same file on
# the same disk as the baseline. nfs-cp keeps one 1 MiB call in flight; the kernel client keeps many, so
# the second pass runs JOBS copies of SIZE_MIB/JOBS MiB at once (and JOBS local copies as its baseline).
# Each write ends with its data on the server's store (nfs-cp's writes; `sync FILE` after the local cp);
# reads go to a local file. The server's store, its cache and the local files share one temp dir (one disk).
#
#   bench/nfs-host-throughput.sh              # SIZE_MIB=512 JOBS=4; NFS_ASYNC=true for the unsafe async mode
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

SIZE_MIB=${SIZE_MIB:-512}
JOBS=${JOBS:-4}
NFS_ASYNC=${NFS_ASYNC:-false}
command -v nfs-cp >/dev/null || { echo "nfs-host-throughput.sh: nfs-cp missing (apt-get install libnfs-utils)" >&2; exit 1; }

echo "nfs-host-throughput.sh: building zerofs (Release)"
dotnet build src/ZeroFs.Cli -c Release -nologo -v quiet -clp:ErrorsOnly
zerofs_dll="$root/src/ZeroFs.Cli/bin/Release/net10.0/zerofs.dll"

work="$(mktemp -d "${TMPDIR:-/tmp}/zerofs-nfs-throughput.XXXXXX")"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
cat >"$work/zerofs.toml" <<TOML
[cache]
dir = "$work/cache"
disk_size_gb = 2.0
memory_size_gb = 0.5

[storage]
url = "$work/store"
encryption_password = "\${ZEROFS_PASSWORD}"

[servers.nfs]
addresses = ["127.0.0.1:$port"]
async = $NFS_ASYNC
TOML

ZEROFS_PASSWORD=nfs-throughput-benchmark dotnet "$zerofs_dll" run -c "$work/zerofs.toml" >"$work/zerofs.log" 2>&1 &
zerofs_pid=$!
cleanup() {
  kill "$zerofs_pid" 2>/dev/null && wait "$zerofs_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 600); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null && break
  kill -0 "$zerofs_pid" 2>/dev/null || { echo "nfs-host-throughput.sh: zerofs exited:" >&2; cat "$work/zerofs.log" >&2; exit 1; }
  sleep 0.1
done
echo "nfs-host-throughput.sh: zerofs serves NFSv3 on 127.0.0.1:$port (async=$NFS_ASYNC, store $work/store)"

url="nfs://127.0.0.1//big.bin?version=3&nfsport=$port&mountport=$port"
head -c "$((SIZE_MIB << 20))" /dev/urandom >"$work/source.bin"
sync "$work/source.bin"
expected=$(sha256sum <"$work/source.bin" | cut -d' ' -f1)

seconds() { # command... -> wall seconds on stdout
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null
  end=$(date +%s.%N)
  python3 -c "print(f'{$end - $start:.3f}')"
}
local_write=$(seconds bash -c "cp '$work/source.bin' '$work/local-copy.bin' && sync '$work/local-copy.bin'")
sync; echo 3 >/proc/sys/vm/drop_caches 2>/dev/null || true
local_read=$(seconds bash -c "cat '$work/local-copy.bin' >/dev/null")
nfs_write=$(seconds nfs-cp "$work/source.bin" "$url")
nfs_read=$(seconds nfs-cp "$url" "$work/back.bin")
actual=$(sha256sum <"$work/back.bin" | cut -d' ' -f1)
[[ "$actual" == "$expected" ]] || { echo "nfs-host-throughput.sh: the file read back differs (sha256 $actual, expected $expected)" >&2; exit 1; }

# The parallel pass: JOBS files of SIZE_MIB/JOBS MiB each, all copies at once.
part_mib=$((SIZE_MIB / JOBS))
for i in $(seq "$JOBS"); do head -c "$((part_mib << 20))" /dev/urandom >"$work/part$i.bin"; done
sync
part_url() { echo "nfs://127.0.0.1//part$1.bin?version=3&nfsport=$port&mountport=$port"; }
parallel() { # template with {i} -> runs JOBS instances at once, fails if any does
  local pids=() i
  for i in $(seq "$JOBS"); do bash -c "${1//\{i\}/$i}" & pids+=($!); done
  for i in "${pids[@]}"; do wait "$i"; done
}
par_local_write=$(seconds parallel "cp '$work/part{i}.bin' '$work/local-part{i}.bin' && sync '$work/local-part{i}.bin'")
par_nfs_write=$(seconds parallel "nfs-cp '$work/part{i}.bin' '$(part_url "{i}")'")
par_nfs_read=$(seconds parallel "nfs-cp '$(part_url "{i}")' '$work/back-part{i}.bin'")
for i in $(seq "$JOBS"); do
  cmp -s "$work/part$i.bin" "$work/back-part$i.bin" || { echo "nfs-host-throughput.sh: part $i read back differs" >&2; exit 1; }
done

python3 - "$SIZE_MIB" "$JOBS" "$local_write" "$local_read" "$nfs_write" "$nfs_read" "$par_local_write" "$par_nfs_write" "$par_nfs_read" <<'PY'
import sys
mib, jobs = int(sys.argv[1]), int(sys.argv[2])
local_write, local_read, nfs_write, nfs_read, par_local_write, par_nfs_write, par_nfs_read = map(float, sys.argv[3:])
mb = (mib << 20) / 1e6
print(f"\n{mib} MiB in total per row, every byte verified after the round trip")
print(f"{'step':<44} {'NFSv3 (nfs-cp)':>16} {'local':>16} {'NFS/local':>9}")
def row(name, nfs, local):
    print(f"{name:<44} {mb / nfs:>10.1f} MB/s {mb / local:>10.1f} MB/s {local / nfs:>9.3f}")
row("sequential write, 1 copy (local: cp+sync)", nfs_write, local_write)
row("sequential read, 1 copy (local: cat)", nfs_read, local_read)
row(f"sequential write, {jobs} copies at once", par_nfs_write, par_local_write)
row(f"sequential read, {jobs} copies at once", par_nfs_read, local_read)
PY
