using System.CommandLine;

namespace ZeroFs.Cli.Commands;

/// <summary>
/// Verbs from CLI.md that this build does not implement yet. They are listed in <c>--help</c> so
/// that nobody wonders where they went, and fail with exit 1 instead of pretending.
/// </summary>
internal static class UnavailableCommand
{
    private static readonly (string Name, string Description)[] Verbs =
    [
        ("checkpoint", "Create, list, delete or inspect named checkpoints on the running writer"),
        ("flush", "Durability barrier on the running writer"),
        ("monitor", "Live statistics of the running server"),
        ("fatrace", "Stream of file operations on the running server"),
    ];

    public static IEnumerable<Command> CreateAll(CommandContext context)
    {
        foreach (var (name, description) in Verbs)
        {
            var command = new Command(name, $"{description}. Not available in this build.")
            {
                TreatUnmatchedTokensAsErrors = false,
            };
            command.SetAction(async (_, _) =>
            {
                await context.Console.Error.WriteLineAsync(
                    $"error: 'zerofs {name}' is not available in this build (it needs the storage engine and servers, "
                    + "which are not part of it yet)").ConfigureAwait(false);
                return ExitCodes.Failure;
            });
            yield return command;
        }
    }
}
