namespace ZeroFs.NineP.Protocol;

/// <summary>Reads the packed entries of an Rreaddir payload one by one, bounds-checked.</summary>
/// <param name="data">The Rreaddir data.</param>
public ref struct DirectoryEntryReader(ReadOnlySpan<byte> data)
{
    private NinePReader _reader = new(data);

    /// <summary>Gets a value indicating whether every entry has been read; false after a failed
    /// <see cref="TryReadNext"/> means the payload is malformed.</summary>
    public readonly bool IsAtEnd => _reader.IsAtEnd;

    /// <summary>Reads the next entry.</summary>
    /// <param name="entry">The entry; its name is a slice of the payload.</param>
    /// <returns>False at the end or on a truncated entry (see <see cref="IsAtEnd"/>).</returns>
    public bool TryReadNext(out DirectoryEntry entry)
    {
        var saved = _reader;
        if (_reader.TryReadQid(out var qid)
            && _reader.TryReadUInt64(out var offset)
            && _reader.TryReadByte(out var type)
            && _reader.TryReadString(out var name))
        {
            entry = new DirectoryEntry(qid, offset, type, name);
            return true;
        }

        _reader = saved;
        entry = default;
        return false;
    }
}
