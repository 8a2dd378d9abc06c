using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Mount;

/// <summary>exports (RFC 1813 appendix I): EXPORT's result, a list of <see cref="ExportEntry"/>.</summary>
/// <param name="Exports">The exports.</param>
public readonly record struct ExportReply(IReadOnlyList<ExportEntry> Exports) : IXdrMessage<ExportReply>
{
    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out ExportReply value)
    {
        value = default;
        var exports = new List<ExportEntry>();
        while (true)
        {
            if (!reader.TryReadBool(out var more))
            {
                return false;
            }

            if (!more)
            {
                value = new ExportReply(exports);
                return true;
            }

            if (!reader.TryReadOpaqueMemory(MountArgs.MaxPathLength, out var directory))
            {
                return false;
            }

            var groups = new List<ReadOnlyMemory<byte>>();
            while (true)
            {
                if (!reader.TryReadBool(out var moreGroups))
                {
                    return false;
                }

                if (!moreGroups)
                {
                    break;
                }

                if (!reader.TryReadOpaqueMemory(MountArgs.MaxNameLength, out var group))
                {
                    return false;
                }

                groups.Add(group);
            }

            exports.Add(new ExportEntry(directory, groups));
        }
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer)
    {
        foreach (var export in Exports)
        {
            writer.WriteBool(true);
            writer.WriteOpaque(export.Directory.Span);
            foreach (var group in export.Groups)
            {
                writer.WriteBool(true);
                writer.WriteOpaque(group.Span);
            }

            writer.WriteBool(false);
        }

        writer.WriteBool(false);
    }
}
