#!/usr/bin/env bash
# bench/rig-nbd.sh: fio in the rig's guest (Debian's kernel, ../shared/rig/vm-run) on /dev/nbd0 connected to a
# zerofs export with the kernel's NBD client, and on a guest ramdisk (brd) in the same boot as the baseline;
# prints each figure and zerofs/ramdisk.
#
#   bench/rig-nbd.sh           # sizes below; override with the environment, e.g. SIZE_MIB=512 RUNTIME=20
#
# Workloads (fio, libaio, O_DIRECT): 1 MiB sequential write ending in an fsync (an NBD FLUSH; the figure
# is bytes over the run including it), 1 MiB sequential read, 4 KiB random read at QD1 and QD32 (warm: the
# region was just read), 4 KiB random write at QD1 and QD32 (each ending in an fsync). DATA below says what the writes carry.
# The guest runs under TCG on hosts without usable KVM (see ../shared/rig/README.md): the absolute figures
# then measure the emulated client more than the server; bench/host-nbd.sh measures the server from the host.
set -euo pipefail
SIZE_MIB=${SIZE_MIB:-256}
RAND_MIB=${RAND_MIB:-128}
RUNTIME=${RUNTIME:-10}
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

vm_run=""
for dir in "$root/.." "$root/../.." "$root/../../.."; do
	[[ -x "$dir/shared/rig/vm-run" ]] && { vm_run="$(cd "$dir/shared/rig" && pwd)/vm-run"; break; }
done
[[ -n "$vm_run" ]] || { echo "rig-nbd.sh: no shared/rig/vm-run beside the repository" >&2; exit 1; }

results="$work/results"
mkdir -p "$results"
"$vm_run" --mem 3G --timeout 1800 --share "$results" -- "
set -euo pipefail
mkdir -p /mnt/z
mount -t 9p -o trans=tcp,port=$ninep_port,version=9p2000.L,msize=1048576,access=user 10.0.2.2 /mnt/z
mkdir -p /mnt/z/.nbd
truncate -s ${SIZE_MIB}M /mnt/z/.nbd/vol1
umount /mnt/z
nbd-client -N vol1 10.0.2.2 $nbd_port /dev/nbd0
modprobe brd rd_nr=1 rd_size=$((SIZE_MIB * 1024))
run() { # target device name [fio args]
	local target=\$1 device=\$2 name=\$3
	shift 3
	echo \"rig-nbd.sh: \$target \$name\"
	fio --name=\$name --filename=\$device --ioengine=libaio --direct=1 --output-format=json \
		--output=$results/\$target-\$name.json \"\$@\"
}
suite() { # target device
	run \$1 \$2 seqwrite --rw=write --bs=1M --iodepth=$SEQ_DEPTH --size=${SIZE_MIB}M --end_fsync=1 $data_args
	run \$1 \$2 seqread --rw=read --bs=1M --iodepth=$SEQ_DEPTH --size=${SIZE_MIB}M
	run \$1 \$2 randread-qd1 --rw=randread --bs=4k --iodepth=1 --size=${RAND_MIB}M --time_based --runtime=$RUNTIME
	run \$1 \$2 randread-qd32 --rw=randread --bs=4k --iodepth=32 --size=${RAND_MIB}M --time_based --runtime=$RUNTIME
	run \$1 \$2 randwrite-qd1 --rw=randwrite --bs=4k --iodepth=1 --size=${RAND_MIB}M --time_based --runtime=$RUNTIME --end_fsync=1 $data_args
	run \$1 \$2 randwrite-qd32 --rw=randwrite --bs=4k --iodepth=32 --size=${RAND_MIB}M --time_based --runtime=$RUNTIME --end_fsync=1 $data_args
}
suite zerofs /dev/nbd0
suite ramdisk /dev/ram0
nbd-client -d /dev/nbd0
"

echo; echo "writes carry DATA=$DATA; zerofs compression ${ZEROFS_COMPRESSION:-zstd-3}"
printf '%-32s %12s %12s %8s\n' workload zerofs ramdisk ratio
row() { # label name what direction
	local z n
	z=$(python3 "$summary" "$results/zerofs-$2.json" "$3" "$4")
	n=$(python3 "$summary" "$results/ramdisk-$2.json" "$3" "$4")
	printf '%-32s %12s %12s %8s\n' "$1" "$z" "$n" "$(python3 -c "print(f'{$z / $n:.2f}')")"
}
row "seq write 1 MiB QD$SEQ_DEPTH +fsync, MB/s" seqwrite mbps write
row "seq read 1 MiB QD$SEQ_DEPTH, MB/s" seqread mbps read
row "rand read 4 KiB QD1, IOPS" randread-qd1 iops read
row "rand read 4 KiB QD32, IOPS" randread-qd32 iops read
row "rand write 4 KiB QD1, IOPS" randwrite-qd1 iops write
row "rand write 4 KiB QD32, IOPS" randwrite-qd32 iops write
