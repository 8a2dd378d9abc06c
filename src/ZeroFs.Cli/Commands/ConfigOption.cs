using System.CommandLine;

namespace ZeroFs.Cli.Commands;

/// <summary>The <c>-c/--config FILE</c> option shared by the verbs.</summary>
internal static class ConfigOption
{
    public static Option<string?> Create(bool required, string description) => new("--config", "-c")
    {
        Description = description,
        HelpName = "FILE",
        Required = required,
    };
}
