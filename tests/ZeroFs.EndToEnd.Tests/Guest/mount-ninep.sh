# Sourced by the guest scripts: mounts the 9P server under test at /mnt/z.
#   NINEP_OPTIONS  the full -o option string (trans, port, version, msize, access, cache, aname...)
# The server runs on the host's loopback, which the guest reaches as 10.0.2.2.
mkdir -p /mnt/z
if ! mount -t 9p -o "$NINEP_OPTIONS" 10.0.2.2 /mnt/z; then
	echo "guest: mount -t 9p -o $NINEP_OPTIONS 10.0.2.2 /mnt/z failed" >&2
	exit 10
fi
grep ' /mnt/z ' /proc/mounts
