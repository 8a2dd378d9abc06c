#!/usr/bin/env bash
# Runs the project's POSIX suite (tests/posix/posix_suite.py) on a `zerofs mount` FUSE mount.
#   scripts/fuse-posix-suite.sh TARGET [--aname NAME] [-- SUITE-ARGS...]
# TARGET is what `zerofs mount` takes (host:port, unix:/path). Mounts on a temp dir as root (the
# suite then also runs its permission checks as other uids), runs the suite, unmounts, and exits
# with the suite's status. Example against a local `zerofs run`:
#   scripts/fuse-posix-suite.sh 127.0.0.1:5564 -- --no-groups --no-xattr-empty --no-atime --no-sparse
# (the capabilities a zerofs 9P mount lacks; tests/ZeroFs.Fuse.Tests/PosixSuiteTests.cs runs the same).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${1:?usage: $0 TARGET [--aname NAME] [-- SUITE-ARGS...]}"
shift
mount_args=()
while (($#)) && [[ "$1" != "--" ]]; do mount_args+=("$1"); shift; done
[[ "${1:-}" == "--" ]] && shift
suite="$root/tests/posix/posix_suite.py"
[[ -f "$suite" ]] || { echo "$0: $suite is missing" >&2; exit 2; }
zerofs="$root/src/ZeroFs.Cli/bin/Release/net10.0/zerofs.dll"
[[ -f "$zerofs" ]] || dotnet build "$root/src/ZeroFs.Cli" -c Release -nologo -v quiet
mnt="$(mktemp -d /tmp/zerofs-fuse-posix.XXXXXX)"
log="$mnt.log"
dotnet "$zerofs" mount "$target" "$mnt" "${mount_args[@]}" --log-file "$log"
status=0
python3 "$suite" "$@" "$mnt" || status=$?
fusermount3 -u "$mnt" || fusermount3 -uz "$mnt"
rmdir "$mnt"
echo "fuse-posix-suite: exit $status (mount log: $log)"
exit "$status"
