using System.CommandLine;
using ZeroFs.Hosting;
using ZeroFs.Hosting.Configuration;

namespace ZeroFs.Cli.Commands;

/// <summary>
/// <c>zerofs change-password -c FILE</c>: reads the new password (one line) from STDIN and rewraps
/// the data key. The current password is the config's <c>storage.encryption_password</c>; the config
/// file itself is not changed (update it, or ZEROFS_PASSWORD, afterwards).
/// </summary>
internal static class ChangePasswordCommand
{
    public static Command Create(CommandContext context)
    {
        var config = ConfigOption.Create(required: true, "Config file; its storage.encryption_password is the current password.");
        var command = new Command(
            "change-password",
            "Read a new password (one line) from stdin and rewrap the data key; data is not rewritten.")
        {
            config,
        };
        command.SetAction((parseResult, cancellationToken) =>
            ExecuteAsync(context, parseResult, parseResult.GetValue(config)!, cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(
        CommandContext context, ParseResult parseResult, string configPath, CancellationToken cancellationToken)
    {
        var console = context.Console;
        var options = ConfigLoader.LoadFile(configPath, console.Environment);

        var newPassword = console.IsInteractive
            ? PasswordPrompt.Read(console, "New password: ")
            : await console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        newPassword = newPassword?.Trim();
        if (string.IsNullOrEmpty(newPassword))
        {
            throw new CliException(
                ExitCodes.Usage, "no new password on stdin; pipe one line in, e.g. `printf '%s\\n' \"$NEW\" | zerofs change-password -c FILE`");
        }

        using var loggerFactory = context.CreateLoggerFactory(parseResult);
        await KeyAdministration.ChangePasswordAsync(options, newPassword, loggerFactory, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        await console.Out.WriteLineAsync(
            $"Password changed. Put the new password in storage.encryption_password of {configPath} (or in the variable it names).")
            .ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
