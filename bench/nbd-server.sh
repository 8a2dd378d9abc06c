# bench/nbd-server.sh: sourced by bench/host-nbd.sh and bench/rig-nbd.sh. Builds zerofs (Release), starts
# `zerofs run` on a fresh local-directory store in $work with 9P (TCP and a unix socket) and NBD on free
# loopback ports, and removes everything on exit. Sets: root, work, ninep_port, nbd_port, zerofs_dll, zerofs_pid.
#   ZEROFS_MEMORY_GB    the engine's memory cache (default 1.0); the disk cache is 4 GB
#   ZEROFS_COMPRESSION  [filesystem] compression (default zstd-3, as the server); e.g. lz4 to see the codec's share
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_for_port() { # port pid what
	for _ in $(seq 600); do
		python3 -c "import socket; socket.create_connection(('127.0.0.1', $1), 1)" 2>/dev/null && return 0
		kill -0 "$2" 2>/dev/null || { echo "$3 exited before listening on $1" >&2; return 1; }
		sleep 0.1
	done
	echo "$3 is not listening on $1 after 60 s" >&2
	return 1
}

echo "$(basename "$0"): building zerofs (Release)"
dotnet build src/ZeroFs.Cli -c Release -nologo -v quiet -clp:ErrorsOnly
zerofs_dll="$root/src/ZeroFs.Cli/bin/Release/net10.0/zerofs.dll"

work="$(mktemp -d /tmp/zerofs-bench-nbd.XXXXXX)"
ninep_port="$(free_port)"
nbd_port="$(free_port)"
cat >"$work/zerofs.toml" <<TOML
[cache]
dir = "$work/cache"
disk_size_gb = 4.0
memory_size_gb = ${ZEROFS_MEMORY_GB:-1.0}

[storage]
url = "$work/store"
encryption_password = "\${ZEROFS_PASSWORD}"

[filesystem]
compression = "${ZEROFS_COMPRESSION:-zstd-3}"

[servers.ninep]
addresses = ["127.0.0.1:$ninep_port"]
unix_socket = "$work/zerofs.9p.sock"

[servers.nbd]
addresses = ["127.0.0.1:$nbd_port"]
TOML

cleanup_pids=()
cleanup_mounts=()
cleanup() {
	local m p
	for m in "${cleanup_mounts[@]}"; do fusermount3 -u "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; done
	for p in "${cleanup_pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
	rm -rf "$work"
}
trap cleanup EXIT

ZEROFS_PASSWORD=bench-nbd-password dotnet "$zerofs_dll" run -c "$work/zerofs.toml" >"$work/zerofs.log" 2>&1 &
zerofs_pid=$!
cleanup_pids+=("$zerofs_pid")
wait_for_port "$nbd_port" "$zerofs_pid" zerofs || { cat "$work/zerofs.log" >&2; exit 1; }
echo "$(basename "$0"): zerofs serves NBD on 127.0.0.1:$nbd_port, 9P on 127.0.0.1:$ninep_port (store $work/store)"
