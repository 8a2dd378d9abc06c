using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Rpc;

/// <summary>struct mapping (RFC 1833 §3): the argument of GETPORT and an element of DUMP's list.</summary>
/// <param name="Program">The program number.</param>
/// <param name="Version">The program version.</param>
/// <param name="Protocol">6 for TCP, 17 for UDP.</param>
/// <param name="Port">The port (ignored in GETPORT's argument).</param>
public readonly record struct PortmapMapping(uint Program, uint Version, uint Protocol, uint Port) : IXdrMessage<PortmapMapping>
{
    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out PortmapMapping value)
    {
        var ok = reader.TryReadUInt32(out var program) & reader.TryReadUInt32(out var version) & reader.TryReadUInt32(out var protocol) & reader.TryReadUInt32(out var port);
        value = new PortmapMapping(program, version, protocol, port);
        return ok;
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer)
    {
        writer.WriteUInt32(Program);
        writer.WriteUInt32(Version);
        writer.WriteUInt32(Protocol);
        writer.WriteUInt32(Port);
    }

    /// <summary>Writes DUMP's result: an XDR optional-data list of mappings.</summary>
    public static void WriteList(ref XdrWriter writer, scoped ReadOnlySpan<PortmapMapping> mappings)
    {
        foreach (var mapping in mappings)
        {
            writer.WriteBool(true);
            mapping.Write(ref writer);
        }

        writer.WriteBool(false);
    }

    /// <summary>Reads DUMP's result (clients and tests).</summary>
    public static bool TryReadList(ref XdrReader reader, List<PortmapMapping> mappings)
    {
        ArgumentNullException.ThrowIfNull(mappings);
        while (true)
        {
            if (!reader.TryReadBool(out var more))
            {
                return false;
            }

            if (!more)
            {
                return true;
            }

            if (!TryRead(ref reader, out var mapping))
            {
                return false;
            }

            mappings.Add(mapping);
        }
    }
}
