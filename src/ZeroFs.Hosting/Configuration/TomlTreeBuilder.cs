using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace ZeroFs.Hosting.Configuration;

/// <summary>
/// Parses TOML text into a <see cref="TomlTableNode"/> tree that remembers lines. Tomlyn's syntax
/// tree (not its object model) is used because only it keeps the span of every key.
/// </summary>
internal static class TomlTreeBuilder
{
    /// <exception cref="ConfigException">The text is not valid TOML (first error, with its line).</exception>
    public static TomlTableNode Parse(string text, string filePath)
    {
        var document = SyntaxParser.Parse(text, filePath, validate: true);
        foreach (var diagnostic in document.Diagnostics)
        {
            if (diagnostic.Kind == DiagnosticMessageKind.Error)
            {
                throw new ConfigException(filePath, LineOf(diagnostic.Span), $"invalid TOML: {diagnostic.Message}");
            }
        }

        var root = new TomlTableNode(string.Empty, 1);
        foreach (var keyValue in document.KeyValues)
        {
            AddKeyValue(root, keyValue, filePath);
        }

        foreach (var table in document.Tables)
        {
            var line = LineOf(table.Span);
            var parts = KeyParts(table.Name!);
            if (table is TableArraySyntax)
            {
                throw new ConfigException(
                    filePath, line, $"[[{string.Join('.', parts)}]]: arrays of tables are not part of the zerofs config; remove it");
            }

            var current = root;
            foreach (var part in parts)
            {
                current = GetOrAddTable(current, part, line, filePath);
            }

            foreach (var keyValue in table.Items)
            {
                AddKeyValue(current, keyValue, filePath);
            }
        }

        return root;
    }

    private static void AddKeyValue(TomlTableNode table, KeyValueSyntax keyValue, string filePath)
    {
        var line = LineOf(keyValue.Span);
        var parts = KeyParts(keyValue.Key!);
        var current = table;
        for (var i = 0; i < parts.Count - 1; i++)
        {
            current = GetOrAddTable(current, parts[i], line, filePath);
        }

        var name = parts[^1];
        var path = Join(current.Path, name);
        if (current.TryGet(name, out _))
        {
            throw new ConfigException(filePath, line, $"key '{path}' is defined twice");
        }

        current.Add(new TomlEntry(name, path, line, ConvertValue(keyValue.Value!, path, line, filePath)));
    }

    private static object ConvertValue(ValueSyntax value, string path, int line, string filePath)
    {
        switch (value)
        {
            case StringValueSyntax s:
                return s.Value ?? string.Empty;
            case IntegerValueSyntax i:
                return i.Value;
            case FloatValueSyntax f:
                return f.Value;
            case BooleanValueSyntax b:
                return b.Value;
            case ArraySyntax array:
                var items = new List<TomlEntry>();
                var index = 0;
                foreach (var item in array.Items)
                {
                    var itemLine = LineOf(item.Span);
                    var itemPath = $"{path}[{index++}]";
                    items.Add(new TomlEntry(itemPath, itemPath, itemLine, ConvertValue(item.Value!, itemPath, itemLine, filePath)));
                }

                return items;
            case InlineTableSyntax inline:
                var table = new TomlTableNode(path, line);
                foreach (var item in inline.Items)
                {
                    AddKeyValue(table, item.KeyValue!, filePath);
                }

                return table;
            default:
                return new TomlDateTimeText(value.ToString()?.Trim() ?? string.Empty);
        }
    }

    private static TomlTableNode GetOrAddTable(TomlTableNode parent, string name, int line, string filePath)
    {
        if (parent.TryGet(name, out var existing))
        {
            return existing.Value as TomlTableNode
                ?? throw new ConfigException(filePath, line, $"'{existing.Path}' is a {existing.TypeName} (line {existing.Line}), not a table");
        }

        var path = Join(parent.Path, name);
        var table = new TomlTableNode(path, line);
        parent.Add(new TomlEntry(name, path, line, table));
        return table;
    }

    private static List<string> KeyParts(KeySyntax key)
    {
        var parts = new List<string> { KeyText(key.Key!) };
        foreach (var dotted in key.DotKeys)
        {
            parts.Add(KeyText(dotted.Key!));
        }

        return parts;
    }

    private static string KeyText(BareKeyOrStringValueSyntax key) => key switch
    {
        BareKeySyntax bare => bare.Key?.Text ?? string.Empty,
        StringValueSyntax quoted => quoted.Value ?? string.Empty,
        _ => key.ToString()?.Trim() ?? string.Empty,
    };

    private static string Join(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    private static int LineOf(SourceSpan span) => span.Start.Line + 1;
}
