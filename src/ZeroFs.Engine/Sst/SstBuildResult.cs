using ZeroFs.Engine.Format;

namespace ZeroFs.Engine.Sst;

/// <summary>A finished table: its bytes in a pooled buffer (dispose once uploaded) and its <see cref="SstInfo"/>.</summary>
internal sealed class SstBuildResult : IDisposable
{
    private readonly PooledBuffer _body;

    /// <summary>Takes ownership of <paramref name="body"/>.</summary>
    internal SstBuildResult(PooledBuffer body, SstInfo info)
    {
        _body = body;
        Info = info;
    }

    /// <summary>Location and statistics.</summary>
    internal SstInfo Info { get; }

    /// <summary>The object bytes (valid until dispose).</summary>
    internal ReadOnlyMemory<byte> Body => _body.WrittenMemory;

    /// <inheritdoc/>
    public void Dispose() => _body.Dispose();
}
