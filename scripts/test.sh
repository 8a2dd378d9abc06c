#!/usr/bin/env bash
# The one command that runs every test on a fresh machine of this kind:
#   1. installs missing Debian packages (apt-get, only when something is missing),
#   2. restores NuGet packages, checks formatting, builds Release with warnings as errors,
#   3. runs every test project (the S3 tests start their own moto_server on a free loopback port),
#   4. prints one closing line "N passed, N failed".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Debian packages the suite uses. Tools are probed by command, packages by dpkg status.
apt_packages=(
  libnfs-utils libnbd-bin python3-libnbd
  # FUSE (zerofs mount and its tests); libc6-dev for the /usr/include tree the FUSE tar test copies.
  fuse3 libfuse3-3 libc6-dev
  # The kernel-client rig (../shared/rig/vm-run, used by tests/ZeroFs.EndToEnd.Tests) and what its guest
  # runs from the host's userland: the POSIX suite, tar, git, stress-ng; diod for ZEROFS_E2E_NINEP_SERVER=diod.
  qemu-system-x86 linux-image-amd64 busybox-static cpio kmod
  python3 stress-ng git tar diffutils findutils util-linux diod
  # The kernel NBD tests (KernelNbdTests): nbd-client, and fio's crc32c verification (also bench/rig-nbd.sh).
  nbd-client fio
  # The kernel NFSv3 tests: mount.nfs (the guest runs the host's), and gcc + make for the parallel build.
  nfs-common gcc make
)
missing=()
for pkg in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "test.sh: installing ${missing[*]}"
  sudo_cmd=""
  [[ $(id -u) -eq 0 ]] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v moto_server >/dev/null 2>&1; then
  echo "test.sh: moto_server is not on PATH; the S3 tests need it (preinstalled on this machine kind: pip package 'moto[server]')" >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "test.sh: restore"
dotnet restore ZeroFs.slnx -nologo -v quiet

echo "test.sh: format check"
dotnet format ZeroFs.slnx --verify-no-changes --no-restore -v quiet

echo "test.sh: build (Release, warnings as errors)"
dotnet build ZeroFs.slnx -c Release --no-restore -nologo -v quiet -clp:ErrorsOnly

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

echo "test.sh: test"
status=0
dotnet test ZeroFs.slnx -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" \
  -- RunConfiguration.TreatNoTestsAsError=true || status=$?

# One closing line over every TRX file.
passed=0
failed=0
for trx in "$results"/*.trx; do
  [[ -f "$trx" ]] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
if ((passed == 0)); then
  echo "test.sh: no test ran" >&2
  status=1
fi
echo "${passed} passed, ${failed} failed"
exit "$status"
