# Sourced by the guest scripts (MOUNT_KIND=nfs): mounts the NFSv3 server under test at /mnt/z.
#   NFS_OPTIONS  the full -o option string (vers=3, proto, nolock, port, mountport...)
# The server runs on the host's loopback, which the guest reaches as 10.0.2.2. Several scripts of one
# boot source this: the second finds the mount in place.
mkdir -p /mnt/z
if ! mountpoint -q /mnt/z && ! mount -t nfs -o "$NFS_OPTIONS" 10.0.2.2:/ /mnt/z; then
	echo "guest: mount -t nfs -o $NFS_OPTIONS 10.0.2.2:/ /mnt/z failed" >&2
	exit 10
fi
grep ' /mnt/z ' /proc/mounts
