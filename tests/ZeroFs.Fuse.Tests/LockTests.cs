namespace ZeroFs.Fuse.Tests;

/// <summary>POSIX locks between two processes on the mount (Tlock / Tgetlock; F_SETLKW retries while blocked).</summary>
[Collection(MountCollection.Name)]
public sealed class LockTests(MountFixture fixture)
{
    [Fact]
    public async Task WriteLock_ConflictsAcrossProcesses_AndWaiterGetsItOnRelease()
    {
        var dir = fixture.NewDirectory();
        var path = Path.Combine(dir, "locked");
        File.WriteAllText(path, "data");
        var output = await Shell.PythonAsync($$"""
            import fcntl, os, subprocess, sys, time, struct
            p = '{{path}}'
            holder = open(p, 'r+')
            fcntl.lockf(holder, fcntl.LOCK_EX)
            probe = subprocess.run([sys.executable, '-c', '''
            import fcntl, struct
            f = open("{{path}}", "r+")
            try:
                fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB); print("acquired")
            except OSError as e: print("errno", e.errno)
            res = struct.unpack("hhqqi", fcntl.fcntl(f, fcntl.F_GETLK, struct.pack("hhqqi", fcntl.F_WRLCK, 0, 0, 0, 0)))
            print("getlk", res[0], "holder", res[4])
            '''.replace('\n            ', '\n')], capture_output=True, text=True)
            print(probe.stdout.strip().replace('\n', ' ').replace(f'holder {os.getpid()}', 'holder is me') + probe.stderr.strip())
            waiter = subprocess.Popen([sys.executable, '-c', '''
            import fcntl, time
            f = open("{{path}}", "r+")
            fcntl.lockf(f, fcntl.LOCK_EX); print("waiter acquired", flush=True)
            '''.replace('\n            ', '\n')], stdout=subprocess.PIPE, text=True)
            time.sleep(1.0)
            print('waiter done early' if waiter.poll() is not None else 'waiter blocked')
            fcntl.lockf(holder, fcntl.LOCK_UN)
            print(waiter.communicate(timeout=30)[0].strip())
            """);
        Assert.Equal("errno 11 getlk 1 holder is me\nwaiter blocked\nwaiter acquired", output);
    }

    [Fact]
    public async Task Close_ReleasesTheProcesssLocks()
    {
        var dir = fixture.NewDirectory();
        var path = Path.Combine(dir, "closed");
        File.WriteAllText(path, "data");
        var output = await Shell.PythonAsync($$"""
            import fcntl, subprocess, sys
            p = '{{path}}'
            a = open(p, 'r+'); other = open(p, 'r')
            fcntl.lockf(a, fcntl.LOCK_EX)
            other.close()                    # POSIX: closing any descriptor drops the process's locks
            r = subprocess.run([sys.executable, '-c', 'import fcntl; f = open("{{path}}", "r+"); fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB); print("acquired")'],
                               capture_output=True, text=True)
            print(r.stdout.strip() or r.stderr.strip()[-60:])
            """);
        Assert.Equal("acquired", output);
    }
}
