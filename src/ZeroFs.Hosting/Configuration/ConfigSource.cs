namespace ZeroFs.Hosting.Configuration;

/// <summary>The file being bound and where <c>${VAR}</c> values come from.</summary>
/// <param name="FilePath">The config file as the user named it (used in every message).</param>
/// <param name="Environment">Looks up an environment variable; <see langword="null"/> = unset.</param>
internal sealed record ConfigSource(string FilePath, Func<string, string?> Environment)
{
    public ConfigException Error(int? line, string detail, Exception? innerException = null) =>
        new(FilePath, line, detail, innerException);
}
