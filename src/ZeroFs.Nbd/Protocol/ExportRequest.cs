using System.Buffers;
using System.Buffers.Binary;

namespace ZeroFs.Nbd.Protocol;

/// <summary>
/// The data of NBD_OPT_INFO and NBD_OPT_GO: <c>name_length[4] name[name_length] count[2] info[2 × count]</c>.
/// A view over the option data; nothing is copied.
/// </summary>
public readonly ref struct ExportRequest
{
    private readonly ReadOnlySpan<byte> _infoRequests;

    private ExportRequest(ReadOnlySpan<byte> name, ReadOnlySpan<byte> infoRequests)
    {
        Name = name;
        _infoRequests = infoRequests;
    }

    /// <summary>The export name bytes (empty = the default export).</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <summary>The number of information requests.</summary>
    public int InfoRequestCount => _infoRequests.Length / 2;

    /// <summary>The <paramref name="index"/>th information request.</summary>
    public InfoType GetInfoRequest(int index) => (InfoType)BinaryPrimitives.ReadUInt16BigEndian(_infoRequests[(index * 2)..]);

    /// <summary>True when the client listed <paramref name="type"/>.</summary>
    public bool Requests(InfoType type)
    {
        for (var i = 0; i < InfoRequestCount; i++)
        {
            if (GetInfoRequest(i) == type)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses the whole option data.</summary>
    /// <returns><see cref="OperationStatus.Done"/>, or <see cref="OperationStatus.InvalidData"/> when the
    /// lengths do not add up exactly to <paramref name="data"/>.Length or the name exceeds 4096 bytes.</returns>
    public static OperationStatus TryParse(ReadOnlySpan<byte> data, out ExportRequest request)
    {
        request = default;
        if (data.Length < 6)
        {
            return OperationStatus.InvalidData;
        }

        var nameLength = BinaryPrimitives.ReadUInt32BigEndian(data);
        if (nameLength > NbdConstants.MaxStringLength || nameLength > (uint)(data.Length - 6))
        {
            return OperationStatus.InvalidData;
        }

        var name = data.Slice(4, (int)nameLength);
        var rest = data[(4 + (int)nameLength)..];
        var count = BinaryPrimitives.ReadUInt16BigEndian(rest);
        if (rest.Length != 2 + (count * 2))
        {
            return OperationStatus.InvalidData;
        }

        request = new ExportRequest(name, rest[2..]);
        return OperationStatus.Done;
    }

    /// <summary>Writes the option data for <paramref name="name"/> and <paramref name="infoRequests"/> (the client side).</summary>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> name, ReadOnlySpan<InfoType> infoRequests)
    {
        var length = 6 + name.Length + (2 * infoRequests.Length);
        var span = output.GetSpan(length);
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)name.Length);
        name.CopyTo(span[4..]);
        BinaryPrimitives.WriteUInt16BigEndian(span[(4 + name.Length)..], (ushort)infoRequests.Length);
        for (var i = 0; i < infoRequests.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span[(6 + name.Length + (2 * i))..], (ushort)infoRequests[i]);
        }

        output.Advance(length);
    }

    /// <summary>The encoded length of a request for <paramref name="nameLength"/> and <paramref name="infoCount"/>.</summary>
    public static int GetLength(int nameLength, int infoCount) => 6 + nameLength + (2 * infoCount);
}
