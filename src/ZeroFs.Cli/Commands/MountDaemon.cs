using System.CommandLine;
using System.Diagnostics;
using System.IO.Pipes;
using System.Runtime.InteropServices;
using System.Text;

namespace ZeroFs.Cli.Commands;

/// <summary>
/// Detaching <c>zerofs mount</c> without fork(2), which a .NET process cannot do safely: the parent
/// starts this same program again in the foreground with an inherited pipe and relays the child's
/// output until the child writes "mounted" (the mount is live; exit 0) or closes the pipe without it
/// (the mount failed and the child printed why; exit with the child's status). The child's stdio are
/// pipes to the parent rather than the parent's own streams, so nothing waiting for the parent's
/// output to end is kept waiting by the daemon.
/// </summary>
internal static partial class MountDaemon
{
    public static async Task<int> StartAsync(CommandContext context, ParseResult parseResult, MountCommand.MountRequest request)
    {
        _ = MountCommand.ToEndpoint(request.Target); // usage errors before anything starts
        using var pipe = new AnonymousPipeServerStream(PipeDirection.In, HandleInheritability.Inheritable);
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
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

        using var child = new Process { StartInfo = start };
        child.OutputDataReceived += (_, e) => Relay(context.Console.Out, e.Data);
        child.ErrorDataReceived += (_, e) => Relay(context.Console.Error, e.Data);
        if (!child.Start())
        {
            throw new CliException(ExitCodes.Failure, "could not start the mount process");
        }

        pipe.DisposeLocalCopyOfClientHandle();
        child.StandardInput.Close();
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();

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

    private static void Relay(TextWriter writer, string? line)
    {
        if (line is not null)
        {
            lock (writer)
            {
                writer.WriteLine(line);
                writer.Flush();
            }
        }
    }

    /// <summary>Sends Console.Error (where the logs go) to <paramref name="logFile"/>, appending.</summary>
    public static void LogTo(string logFile) =>
        Console.SetError(TextWriter.Synchronized(new StreamWriter(new FileStream(logFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true }));

    /// <summary>
    /// In the child, once mounted: tells the parent, leaves the parent's session (so the terminal's
    /// signals no longer reach it) and points the native stdio descriptors at /dev/null. Output still
    /// addressed to the parent's pipes after it exits is dropped (.NET ignores EPIPE on the console).
    /// </summary>
    public static async Task ReportMountedAsync(string pipeHandle)
    {
        var pipe = new AnonymousPipeClientStream(PipeDirection.Out, pipeHandle);
        await using (pipe.ConfigureAwait(false))
        {
            await pipe.WriteAsync(Encoding.ASCII.GetBytes(MountCommand.MountedMessage + "\n")).ConfigureAwait(false);
        }

        _ = SetSid();
        using var devNull = File.OpenHandle("/dev/null", FileMode.Open, FileAccess.ReadWrite);
        var nullFd = (int)devNull.DangerousGetHandle();
        _ = Dup2(nullFd, 0);
        _ = Dup2(nullFd, 1);
    }

    [LibraryImport("libc", EntryPoint = "setsid")]
    private static partial int SetSid();

    [LibraryImport("libc", EntryPoint = "dup2")]
    private static partial int Dup2(int oldFd, int newFd);
}
