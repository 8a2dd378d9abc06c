namespace ZeroFs.Hosting.Configuration;

/// <summary>
/// The config file (or the built-in default) is unusable: bad TOML, an unknown key, a missing
/// table, a value of the wrong type or out of range, or an unset <c>${VAR}</c>.
/// <see cref="Exception.Message"/> is ready to show: <c>&lt;file&gt;:&lt;line&gt;: &lt;what is wrong and what to do&gt;</c>.
/// </summary>
public sealed class ConfigException : Exception
{
    /// <summary>Creates the exception for a place in a config file.</summary>
    /// <param name="filePath">The config file as the user named it.</param>
    /// <param name="line">1-based line, or <see langword="null"/> when the problem has no single line (a missing table).</param>
    /// <param name="detail">What is wrong and what to do, without the location.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ConfigException(string filePath, int? line, string detail, Exception? innerException = null)
        : base(Format(filePath, line, detail), innerException)
    {
        FilePath = filePath;
        Line = line;
        Detail = detail;
    }

    /// <summary>Creates the exception without a location.</summary>
    public ConfigException()
        : this("config", null, "invalid configuration")
    {
    }

    /// <summary>Creates the exception without a location.</summary>
    public ConfigException(string message)
        : this("config", null, message)
    {
    }

    /// <summary>Creates the exception without a location.</summary>
    public ConfigException(string message, Exception innerException)
        : this("config", null, message, innerException)
    {
    }

    /// <summary>The config file as the user named it.</summary>
    public string FilePath { get; }

    /// <summary>1-based line of the offending key or table, when there is one.</summary>
    public int? Line { get; }

    /// <summary>The message without the location prefix.</summary>
    public string Detail { get; }

    private static string Format(string filePath, int? line, string detail) =>
        line is { } l ? $"{filePath}:{l}: {detail}" : $"{filePath}: {detail}";
}
