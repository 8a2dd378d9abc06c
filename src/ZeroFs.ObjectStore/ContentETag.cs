using System.IO.Hashing;
using Microsoft.Win32.SafeHandles;

namespace ZeroFs.ObjectStore;

/// <summary>
/// The etag of the memory and local-directory stores: lower-case hex of the XxHash128 of the
/// content. Equal bytes give equal etags, which is all <see cref="PutCondition.IfMatch"/> needs.
/// </summary>
internal static class ContentETag
{
    public static string Compute(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(XxHash128.Hash(content));

    /// <summary>Hashes a whole open file (the fallback when no sidecar describes it).</summary>
    public static string Compute(SafeFileHandle handle, long length)
    {
        var hash = new XxHash128();
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            long offset = 0;
            while (offset < length)
            {
                var read = RandomAccess.Read(handle, buffer.AsSpan(0, (int)Math.Min(buffer.Length, length - offset)), offset);
                if (read == 0)
                {
                    break;
                }

                hash.Append(buffer.AsSpan(0, read));
                offset += read;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }

        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }
}
