# Guest: everything the NFS test checks in one boot, on one NFSv3 mount at /mnt/z: the POSIX suite
# (posix-suite.sh) and then a tar round trip (workloads.sh with STEPS=tar).
#   NFS_OPTIONS, RESULTS, SUITE_CAPS, *_READDIR_COUNT, TAR_SOURCES   see the scripts named above
set -u
export MOUNT_KIND=nfs STEPS=tar
here=$(dirname "$0")
bash "$here/posix-suite.sh" || exit
bash "$here/workloads.sh"
