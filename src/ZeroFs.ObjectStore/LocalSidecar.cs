using System.Text.Json;

namespace ZeroFs.ObjectStore;

/// <summary>
/// The metadata sidecar of a local object (<c>root/.meta/&lt;key&gt;</c>, docs/formats/local-directory-store.md).
/// It holds up to two entries, each bound to one data-file version by its <see cref="FileIdentity"/>:
/// the current version's and the one being published. A reader uses only the entry that matches
/// the file it opened, so a sidecar left behind by a crash is harmless.
/// </summary>
internal static class LocalSidecar
{
    /// <summary>Format version written in every sidecar.</summary>
    public const int FormatVersion = 1;

    public static IReadOnlyList<Entry> Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (!root.TryGetProperty("v", out var version) || version.GetInt32() != FormatVersion)
            {
                return [];
            }

            var entries = new List<Entry>(2);
            foreach (var item in root.GetProperty("entries").EnumerateArray())
            {
                var identity = new FileIdentity(
                    item.GetProperty("dev").GetUInt64(),
                    item.GetProperty("ino").GetUInt64(),
                    item.GetProperty("size").GetInt64(),
                    item.GetProperty("mtime_ns").GetInt64());
                Dictionary<string, string>? metadata = null;
                if (item.TryGetProperty("meta", out var meta))
                {
                    metadata = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var pair in meta.EnumerateObject())
                    {
                        metadata[pair.Name] = pair.Value.GetString() ?? string.Empty;
                    }
                }

                entries.Add(new Entry(identity, item.GetProperty("etag").GetString() ?? string.Empty, metadata));
            }

            return entries;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            // A torn or foreign sidecar describes nothing; the data file is still authoritative.
            return [];
        }
    }

    public static byte[] Serialize(IEnumerable<Entry> entries)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", FormatVersion);
            writer.WriteStartArray("entries");
            foreach (var entry in entries)
            {
                writer.WriteStartObject();
                writer.WriteNumber("dev", entry.Identity.Device);
                writer.WriteNumber("ino", entry.Identity.Inode);
                writer.WriteNumber("size", entry.Identity.Size);
                writer.WriteNumber("mtime_ns", entry.Identity.MtimeNanoseconds);
                writer.WriteString("etag", entry.ETag);
                if (entry.Metadata is { Count: > 0 })
                {
                    writer.WriteStartObject("meta");
                    foreach (var (name, value) in entry.Metadata)
                    {
                        writer.WriteString(name, value);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>What the sidecar says about one data-file version.</summary>
    internal sealed record Entry(FileIdentity Identity, string ETag, IReadOnlyDictionary<string, string>? Metadata);
}
