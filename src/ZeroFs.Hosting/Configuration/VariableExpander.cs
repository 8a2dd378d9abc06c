using System.Text;

namespace ZeroFs.Hosting.Configuration;

/// <summary>
/// Expands <c>${VAR}</c> and <c>$VAR</c> from the environment in the string keys that allow it.
/// <c>$$</c> is a literal <c>$</c>; an unset variable, an unclosed <c>${</c> or a lone <c>$</c>
/// is an error naming the key.
/// </summary>
internal static class VariableExpander
{
    /// <exception cref="ConfigException">An unset variable or a malformed reference.</exception>
    public static string Expand(string value, TomlEntry entry, ConfigSource source)
    {
        if (!value.Contains('$', StringComparison.Ordinal))
        {
            return value;
        }

        var result = new StringBuilder(value.Length + 32);
        var i = 0;
        while (i < value.Length)
        {
            var c = value[i];
            if (c != '$')
            {
                result.Append(c);
                i++;
                continue;
            }

            if (i + 1 < value.Length && value[i + 1] == '$')
            {
                result.Append('$');
                i += 2;
                continue;
            }

            string name;
            if (i + 1 < value.Length && value[i + 1] == '{')
            {
                var close = value.IndexOf('}', i + 2);
                if (close < 0)
                {
                    throw source.Error(entry.Line, $"'{entry.Path}': unclosed '${{' in \"{value}\"; write ${{NAME}}, or $$ for a literal '$'");
                }

                name = value[(i + 2)..close];
                if (!IsValidName(name))
                {
                    throw source.Error(
                        entry.Line, $"'{entry.Path}': '${{{name}}}' is not a valid variable name; use letters, digits and '_'");
                }

                i = close + 1;
            }
            else
            {
                var end = i + 1;
                while (end < value.Length && IsNameChar(value[end]))
                {
                    end++;
                }

                name = value[(i + 1)..end];
                if (!IsValidName(name))
                {
                    throw source.Error(entry.Line, $"'{entry.Path}': lone '$' in \"{value}\"; write $$ for a literal '$' or ${{NAME}} for a variable");
                }

                i = end;
            }

            var expanded = source.Environment(name)
                ?? throw source.Error(entry.Line, $"'{entry.Path}': environment variable {name} is not set; set it or change the value");
            result.Append(expanded);
        }

        return result.ToString();
    }

    private static bool IsValidName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(IsNameChar);

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
