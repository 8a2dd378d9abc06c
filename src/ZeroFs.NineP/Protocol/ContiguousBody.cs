using System.Buffers;

namespace ZeroFs.NineP.Protocol;

/// <summary>
/// A frame body as one span: the segment itself when the body lies in one segment, otherwise a copy
/// in a buffer rented from <see cref="ArrayPool{T}.Shared"/> that <see cref="Dispose"/> returns.
/// Use with <c>using</c>; spans taken from it are invalid after disposal.
/// </summary>
public ref struct ContiguousBody
{
    private byte[]? _rented;

    private ContiguousBody(ReadOnlySpan<byte> span, byte[]? rented)
    {
        Span = span;
        _rented = rented;
    }

    /// <summary>Gets the body bytes.</summary>
    public ReadOnlySpan<byte> Span { get; private set; }

    /// <summary>Gets a value indicating whether the body had to be copied into a pooled buffer.</summary>
    public readonly bool IsPooled => _rented is not null;

    /// <summary>Makes <paramref name="body"/> contiguous.</summary>
    /// <param name="body">The body, from <see cref="NinePFrame.GetBody"/>.</param>
    /// <returns>The contiguous body; dispose it.</returns>
    public static ContiguousBody Create(in ReadOnlySequence<byte> body)
    {
        if (body.IsSingleSegment)
        {
            return new ContiguousBody(body.FirstSpan, null);
        }

        var length = (int)body.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        body.CopyTo(rented);
        return new ContiguousBody(rented.AsSpan(0, length), rented);
    }

    /// <summary>Returns the pooled buffer, if any.</summary>
    public void Dispose()
    {
        var rented = _rented;
        _rented = null;
        Span = default;
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
