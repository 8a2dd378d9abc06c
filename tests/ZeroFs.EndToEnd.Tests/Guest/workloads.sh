# Guest: real programs on the mount (9P, or NFS with MOUNT_KIND=nfs). Every step must succeed (set -e); the first failure ends the run
# with the step's name on stdout.
#   MOUNT_KIND     ninep (default) or nfs: which mount-*.sh mounts /mnt/z
#   STEPS          which of "tar git build stress" to run (default: "tar git stress")
#   TAR_SOURCES    dirs under /usr/include to copy (bounded: exec and round trips are slow under emulation)
#   GIT_SUBDIR     the part of the copied tree that becomes a git repository
#   BUILD_UNITS    build: how many generated C translation units make -j4 compiles and links into one program
#   STRESSORS      stress-ng stressors to run, one instance each, all at once
#   STRESS_SECONDS stress-ng's --timeout for the whole set
set -euo pipefail
. "$(dirname "$0")/mount-${MOUNT_KIND:-ninep}.sh"
here=$(cd "$(dirname "$0")" && pwd)
STEPS=${STEPS:-tar git stress}
wants() { [[ " $STEPS " == *" $1 "* ]]; }
step() { echo "== step: $* ($(cut -d' ' -f1 /proc/uptime)s)"; }
trap 'echo "workloads: FAILED at line $LINENO: $BASH_COMMAND (exit $?)"' ERR

# Metadata that must survive a tar round trip: type, mode, owner, size, mtime (whole seconds: tar's
# default format), symlink targets.
describe() { # dir
	(cd "$1" && find $TAR_SOURCES \( -type f -printf 'f %m %U:%G %s %Ts %p\n' \) -o \
		\( -type d -printf 'd %m %U:%G %Ts %p\n' \) -o \( -type l -printf 'l %U:%G %p -> %l\n' \) | LC_ALL=C sort)
}
checksums() { # dir
	(cd "$1" && find $TAR_SOURCES -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
}

if wants tar; then
	step "tar onto the mount: /usr/include/{$TAR_SOURCES}"
	mkdir /mnt/z/tree
	tar -C /usr/include -cf - $TAR_SOURCES | tar -C /mnt/z/tree -xf -
	echo "extracted ($(cut -d' ' -f1 /proc/uptime)s)"
	describe /usr/include >/tmp/source.meta
	describe /mnt/z/tree >/tmp/mount.meta
	diff -u /tmp/source.meta /tmp/mount.meta
	checksums /usr/include >/tmp/source.sha
	checksums /mnt/z/tree >/tmp/mount.sha
	diff -u /tmp/source.sha /tmp/mount.sha
	echo "tar: $(wc -l </tmp/source.meta) entries, $(wc -l </tmp/source.sha) files identical on the mount"

	step "tar back off the mount"
	mkdir /tmp/back
	tar -C /mnt/z/tree -cf - $TAR_SOURCES | tar -C /tmp/back -xf -
	for d in $TAR_SOURCES; do diff -r --no-dereference "/usr/include/$d" "/tmp/back/$d"; done
	describe /tmp/back >/tmp/back.meta
	diff -u /tmp/source.meta /tmp/back.meta
	echo "tar back: identical"
fi

if wants git; then
	step "git on the mount"
	export GIT_AUTHOR_NAME=rig GIT_AUTHOR_EMAIL=rig@localhost GIT_COMMITTER_NAME=rig GIT_COMMITTER_EMAIL=rig@localhost
	cd "/mnt/z/tree/$GIT_SUBDIR"
	git init -q
	git add -A
	git commit -q -m "import"
	test -z "$(git status --porcelain)" || { git status; echo "git status not clean after commit"; exit 1; }
	first=$(find . -path ./.git -prune -o -type f -print | LC_ALL=C sort | head -n 1)
	echo "/* changed on the mount */" >>"$first"
	test "$(git status --porcelain)" = " M ${first#./}" || { git status --porcelain; echo "git status misses the change"; exit 1; }
	git commit -q -a -m "change"
	git gc -q
	git fsck --strict --no-progress
	test -z "$(git status --porcelain)" || { git status; echo "git status not clean after gc"; exit 1; }
	test "$(git rev-list --count HEAD)" = 2
	test "$(git diff --name-only HEAD~1 HEAD)" = "${first#./}"
	git checkout -q HEAD~1 -- "$first"
	cmp "$first" "/usr/include/$GIT_SUBDIR/${first#./}"
	echo "git: $(git ls-files | wc -l) files committed, status clean, fsck clean"
	cd /
fi

if wants build; then
	step "parallel build: make -j4 of $BUILD_UNITS generated C files"
	mkdir /mnt/z/build
	# One tiny function per unit, a header declaring them and a main that sums their results: the
	# generator prints the checksum the program must print.
	expected=$(python3 "$here/gen-c-project.py" /mnt/z/build "$BUILD_UNITS")
	cd /mnt/z/build
	make -s -j4
	test "$(./prog)" = "checksum $expected" || { echo "prog printed '$(./prog)', expected checksum $expected"; exit 1; }
	test "$(find obj -name '*.o' | wc -l)" = $((BUILD_UNITS + 1))
	# A second make has nothing to do (every object is newer than its sources on the mount) ...
	make -q || { echo "make -q: the tree is not up to date after a full build"; make -n | head; exit 1; }
	test "$(make -j4)" = "make: 'prog' is up to date." || { echo "the second make rebuilt something"; exit 1; }
	# ... and touching one source rebuilds exactly that unit and the link.
	sleep 1.1
	touch src/u007.c
	rebuilt=$(make -j4 | grep -c -- ' -c ' || true)
	test "$rebuilt" = 1 || { echo "touching one source recompiled $rebuilt units"; exit 1; }
	test "$(./prog)" = "checksum $expected"
	echo "build: $BUILD_UNITS units compiled and linked, checksum $expected, rebuild incremental"
	cd /
fi

if wants stress; then
	step "stress-ng filesystem stressors"
	mkdir /mnt/z/stress
	stressors=()
	for s in $STRESSORS; do stressors+=("--$s" 1); done
	# A stressor stuck in the filesystem must fail the step, not hang the guest until vm-run's timeout.
	timeout -k 10 $((STRESS_SECONDS + 300)) stress-ng --temp-path /mnt/z/stress --timeout "${STRESS_SECONDS}s" \
		--metrics-brief --verify --hdd-bytes 8M "${stressors[@]}" 2>&1 | tee /tmp/stress.log
	grep -q "successful run completed" /tmp/stress.log
	if grep -Ei "fail|error" /tmp/stress.log | grep -v " 0 fail"; then echo "stress-ng reported failures"; exit 1; fi
	test -z "$(ls -A /mnt/z/stress)" || { echo "stress-ng left files behind:"; ls -la /mnt/z/stress; exit 1; }
fi

step "done"
echo "workloads: all steps passed"
