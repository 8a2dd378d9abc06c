#!/usr/bin/env bash
# bench/fuse-workloads.sh: the `dir` workload (bench/ZeroFs.Workloads) on a `zerofs mount` (FUSE over 9P) of
# `zerofs run`, against a plain directory on the host disk measured in the same run, for three store back-ends:
#   local    [storage] url = a local directory
#   moto     S3 on moto_server on loopback
#   moto+20  the same moto behind bench/delay-proxy.py: +20 ms each way (40 ms round trip per S3 request)
# Each back-end gets a fresh server, store, mount and baseline directory. The workload prints each step's
# figures on the mount and the baseline and their ratio.
#
#   bench/fuse-workloads.sh                    # every back-end, sizes below
#   BACKENDS="local moto" WRITEBACK=1 BIG_MIB=256 bench/fuse-workloads.sh
#
# Environment: BACKENDS (default "local moto moto+20"), DELAY_MS (20), WRITEBACK=1 (mount --writeback),
# EMPTY_FILES SMALL_FILES BIG_MIB RANDOM_READS APPENDS TREE_FILES (the workload's sizes), WORK (a parent
# directory for the stores, mounts and baselines; default /tmp: the baseline must be on a real disk).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

BACKENDS=${BACKENDS:-local moto moto+20}
DELAY_MS=${DELAY_MS:-20}
WRITEBACK=${WRITEBACK:-0}
EMPTY_FILES=${EMPTY_FILES:-5000}
SMALL_FILES=${SMALL_FILES:-1000}
BIG_MIB=${BIG_MIB:-512}
RANDOM_READS=${RANDOM_READS:-5000}
APPENDS=${APPENDS:-300}
TREE_FILES=${TREE_FILES:-5000}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export ZEROFS_PASSWORD=fuse-workloads-benchmark AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test

echo "fuse-workloads.sh: building zerofs and the workload runner (Release)"
dotnet build src/ZeroFs.Cli -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build bench/ZeroFs.Workloads -c Release -nologo -v quiet -clp:ErrorsOnly
zerofs_dll="$root/src/ZeroFs.Cli/bin/Release/net10.0/zerofs.dll"
workloads_dll="$root/bench/ZeroFs.Workloads/bin/Release/net10.0/ZeroFs.Workloads.dll"

work="$(mktemp -d "${WORK:-/tmp}/zerofs-fuse-workloads.XXXXXX")"
pids=()    # every background process, stopped in reverse order on exit
mounts=()  # every mount point
cleanup() {
  local m p
  for m in "${mounts[@]}"; do
    grep -q " $m fuse" /proc/self/mounts 2>/dev/null && fusermount3 -uz "$m" 2>/dev/null || true
  done
  for ((p = ${#pids[@]} - 1; p >= 0; p--)); do
    kill "${pids[p]}" 2>/dev/null && wait "${pids[p]}" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# wait_for FILE TEXT PID WHAT: until FILE contains TEXT (fails if PID exits first or after 120 s).
wait_for() {
  for _ in $(seq 1200); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || { echo "fuse-workloads.sh: $4 exited:" >&2; tail -n 30 "$1" >&2; exit 1; }
    sleep 0.1
  done
  echo "fuse-workloads.sh: $4 did not start in 120 s:" >&2
  tail -n 30 "$1" >&2
  exit 1
}

moto_port=""
start_moto() {
  moto_port="$(free_port)"
  MOTO_S3_DEFAULT_KEY_BUFFER_SIZE=65536 moto_server -H 127.0.0.1 -p "$moto_port" >"$work/moto.log" 2>&1 &
  pids+=($!)
  local pid=$!
  for _ in $(seq 300); do
    python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$moto_port/', timeout=1)" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || { echo "fuse-workloads.sh: moto_server exited:" >&2; cat "$work/moto.log" >&2; exit 1; }
    sleep 0.1
  done
  python3 - "$moto_port" <<'PY'
import sys, boto3
s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{sys.argv[1]}", region_name="us-east-1",
                  aws_access_key_id="test", aws_secret_access_key="test")
s3.create_bucket(Bucket="zerofs-bench")
PY
  echo "fuse-workloads.sh: moto_server on 127.0.0.1:$moto_port, bucket zerofs-bench"
}

proxy_port=""
start_proxy() {
  proxy_port="$(free_port)"
  python3 "$root/bench/delay-proxy.py" "$proxy_port" "$moto_port" "$DELAY_MS" >"$work/proxy.log" 2>&1 &
  pids+=($!)
  wait_for "$work/proxy.log" "listening on" "$!" "delay-proxy.py"
  echo "fuse-workloads.sh: $(head -n 1 "$work/proxy.log")"
}

# run_backend NAME STORAGE_TOML: a fresh server on that store, a FUSE mount, the workload, then teardown.
run_backend() {
  local name=$1 storage=$2 dir="$work/$1"
  mkdir -p "$dir/mnt" "$dir/baseline"
  local port
  port="$(free_port)"
  cat >"$dir/zerofs.toml" <<TOML
[cache]
dir = "$dir/cache"
disk_size_gb = 4.0
memory_size_gb = 0.5

$storage

[servers.ninep]
addresses = ["127.0.0.1:$port"]
TOML
  dotnet "$zerofs_dll" run -c "$dir/zerofs.toml" >"$dir/server.log" 2>&1 &
  local server=$!
  pids+=("$server")
  wait_for "$dir/server.log" "Press Ctrl+C" "$server" "zerofs run ($name)"

  local mount_args=(-f)
  [[ "$WRITEBACK" == 1 ]] && mount_args+=(--writeback)
  dotnet "$zerofs_dll" mount "127.0.0.1:$port" "$dir/mnt" "${mount_args[@]}" >"$dir/mount.log" 2>&1 &
  local mounter=$!
  pids+=("$mounter")
  mounts+=("$dir/mnt")
  wait_for "$dir/mount.log" "Mounted" "$mounter" "zerofs mount ($name)"

  echo
  echo "=== back-end: $name  (zerofs mount ${mount_args[*]} 127.0.0.1:$port; load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  local started=$SECONDS status=0
  dotnet "$workloads_dll" dir "$dir/mnt" --baseline "$dir/baseline" \
    --empty-files "$EMPTY_FILES" --small-files "$SMALL_FILES" --big-mib "$BIG_MIB" \
    --random-reads "$RANDOM_READS" --appends "$APPENDS" --tree-files "$TREE_FILES" || status=$?
  echo "=== $name: workload exit $status in $((SECONDS - started)) s; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

  fusermount3 -u "$dir/mnt" || fusermount3 -uz "$dir/mnt"
  wait "$mounter" 2>/dev/null || true
  kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  rm -rf "$dir/baseline" "$dir/cache"
  return "$status"
}

s3_storage() { # PORT
  cat <<TOML
[storage]
url = "s3://zerofs-bench/$1-$RANDOM"
encryption_password = "\${ZEROFS_PASSWORD}"

[aws]
access_key_id = "\${AWS_ACCESS_KEY_ID}"
secret_access_key = "\${AWS_SECRET_ACCESS_KEY}"
endpoint = "http://127.0.0.1:$2"
region = "us-east-1"
allow_http = "true"
force_path_style = "true"
TOML
}

echo "fuse-workloads.sh: back-ends: $BACKENDS; writeback: $WRITEBACK; $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
failed=0
for backend in $BACKENDS; do
  case "$backend" in
    local)
      run_backend local "$(printf '[storage]\nurl = "%s"\nencryption_password = "${ZEROFS_PASSWORD}"' "$work/local/store")" || failed=1
      ;;
    moto)
      [[ -n "$moto_port" ]] || start_moto
      run_backend moto "$(s3_storage moto "$moto_port")" || failed=1
      ;;
    moto+*)
      [[ -n "$moto_port" ]] || start_moto
      [[ -n "$proxy_port" ]] || start_proxy
      run_backend "moto+${DELAY_MS}ms" "$(s3_storage moto-delayed "$proxy_port")" || failed=1
      ;;
    *) echo "fuse-workloads.sh: unknown back-end '$backend' (local, moto, moto+20)" >&2; exit 2 ;;
  esac
done
exit "$failed"
