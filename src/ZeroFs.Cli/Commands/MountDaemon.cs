using System.CommandLine;
using System.Diagnostics;
using System.IO.Pipes;
using System.Runtime.InteropServices;
using System.Text;

namespace ZeroFs.Cli.Commands;

/// <summary>
/// Detaching <c>zerofs mount</c> without fork(2), which a .NET process cannot do safely: the parent
/// starts this same program again in the foreground with an inherited pipe, waits until the child
/// writes "mounted" (the mount is live; exit 0) or closes the pipe without it (the mount failed: the
/// child has printed the error on the shared stderr; exit with the child's status).
/// </summary>
internal static partial class MountDaemon
{
    public static async Task<int> StartAsync(CommandContext context, ParseResult parseResult, MountCommand.MountRequest request)
    {
        _ = MountCommand.ToEndpoint(request.Target); // usage errors before anything starts
        using var pipe = new AnonymousPipeServerStream(PipeDirection.In, HandleInheritability.Inheritable);
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        var entry = typeof(MountDaemon).Assembly.Location;
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" && entry.Length > 0)
        {
            start.ArgumentList.Add(entry);
        }

        if (parseResult.GetValue(context.LogLevelOption) is { } level)
        {
            start.ArgumentList.Add("--log-level");
            start.ArgumentList.Add(level);
        }

        start.ArgumentList.Add("mount");
        start.ArgumentList.Add(request.Target);
        start.ArgumentList.Add(Path.GetFullPath(request.MountPoint));
        start.ArgumentList.Add("--aname");
        start.ArgumentList.Add(request.AttachName);
        if (request.ReadOnly)
        {
            start.ArgumentList.Add("--read-only");
        }

        if (request.Writeback)
        {
            start.ArgumentList.Add("--writeback");
        }

        if (request.LogFile is { } logFile)
        {
            start.ArgumentList.Add("--log-file");
            start.ArgumentList.Add(Path.GetFullPath(logFile));
        }

        start.ArgumentList.Add("--notify-pipe");
        start.ArgumentList.Add(pipe.GetClientHandleAsString());

        using var child = Process.Start(start) ?? throw new CliException(ExitCodes.Failure, "could not start the mount process");
        pipe.DisposeLocalCopyOfClientHandle();

        using var reader = new StreamReader(pipe, Encoding.ASCII);
        var line = await reader.ReadLineAsync().ConfigureAwait(false);
        if (line == MountCommand.MountedMessage)
        {
            await context.Console.Out.WriteLineAsync($"Mounted {request.Target} at {Path.GetFullPath(request.MountPoint)} (pid {child.Id}).").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        await child.WaitForExitAsync().ConfigureAwait(false);
        return child.ExitCode == 0 ? ExitCodes.Failure : child.ExitCode;
    }

    /// <summary>
    /// In the child, once mounted: tells the parent, leaves the parent's session (so the terminal's
    /// signals no longer reach it) and points stdin/stdout/stderr at /dev/null, or stderr (the logs) at
    /// <paramref name="logFile"/>.
    /// </summary>
    public static async Task ReportMountedAsync(string pipeHandle, string? logFile)
    {
        var pipe = new AnonymousPipeClientStream(PipeDirection.Out, pipeHandle);
        await using (pipe.ConfigureAwait(false))
        {
            await pipe.WriteAsync(Encoding.ASCII.GetBytes(MountCommand.MountedMessage + "\n")).ConfigureAwait(false);
        }

        _ = SetSid();
        using var devNull = File.OpenHandle("/dev/null", FileMode.Open, FileAccess.ReadWrite);
        using var log = logFile is null ? null : File.OpenHandle(logFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        var nullFd = (int)devNull.DangerousGetHandle();
        _ = Dup2(nullFd, 0);
        _ = Dup2(nullFd, 1);
        _ = Dup2(log is null ? nullFd : (int)log.DangerousGetHandle(), 2);
    }

    [LibraryImport("libc", EntryPoint = "setsid")]
    private static partial int SetSid();

    [LibraryImport("libc", EntryPoint = "dup2")]
    private static partial int Dup2(int oldFd, int newFd);
}
