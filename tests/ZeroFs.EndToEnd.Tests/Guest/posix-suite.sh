# Guest: the POSIX suite on the mount (9P, or NFS with MOUNT_KIND=nfs), as root and then as uid/gid 1000 in a directory it owns.
#   MOUNT_KIND     ninep (default) or nfs: which mount-*.sh mounts /mnt/z
#   RESULTS        shared host dir; holds posix_suite.py and receives root.tap / user.tap
#   SUITE_CAPS     capability switches for this front end
#   ROOT_READDIR_COUNT / USER_READDIR_COUNT
set -u
. "$(dirname "$0")/mount-${MOUNT_KIND:-ninep}.sh"

python3 "$RESULTS/posix_suite.py" $SUITE_CAPS --times --readdir-count "$ROOT_READDIR_COUNT" /mnt/z >"$RESULTS/root.tap" 2>&1
echo "root suite exit $?"

mkdir /mnt/z/u1000 && chown 1000:1000 /mnt/z/u1000 || exit 11
setpriv --reuid=1000 --regid=1000 --clear-groups \
	python3 "$RESULTS/posix_suite.py" $SUITE_CAPS --times --readdir-count "$USER_READDIR_COUNT" /mnt/z/u1000 >"$RESULTS/user.tap" 2>&1
echo "user suite exit $?"
exit 0
