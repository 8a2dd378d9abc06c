namespace ZeroFs.Hosting.Configuration;

/// <summary>
/// One key and its value. <see cref="Value"/> is a <see cref="string"/>, <see cref="long"/>,
/// <see cref="double"/>, <see cref="bool"/>, <see cref="TomlTableNode"/>,
/// <c>IReadOnlyList&lt;TomlEntry&gt;</c> (array items) or <see cref="TomlDateTimeText"/>.
/// </summary>
/// <param name="Name">The key within its table.</param>
/// <param name="Path">Full dotted name, as error messages show it.</param>
/// <param name="Line">1-based line of the key.</param>
/// <param name="Value">The parsed value.</param>
internal sealed record TomlEntry(string Name, string Path, int Line, object Value)
{
    /// <summary>The TOML type name, as error messages show it.</summary>
    public string TypeName => Value switch
    {
        string => "string",
        long => "integer",
        double => "float",
        bool => "boolean",
        TomlTableNode => "table",
        IReadOnlyList<TomlEntry> => "array",
        _ => "date-time",
    };
}
