using System.CommandLine;
using System.Text;
using ZeroFs.Hosting.Configuration;

namespace ZeroFs.Cli.Commands;

/// <summary><c>zerofs init [PATH|-] [--force]</c>: writes the commented config template.</summary>
internal static class InitCommand
{
    public const string DefaultPath = "zerofs.toml";

    public static Command Create(CommandContext context)
    {
        var path = new Argument<string>("PATH")
        {
            Description = $"Where to write the template (default {DefaultPath}); '-' writes it to stdout.",
            DefaultValueFactory = _ => DefaultPath,
        };
        var force = new Option<bool>("--force", "-f") { Description = "Overwrite an existing file." };

        var command = new Command("init", "Write a commented config template that documents every key.") { path, force };
        command.SetAction((parseResult, cancellationToken) =>
            ExecuteAsync(context, parseResult.GetValue(path)!, parseResult.GetValue(force), cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(CommandContext context, string path, bool force, CancellationToken cancellationToken)
    {
        var console = context.Console;
        if (path == "-")
        {
            await console.Out.WriteAsync(ConfigTemplate.Text.AsMemory(), cancellationToken).ConfigureAwait(false);
            await console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        if (Directory.Exists(path))
        {
            throw new CliException(ExitCodes.Usage, $"{path} is a directory; give a file name such as {Path.Combine(path, DefaultPath)}");
        }

        try
        {
            // CreateNew makes the refusal atomic: no window between the check and the write.
            var stream = new FileStream(path, force ? FileMode.Create : FileMode.CreateNew, FileAccess.Write, FileShare.None);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(ConfigTemplate.Text), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (IOException) when (!force && File.Exists(path))
        {
            throw new CliException(ExitCodes.Usage, $"{path} already exists; use --force to overwrite it, or give another PATH");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Failure, $"cannot write {path}: {ex.Message}");
        }

        await console.Error.WriteLineAsync($"Wrote {path}. Edit it (at least [storage] url), set ZEROFS_PASSWORD, then run:").ConfigureAwait(false);
        await console.Error.WriteLineAsync($"  zerofs run -c {path}").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
