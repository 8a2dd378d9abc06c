using System.Text;

namespace ZeroFs.NineP.Protocol;

/// <summary>
/// The names of a Twalk, <c>nwname[2] nwname*(wname[s])</c>, at most 16. Built from arrays when
/// sending; a view over the frame (no copy) when parsed. Enumerate with <c>foreach</c>.
/// </summary>
public readonly ref struct WalkNames
{
    private readonly ReadOnlySpan<byte> _encoded;
    private readonly ReadOnlySpan<byte[]> _names;
    private readonly bool _isEncoded;
    private readonly int _namesLength;

    /// <summary>Wraps names to send.</summary>
    /// <param name="names">The path elements, at most 16.</param>
    /// <exception cref="ArgumentOutOfRangeException">More than 16 names, or a name longer than 65535 bytes.</exception>
    public WalkNames(ReadOnlySpan<byte[]> names)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(names.Length, NinePConstants.MaxWalkElements, nameof(names));
        var length = 0;
        foreach (var name in names)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(name.Length, ushort.MaxValue, nameof(names));
            length += 2 + name.Length;
        }

        _names = names;
        Count = names.Length;
        _namesLength = length;
    }

    private WalkNames(ReadOnlySpan<byte> encoded, int count)
    {
        _encoded = encoded;
        _isEncoded = true;
        Count = count;
        _namesLength = encoded.Length;
    }

    /// <summary>Gets the number of names.</summary>
    public int Count { get; }

    /// <summary>Gets the wire length including the nwname count.</summary>
    public int EncodedLength => 2 + _namesLength;

    /// <summary>Gets an enumerator over the names as byte spans.</summary>
    /// <returns>The enumerator.</returns>
    public Enumerator GetEnumerator() => new(_encoded, _names, _isEncoded, Count);

    /// <summary>Writes <c>nwname[2]</c> and the names.</summary>
    /// <param name="writer">Destination.</param>
    public void Write(ref NinePWriter writer)
    {
        writer.WriteUInt16((ushort)Count);
        if (_isEncoded)
        {
            writer.WriteBytes(_encoded);
            return;
        }

        foreach (var name in _names)
        {
            writer.WriteString(name);
        }
    }

    /// <summary>Lists the names for diagnostics.</summary>
    /// <returns>The names in brackets.</returns>
    public override string ToString()
    {
        var text = new StringBuilder("[");
        foreach (var name in this)
        {
            text.Append(text.Length > 1 ? ", " : string.Empty).Append(NinePFormat.Bytes(name));
        }

        return text.Append(']').ToString();
    }

    /// <summary>Reads and validates the names: count at most 16, every string inside the body.</summary>
    internal static bool TryRead(scoped ref NinePReader reader, out WalkNames names)
    {
        names = default;
        if (!reader.TryReadUInt16(out var count) || count > NinePConstants.MaxWalkElements)
        {
            return false;
        }

        var start = reader.Remaining;
        for (var i = 0; i < count; i++)
        {
            if (!reader.TryReadString(out _))
            {
                return false;
            }
        }

        names = new WalkNames(start[..(start.Length - reader.Remaining.Length)], count);
        return true;
    }

    /// <summary>Enumerates names; over parsed names it re-reads the already validated strings.</summary>
    public ref struct Enumerator
    {
        private readonly ReadOnlySpan<byte[]> _names;
        private readonly bool _isEncoded;
        private readonly int _count;
        private NinePReader _reader;
        private int _index;

        internal Enumerator(ReadOnlySpan<byte> encoded, ReadOnlySpan<byte[]> names, bool isEncoded, int count)
        {
            _reader = new NinePReader(encoded);
            _names = names;
            _isEncoded = isEncoded;
            _count = count;
            _index = -1;
            Current = default;
        }

        /// <summary>Gets the current name.</summary>
        public ReadOnlySpan<byte> Current { get; private set; }

        /// <summary>Moves to the next name.</summary>
        /// <returns>False after the last name.</returns>
        public bool MoveNext()
        {
            if (++_index >= _count)
            {
                return false;
            }

            if (!_isEncoded)
            {
                Current = _names[_index];
                return true;
            }

            _reader.TryReadString(out var name);
            Current = name;
            return true;
        }
    }
}
