#!/usr/bin/env bash
# bench/host-nbd.sh: fio's nbd engine (libnbd, on this host, no guest) against a zerofs NBD export and, in the
# same run, against nbdkit's `memory` plugin as the baseline; prints each figure and zerofs/nbdkit.
#
#   bench/host-nbd.sh          # sizes below; override with the environment, e.g. SIZE_MIB=2048 RUNTIME=30
#
# Workloads (fio, one job each): 1 MiB sequential write ending in a flush (durable: the figure is bytes over
# the run including the flush), 1 MiB sequential read, 4 KiB random read at QD1 and QD32 (warm: the region
# was just read), 4 KiB random write at QD1 and QD32 (each ending in a flush). DATA below says what the writes carry.
set -euo pipefail
SIZE_MIB=${SIZE_MIB:-1024}
RAND_MIB=${RAND_MIB:-256}
RUNTIME=${RUNTIME:-15}
SEQ_DEPTH=${SEQ_DEPTH:-8}
# What the writes carry: "half" (default) half-compressible buffers refilled per I/O, like bench/ZeroFs.Workloads'
# fs workload; "random" fio's default incompressible buffers (zstd's slowest case: every byte is searched for
# matches in the WAL, in L0 and again in compaction, and stored raw).
DATA=${DATA:-half}
case "$DATA" in
half) data_args="--buffer_compress_percentage=50 --refill_buffers" ;;
random) data_args="" ;;
*) echo "DATA=$DATA: expected half or random" >&2; exit 2 ;;
esac
. "$(dirname "${BASH_SOURCE[0]}")/nbd-server.sh"
summary="$root/bench/fio-summary.py"

echo "host-nbd.sh: creating /.nbd/vol1 (${SIZE_MIB} MiB) through zerofs mount (FUSE over the 9P unix socket)"
mkdir -p "$work/mnt"
dotnet "$zerofs_dll" mount "unix:$work/zerofs.9p.sock" "$work/mnt" >"$work/mount.log" 2>&1
cleanup_mounts+=("$work/mnt")
mkdir -p "$work/mnt/.nbd"
truncate -s "${SIZE_MIB}M" "$work/mnt/.nbd/vol1"
fusermount3 -u "$work/mnt"

nbdkit_port="$(free_port)"
nbdkit --foreground -p "$nbdkit_port" -i 127.0.0.1 memory "${SIZE_MIB}M" 2>"$work/nbdkit.log" &
cleanup_pids+=("$!")
wait_for_port "$nbdkit_port" "$!" nbdkit

# run TARGET URI NAME [fio args]: one workload; the JSON goes to $work/TARGET-NAME.json.
run() {
	local target=$1 uri=$2 name=$3
	shift 3
	fio --name="$name" --ioengine=nbd --uri="$uri" --output-format=json --output="$work/$target-$name.json" "$@" >/dev/null
}

suite() {
	local target=$1 uri=$2
	echo "host-nbd.sh: $target ($uri)"
	run "$target" "$uri" seqwrite --rw=write --bs=1M --iodepth="$SEQ_DEPTH" --size="${SIZE_MIB}M" --end_fsync=1 $data_args
	run "$target" "$uri" seqread --rw=read --bs=1M --iodepth="$SEQ_DEPTH" --size="${SIZE_MIB}M"
	run "$target" "$uri" randread-qd1 --rw=randread --bs=4k --iodepth=1 --size="${RAND_MIB}M" --time_based --runtime="$RUNTIME"
	run "$target" "$uri" randread-qd32 --rw=randread --bs=4k --iodepth=32 --size="${RAND_MIB}M" --time_based --runtime="$RUNTIME"
	run "$target" "$uri" randwrite-qd1 --rw=randwrite --bs=4k --iodepth=1 --size="${RAND_MIB}M" --time_based --runtime="$RUNTIME" --end_fsync=1 $data_args
	run "$target" "$uri" randwrite-qd32 --rw=randwrite --bs=4k --iodepth=32 --size="${RAND_MIB}M" --time_based --runtime="$RUNTIME" --end_fsync=1 $data_args
}

suite zerofs "nbd://127.0.0.1:$nbd_port/vol1"
suite nbdkit "nbd://127.0.0.1:$nbdkit_port"

echo; echo "writes carry DATA=$DATA; zerofs compression ${ZEROFS_COMPRESSION:-zstd-3}"
printf '%-32s %12s %12s %8s\n' workload zerofs nbdkit ratio
row() { # label name what direction
	local z n
	z=$(python3 "$summary" "$work/zerofs-$2.json" "$3" "$4")
	n=$(python3 "$summary" "$work/nbdkit-$2.json" "$3" "$4")
	printf '%-32s %12s %12s %8s\n' "$1" "$z" "$n" "$(python3 -c "print(f'{$z / $n:.2f}')")"
}
row "seq write 1 MiB QD$SEQ_DEPTH +flush, MB/s" seqwrite mbps write
row "seq read 1 MiB QD$SEQ_DEPTH, MB/s" seqread mbps read
row "rand read 4 KiB QD1, IOPS" randread-qd1 iops read
row "rand read 4 KiB QD32, IOPS" randread-qd32 iops read
row "rand write 4 KiB QD1, IOPS" randwrite-qd1 iops write
row "rand write 4 KiB QD32, IOPS" randwrite-qd32 iops write
