using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;
using ZeroFs.Fuse.Connection;
using ZeroFs.Fuse.Interop;
using ZeroFs.NineP.Client;

namespace ZeroFs.Fuse;

/// <summary>
/// A live FUSE mount of a 9P server. <see cref="MountAsync"/> connects (failing with a clear
/// <see cref="FuseMountException"/> when the server is down), mounts through libfuse (directly as
/// root, through the setuid <c>fusermount3</c> otherwise) and starts the worker threads that read
/// /dev/fuse. The mount ends when it is unmounted, by <see cref="UnmountAsync"/> or from outside
/// (<c>fusermount3 -u</c>, <c>umount</c>); <see cref="Completion"/> then completes.
/// </summary>
public sealed class FuseMount : IAsyncDisposable
{
    private const int ENODEV = 19;
    private const int EINTR = 4;
    private const int EAGAIN = 11;
    private const int ENOENT = 2;

    private readonly FuseMountOptions _options;
    private readonly ServerConnection _connection;
    private readonly FuseFileSystem _fileSystem;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Thread[] _workers;
    private GCHandle _self;
    private nint _session;
    private int _running;
    private int _disposed;

    private FuseMount(FuseMountOptions options, string mountPoint, ServerConnection connection, FuseFileSystem fileSystem, ILogger logger)
    {
        _options = options;
        MountPoint = mountPoint;
        _connection = connection;
        _fileSystem = fileSystem;
        _logger = logger;
        _workers = new Thread[options.WorkerThreads];
    }

    /// <summary>Gets the absolute mount point.</summary>
    public string MountPoint { get; }

    /// <summary>Gets a task that completes when the file system has been unmounted and every worker has stopped.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Gets the number of inodes the kernel holds (diagnostics).</summary>
    public int InodeCount => _fileSystem.InodeCount;

    /// <summary>Gets the number of open files and directories (diagnostics).</summary>
    public int HandleCount => _fileSystem.HandleCount;

    /// <summary>Connects to the server, attaches as the current user and mounts.</summary>
    /// <param name="options">What to mount where.</param>
    /// <param name="loggerFactory">Logging.</param>
    /// <param name="time">Clock for backoff and lock retries; null for the system clock.</param>
    /// <param name="cancellationToken">Cancels connecting.</param>
    /// <returns>The live mount.</returns>
    /// <exception cref="FuseMountException">The server is unreachable or refuses the attach, or the mount failed.</exception>
    /// <exception cref="PlatformNotSupportedException">Not Linux on x86-64.</exception>
    public static async Task<FuseMount> MountAsync(
        FuseMountOptions options, ILoggerFactory loggerFactory, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        options.Validate();
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            throw new PlatformNotSupportedException("the FUSE client binds libfuse3's structures for Linux on x86-64 only");
        }

        var mountPoint = Path.GetFullPath(options.MountPoint);
        if (!Directory.Exists(mountPoint))
        {
            throw new FuseMountException($"the mount point {mountPoint} does not exist or is not a directory");
        }

        time ??= TimeProvider.System;
        var logger = loggerFactory.CreateLogger("ZeroFs.Fuse");
        ServerConnection connection;
        try
        {
            connection = await ServerConnection.ConnectAsync(options, logger, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or NinePProtocolException or FormatException
                                       || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new FuseMountException($"cannot reach the 9P server at {options.Endpoint}: {ex.Message} (is `zerofs run` serving 9P there?)", ex);
        }

        try
        {
            var uid = LibC.GetEffectiveUserId();
            FidQid root;
            try
            {
                root = await connection.Current.GetRootAsync(uid).ConfigureAwait(false);

                // Leave the read loop, where the reply completed this (the client runs continuations inline):
                // what follows (fusermount, then the caller's own code, which may use the mount) blocks.
                await Task.Yield();
            }
            catch (NinePException ex)
            {
                throw new FuseMountException($"the 9P server at {options.Endpoint} refused to attach '{options.AttachName}' as uid {uid}: {ex.Message}", ex);
            }

            var fileSystem = new FuseFileSystem(connection, root.Qid, options, logger, time);
            var mount = new FuseMount(options, mountPoint, connection, fileSystem, logger);
            mount.Start();
            FuseLog.Mounted(logger, options.Endpoint, mountPoint);
            return mount;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Unmounts: a normal unmount first, and a lazy one (<c>-z</c>) when the mount is busy, in which
    /// case the workers keep serving open files until the last one closes. Returns when the workers
    /// have stopped.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting for the workers (the unmount itself has happened).</param>
    /// <returns>A task that completes with the mount.</returns>
    public async Task UnmountAsync(CancellationToken cancellationToken = default)
    {
        if (!Completion.IsCompleted)
        {
            FuseLog.Unmounting(_logger, MountPoint);
            if (!await RunFusermountAsync(lazy: false).ConfigureAwait(false) && !Completion.IsCompleted)
            {
                await RunFusermountAsync(lazy: true).ConfigureAwait(false);
            }
        }

        await Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Unmounts if still mounted, waits for in-flight requests, and frees the session.</summary>
    /// <returns>A task that completes when everything is released.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_session != 0)
        {
            await UnmountAsync().ConfigureAwait(false);
        }

        // Fail whatever still waits on the server, then let those requests reply before the session goes away.
        await _connection.DisposeAsync().ConfigureAwait(false);
        await _fileSystem.DrainAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        if (_session != 0)
        {
            LibFuse.SessionUnmount(_session);
            LibFuse.SessionDestroy(_session);
            _session = 0;
        }

        if (_self.IsAllocated)
        {
            _self.Free();
        }

        FuseLog.Unmounted(_logger, MountPoint);
    }

    private unsafe void Start()
    {
        var maxIO = _fileSystem.MaxIOSize;
        var options = new StringBuilder();
        options.Append("fsname=zerofs:").Append(EscapeOption(_options.Endpoint));
        options.Append(",subtype=zerofs");
        options.Append(",max_read=").Append(maxIO);
        if (_options.ReadOnly)
        {
            options.Append(",ro");
        }

        if (_options.KernelPermissionChecks)
        {
            options.Append(",default_permissions");
        }

        if (_options.AllowOther ?? LibC.GetEffectiveUserId() == 0)
        {
            options.Append(",allow_other");
        }

        string[] arguments = ["zerofs", "-o", options.ToString()];
        var native = new nint[arguments.Length];
        try
        {
            for (var i = 0; i < arguments.Length; i++)
            {
                native[i] = Marshal.StringToCoTaskMemUTF8(arguments[i]);
            }

            var operations = FuseCallbacks.CreateOperations();
            _self = GCHandle.Alloc(_fileSystem);
            fixed (nint* argv = native)
            {
                var args = new FuseArguments { Count = arguments.Length, Values = (byte**)argv, Allocated = 0 };
                _session = LibFuse.SessionNew(&args, &operations, (nuint)sizeof(FuseLowLevelOperations), GCHandle.ToIntPtr(_self));
            }

            if (_session == 0)
            {
                throw new FuseMountException($"libfuse rejected the mount options '{options}'");
            }

            var mountPoint = Marshal.StringToCoTaskMemUTF8(MountPoint);
            try
            {
                if (LibFuse.SessionMount(_session, (byte*)mountPoint) != 0)
                {
                    LibFuse.SessionDestroy(_session);
                    _session = 0;
                    throw new FuseMountException(
                        $"mounting on {MountPoint} failed (see the fusermount3 message above; is /dev/fuse available and the directory yours, and not already mounted?)");
                }
            }
            finally
            {
                Marshal.FreeCoTaskMem(mountPoint);
            }
        }
        catch
        {
            if (_self.IsAllocated)
            {
                _self.Free();
            }

            throw;
        }
        finally
        {
            foreach (var pointer in native)
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }

        _running = _workers.Length;
        for (var i = 0; i < _workers.Length; i++)
        {
            _workers[i] = new Thread(Work) { IsBackground = true, Name = $"fuse-worker-{i}" };
            _workers[i].Start();
        }
    }

    /// <summary>
    /// One worker: blocks in read(2) on /dev/fuse for the next request and hands it to libfuse, which
    /// calls an operation that starts asynchronous work and returns. Unmounting wakes every reader with
    /// ENODEV (libfuse then reports 0 and marks the session exited).
    /// </summary>
    private unsafe void Work()
    {
        var buffer = default(FuseBuffer);
        try
        {
            while (LibFuse.SessionExited(_session) == 0)
            {
                var received = LibFuse.SessionReceiveBuffer(_session, &buffer);
                if (received is -EINTR or -EAGAIN or -ENOENT)
                {
                    continue;
                }

                if (received <= 0)
                {
                    if (received < 0 && received != -ENODEV)
                    {
                        FuseLog.WorkerFailed(_logger, -received);
                    }

                    LibFuse.SessionExit(_session);
                    break;
                }

                LibFuse.SessionProcessBuffer(_session, &buffer);
            }
        }
        finally
        {
            NativeMemory.Free(buffer.Memory);
            if (Interlocked.Decrement(ref _running) == 0)
            {
                _completion.TrySetResult();
            }
        }
    }

    private async Task<bool> RunFusermountAsync(bool lazy)
    {
        var start = new ProcessStartInfo("fusermount3") { UseShellExecute = false, RedirectStandardError = true };
        start.ArgumentList.Add(lazy ? "-uz" : "-u");
        start.ArgumentList.Add(MountPoint);
        try
        {
            using var process = Process.Start(start)!;
            var error = await process.StandardError.ReadToEndAsync().ConfigureAwait(false);
            await process.WaitForExitAsync().ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                FuseLog.UnmountFailed(_logger, MountPoint, error.Trim());
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            FuseLog.UnmountFailed(_logger, MountPoint, $"cannot run fusermount3: {ex.Message}");
            return false;
        }
    }

    private static string EscapeOption(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal);
}
