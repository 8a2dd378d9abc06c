using System.Globalization;

namespace ZeroFs.Engine.Wal;

/// <summary>Object keys of WAL segments (ENGINE.md §3): <c>wal/&lt;20-digit id&gt;.wal</c>, contiguous from 1.</summary>
internal static class WalNames
{
    /// <summary>Prefix of WAL objects.</summary>
    internal const string Prefix = "wal/";

    /// <summary>The object key of segment <paramref name="id"/>.</summary>
    internal static string Key(ulong id) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{id:D20}.wal");
}
