# Guest: the kernel's NBD client on an export of the server under test. Every step must succeed
# (set -e); the first failure ends the run with the step's name on stdout.
#   NBD_PHASE      write (first boot) or verify (second boot, after the host SIGKILLed and restarted the server)
#   NBD_PORT       the server's NBD port
#   NBD_EXPORT     the export: a regular file in /.nbd of the filesystem
#   NBD_SIZE       its size (write creates it through the 9P mount)
#   NINEP_OPTIONS  for mount-ninep.sh (write only)
#   TREE           dir under /usr/include copied onto ext4 (write only)
#   RESULTS        shared host dir; receives random.sha256 (write), read back by verify
# Durability: write puts RANDOM_MIB MiB of random data at RANDOM_SEEK_MIB MiB on the raw device with
# O_DIRECT and fsync (an NBD FLUSH), records its sha256 and powers off without disconnecting.
set -euo pipefail
step() { echo "== step: $* ($(cut -d' ' -f1 /proc/uptime)s)"; }
trap 'echo "nbd: FAILED at line $LINENO: $BASH_COMMAND (exit $?)"' ERR
RANDOM_SEEK_MIB=64
RANDOM_MIB=32

connect() {
	step "nbd-client -N $NBD_EXPORT 10.0.2.2 $NBD_PORT /dev/nbd0"
	nbd-client -N "$NBD_EXPORT" 10.0.2.2 "$NBD_PORT" /dev/nbd0
	test "$(blockdev --getsize64 /dev/nbd0)" = "$(numfmt --from=iec "$NBD_SIZE")"
}

case "$NBD_PHASE" in
write)
	step "create /.nbd/$NBD_EXPORT ($NBD_SIZE) through 9P"
	. "$(dirname "$0")/mount-ninep.sh"
	mkdir -p /mnt/z/.nbd
	truncate -s "$NBD_SIZE" "/mnt/z/.nbd/$NBD_EXPORT"
	connect

	step "mkfs.ext4, copy /usr/include/$TREE"
	mkfs.ext4 -q -F /dev/nbd0
	mkdir -p /mnt/e
	mount /dev/nbd0 /mnt/e
	cp -a "/usr/include/$TREE" /mnt/e/
	sync
	umount /mnt/e

	step "e2fsck -f -n"
	e2fsck -f -n /dev/nbd0

	step "remount, diff -r"
	mount /dev/nbd0 /mnt/e
	diff -r --no-dereference "/usr/include/$TREE" "/mnt/e/$TREE"
	echo "tree: $(find "/mnt/e/$TREE" | wc -l) entries identical"

	step "fstrim"
	rm -rf "/mnt/e/$TREE"
	fstrim -v /mnt/e
	umount /mnt/e
	nbd-client -d /dev/nbd0
	for _ in $(seq 100); do [ -e /sys/block/nbd0/pid ] || break; sleep 0.1; done

	connect
	step "dd ${RANDOM_MIB} MiB of random data at ${RANDOM_SEEK_MIB} MiB, oflag=direct conv=fsync"
	head -c "$((RANDOM_MIB << 20))" /dev/urandom >/tmp/random
	dd if=/tmp/random of=/dev/nbd0 bs=1M seek="$RANDOM_SEEK_MIB" oflag=direct conv=fsync status=none
	sha256sum </tmp/random | cut -d' ' -f1 >"$RESULTS/random.sha256.tmp"
	mv "$RESULTS/random.sha256.tmp" "$RESULTS/random.sha256"
	sync "$RESULTS/random.sha256"
	echo "nbd write: recorded $(cat "$RESULTS/random.sha256")"
	;;
verify)
	connect
	step "read ${RANDOM_MIB} MiB back at ${RANDOM_SEEK_MIB} MiB"
	actual=$(dd if=/dev/nbd0 bs=1M skip="$RANDOM_SEEK_MIB" count="$RANDOM_MIB" iflag=direct status=none | sha256sum | cut -d' ' -f1)
	expected=$(cat "$RESULTS/random.sha256")
	echo "nbd verify: expected $expected, read $actual"
	test "$actual" = "$expected"
	nbd-client -d /dev/nbd0
	;;
*)
	echo "NBD_PHASE=$NBD_PHASE: expected write or verify"
	exit 2
	;;
esac
echo "nbd $NBD_PHASE: all steps passed"
