namespace ZeroFs.ObjectStore;

/// <summary>
/// A part of an object: <see cref="Length"/> bytes from <see cref="Offset"/>, or (when
/// <see cref="IsSuffix"/>) the last <see cref="Length"/> bytes, like HTTP's <c>bytes=-N</c>.
/// </summary>
public readonly record struct ByteRange
{
    private ByteRange(long offset, long length, bool isSuffix)
    {
        Offset = offset;
        Length = length;
        IsSuffix = isSuffix;
    }

    /// <summary>First byte of the range (0 for a suffix range).</summary>
    public long Offset { get; }

    /// <summary>Number of bytes wanted; fewer come back when the object ends first.</summary>
    public long Length { get; }

    /// <summary>True when the range counts back from the end of the object.</summary>
    public bool IsSuffix { get; }

    /// <summary><paramref name="length"/> bytes starting at <paramref name="offset"/>.</summary>
    public static ByteRange FromOffset(long offset, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new ByteRange(offset, length, isSuffix: false);
    }

    /// <summary>The last <paramref name="length"/> bytes (the whole object when it is shorter).</summary>
    public static ByteRange Suffix(long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new ByteRange(0, length, isSuffix: true);
    }

    /// <summary>
    /// Resolves the range against an object of <paramref name="objectSize"/> bytes to the
    /// [start, start + count) slice that the contract says must come back.
    /// </summary>
    public (long Start, long Count) Resolve(long objectSize)
    {
        if (IsSuffix)
        {
            var count = Math.Min(Length, objectSize);
            return (objectSize - count, count);
        }

        if (Offset >= objectSize)
        {
            return (objectSize, 0);
        }

        return (Offset, Math.Min(Length, objectSize - Offset));
    }

    /// <inheritdoc/>
    public override string ToString() => IsSuffix ? $"bytes=-{Length}" : $"bytes={Offset}+{Length}";
}
