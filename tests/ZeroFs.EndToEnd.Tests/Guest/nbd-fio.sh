# Guest: fio's crc32c verification on the kernel's NBD client, across a SIGKILL of the server and a reconnect.
# Every step must succeed (set -e); the first failure ends the run with the step's name on stdout.
#   NBD_PORT     the server's NBD port
#   NBD_EXPORT   the export: a regular file in /.nbd of the filesystem (created here through 9P)
#   NBD_SIZE     its size; fio writes 4 KiB blocks at random offsets over all of it
#   FIO_IO_SIZE  how much fio writes (each block at most once: fio's random map), then verifies
#   NINEP_OPTIONS  for mount-ninep.sh
#   RESULTS      shared host dir: fio-<pass>.json and fio-<pass>.err per pass, and the handshake files:
#                the guest creates `flushed` once the write pass has fsynced (an NBD FLUSH) and waits for
#                the host to SIGKILL the server, restart it on the same store and create `restarted`.
# Passes: write (do_verify=0, end_fsync=1); after the restart: disconnect, reconnect, verify_only; disconnect,
# reconnect, verify_only again; then a control: one data bit flipped in one written block must make verify_only fail.
set -euo pipefail
step() { echo "== step: $* ($(cut -d' ' -f1 /proc/uptime)s)"; }
trap 'echo "nbd-fio: FAILED at line $LINENO: $BASH_COMMAND (exit $?)"' ERR

# The same job for every pass: verify_only replays the write pass's offsets from the same seed.
job=(--name=nbd-verify --filename=/dev/nbd0 --rw=randwrite --bs=4k --size="$NBD_SIZE" --io_size="$FIO_IO_SIZE"
	--ioengine=libaio --iodepth=16 --direct=1 --randrepeat=1 --verify=crc32c
	--output-format=json)

connect() {
	nbd-client -N "$NBD_EXPORT" 10.0.2.2 "$NBD_PORT" /dev/nbd0
	test "$(blockdev --getsize64 /dev/nbd0)" = "$(numfmt --from=iec "$NBD_SIZE")"
}

disconnect() {
	nbd-client -d /dev/nbd0
	for _ in $(seq 100); do [ -e /sys/block/nbd0/pid ] || return 0; sleep 0.1; done
	echo "nbd-fio: /dev/nbd0 still connected after nbd-client -d"
	return 1
}

# fio <pass> [args]: one pass; its exit status, its stderr and its JSON's job error must all be clean.
fio_pass() {
	local pass=$1 status=0
	shift
	fio "${job[@]}" --output="$RESULTS/fio-$pass.json" "$@" 2>"$RESULTS/fio-$pass.err" || status=$?
	if ((status != 0)) || grep -q 'verify' "$RESULTS/fio-$pass.err" || ! grep -q '"error" : 0,' "$RESULTS/fio-$pass.json"; then
		echo "nbd-fio: fio $pass FAILED (exit $status)"
		cat "$RESULTS/fio-$pass.err"
		grep -E '"(error|io_bytes)"' "$RESULTS/fio-$pass.json" || true
		return 1
	fi
	echo "fio $pass: exit 0, no errors"
}

step "create /.nbd/$NBD_EXPORT ($NBD_SIZE) through 9P, connect"
. "$(dirname "$0")/mount-ninep.sh"
mkdir -p /mnt/z/.nbd
truncate -s "$NBD_SIZE" "/mnt/z/.nbd/$NBD_EXPORT"
umount /mnt/z
connect

step "fio write: $FIO_IO_SIZE of 4 KiB random writes, libaio iodepth 16, O_DIRECT, crc32c headers, end_fsync"
fio_pass write --do_verify=0 --end_fsync=1

step "flushed: the host SIGKILLs the server and restarts it"
: >"$RESULTS/flushed"
for _ in $(seq 1200); do [ -e "$RESULTS/restarted" ] && break; sleep 0.1; done
test -e "$RESULTS/restarted"

step "disconnect, reconnect to the restarted server, fio verify_only"
disconnect
connect
fio_pass verify-restart --verify_only

step "disconnect, reconnect, fio verify_only"
disconnect
connect
fio_pass verify-reconnect --verify_only

step "control: flip one data bit of the first block fio wrote, fio verify_only must fail"
block=0
# fio's verify header starts with the magic 0xacca (little-endian: ca ac); unwritten blocks read as zeros.
blocks=$(($(blockdev --getsize64 /dev/nbd0) / 4096))
until [ "$(od -An -tx1 -N2 -j $((block * 4096)) /dev/nbd0 | tr -d ' ')" = caac ]; do
	block=$((block + 1))
	((block < blocks)) || { echo "nbd-fio: no block carries fio's verify header"; exit 1; }
done
dd if=/dev/nbd0 of=/tmp/block bs=4k skip="$block" count=1 iflag=direct status=none
byte=$(od -An -tu1 -j 3000 -N1 /tmp/block | tr -d ' ')
printf "\\$(printf %o $((byte ^ 1)))" | dd of=/tmp/block bs=1 seek=3000 conv=notrunc status=none
dd if=/tmp/block of=/dev/nbd0 bs=4k seek="$block" count=1 oflag=direct conv=fsync status=none
status=0
fio "${job[@]}" --output="$RESULTS/fio-corrupt.json" --verify_only 2>"$RESULTS/fio-corrupt.err" || status=$?
cat "$RESULTS/fio-corrupt.err"
if ((status == 0)) || ! grep -q "crc32c: verify failed at file /dev/nbd0 offset $((block * 4096))," "$RESULTS/fio-corrupt.err"; then
	echo "nbd-fio: fio verify_only did not report the flipped bit in block $block (exit $status)"
	exit 1
fi
echo "fio corrupt: exit $status, the flipped bit in block $block was detected"
disconnect
echo "nbd-fio: all steps passed"
