namespace ZeroFs.NineP.Client;

/// <summary>Extended attributes as whole values: the Txattrwalk/Txattrcreate sequences Linux uses.</summary>
public sealed partial class NinePClient
{
    /// <summary>The largest attribute value read by <see cref="GetXattrAsync"/> (Linux XATTR_SIZE_MAX).</summary>
    public const int MaxXattrSize = 64 * 1024;

    /// <summary>
    /// Reads attribute <paramref name="name"/> of <paramref name="fid"/> (or, with an empty name, the
    /// NUL-separated list of names): Txattrwalk to a new fid, Tread of the whole value, Tclunk.
    /// </summary>
    /// <param name="fid">The file.</param>
    /// <param name="name">Attribute name, or empty to list names.</param>
    /// <param name="cancellationToken">Stops waiting (the request is flushed).</param>
    /// <returns>The value.</returns>
    /// <exception cref="NinePException">The server refused (e.g. ENODATA, EOPNOTSUPP).</exception>
    /// <exception cref="NinePProtocolException">The value is larger than <see cref="MaxXattrSize"/>.</exception>
    public Task<byte[]> GetXattrAsync(uint fid, ReadOnlySpan<byte> name, CancellationToken cancellationToken = default) =>
        GetXattrCoreAsync(XattrwalkAsync(fid, name, cancellationToken), cancellationToken);

    /// <summary>
    /// Sets attribute <paramref name="name"/> of <paramref name="fid"/>: clones the fid (Twalk with no
    /// names), turns the clone into an attribute writer (Txattrcreate), writes the value and clunks it,
    /// which commits it.
    /// </summary>
    /// <param name="fid">The file.</param>
    /// <param name="name">Attribute name.</param>
    /// <param name="value">The value (empty removes the attribute on servers that follow Linux).</param>
    /// <param name="flags">setxattr flags: XATTR_CREATE 1, XATTR_REPLACE 2.</param>
    /// <param name="cancellationToken">Stops waiting (the request is flushed).</param>
    /// <returns>A task that completes when the value is committed.</returns>
    public Task SetXattrAsync(uint fid, ReadOnlySpan<byte> name, ReadOnlyMemory<byte> value, uint flags = 0, CancellationToken cancellationToken = default) =>
        SetXattrCoreAsync(fid, name.ToArray(), value, flags, cancellationToken);

    private async Task<byte[]> GetXattrCoreAsync(Task<XattrWalkResult> walking, CancellationToken cancellationToken)
    {
        var walk = await walking.ConfigureAwait(false);
        byte[] value;
        try
        {
            if (walk.Size > MaxXattrSize)
            {
                throw new NinePProtocolException($"attribute of {walk.Size} bytes exceeds {MaxXattrSize}");
            }

            value = new byte[walk.Size];
            var read = await ReadAsync(walk.Fid, 0, value, cancellationToken).ConfigureAwait(false);
            value = read == value.Length ? value : value[..read];
        }
        catch
        {
            await ClunkQuietlyAsync(walk.Fid).ConfigureAwait(false);
            throw;
        }

        await ClunkAsync(walk.Fid, CancellationToken.None).ConfigureAwait(false);
        return value;
    }

    private async Task SetXattrCoreAsync(uint fid, byte[] name, ReadOnlyMemory<byte> value, uint flags, CancellationToken cancellationToken)
    {
        var clone = await WalkAsync(fid, [], cancellationToken).ConfigureAwait(false);
        try
        {
            await XattrcreateAsync(clone.Fid, name, (ulong)value.Length, flags, cancellationToken).ConfigureAwait(false);
            if (!value.IsEmpty)
            {
                await WriteAsync(clone.Fid, 0, value, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await ClunkQuietlyAsync(clone.Fid).ConfigureAwait(false);
            throw;
        }

        // The clunk commits the value, so its error is the caller's error.
        await ClunkAsync(clone.Fid, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Best-effort clunk while another exception is already propagating.</summary>
    private async Task ClunkQuietlyAsync(uint fid)
    {
        try
        {
            await ClunkAsync(fid, CancellationToken.None).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The original failure is the one worth reporting.
        }
    }
}
