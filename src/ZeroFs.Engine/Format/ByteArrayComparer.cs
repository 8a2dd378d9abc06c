using System.IO.Hashing;

namespace ZeroFs.Engine.Format;

/// <summary>Content equality for byte arrays (dictionary keys); hashes with XxHash3.</summary>
internal sealed class ByteArrayComparer : IEqualityComparer<byte[]>
{
    /// <summary>The shared instance.</summary>
    internal static readonly ByteArrayComparer Instance = new();

    /// <inheritdoc/>
    public bool Equals(byte[]? x, byte[]? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

    /// <inheritdoc/>
    public int GetHashCode(byte[] obj) => (int)XxHash3.HashToUInt64(obj);
}
