using System.Reflection;

namespace ZeroFs.Cli;

/// <summary>The version printed by <c>zerofs --version</c>.</summary>
internal static class VersionInfo
{
    /// <summary>The assembly's informational version (<c>0.1.0</c>, with <c>+commit</c> when the build records one).</summary>
    public static string Version { get; } =
        typeof(VersionInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(VersionInfo).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
