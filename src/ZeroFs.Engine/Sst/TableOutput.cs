using ZeroFs.Engine.Memory;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Sst;

/// <summary>
/// Where a table's bytes go as they are sealed (decision engine-0004): into pooled segments, each
/// full one becoming the next part of the table's upload, so a table never sits in memory whole.
/// At most three segments exist at once: the one being filled, one ready, one uploading (the
/// upload of a part overlaps the sealing of the next). The writer calls <see cref="FlushAsync"/>
/// when <see cref="HasReadyPart"/>, and <see cref="CompleteAsync"/> at the end; the segment being
/// filled then becomes the last part. Not thread-safe (one writer).
/// </summary>
internal sealed class TableOutput : IAsyncDisposable
{
    private readonly SegmentPool _pool;
    private readonly IObjectUpload _upload;
    private readonly Queue<(byte[] Buffer, int Length)> _ready = new(2);
    private byte[]? _current;
    private int _currentLength;
    private long _closedLength;
    private Task? _inflight;
    private int _nextPart = 1;
    private bool _disposed;

    /// <summary>Writes into segments of <paramref name="pool"/> and uploads them through <paramref name="upload"/> (owned: disposed with this).</summary>
    internal TableOutput(SegmentPool pool, IObjectUpload upload)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(upload);
        if (pool.SegmentBytes < SstWriterOptions.MinPartBytes)
        {
            throw new ArgumentException("Segments must exceed the smallest upload part by at least one block.", nameof(pool));
        }

        _pool = pool;
        _upload = upload;
    }

    /// <summary>Bytes written so far: the offset of the next byte in the table.</summary>
    internal long Length => _closedLength + _currentLength;

    /// <summary>A full segment waits for <see cref="FlushAsync"/>.</summary>
    internal bool HasReadyPart => _ready.Count > 0;

    /// <summary>
    /// At least <paramref name="sizeHint"/> contiguous writable bytes at <see cref="Length"/>. When
    /// the current segment lacks room it is closed as a part (if it is large enough to be one) or
    /// grown (a huge block early in a segment).
    /// </summary>
    internal Span<byte> GetSpan(int sizeHint)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        sizeHint = Math.Max(sizeHint, 1);
        if (_current is null)
        {
            _current = _pool.Rent(sizeHint);
            _currentLength = 0;
        }
        else if (_current.Length - _currentLength < sizeHint)
        {
            if (_currentLength >= ObjectUploadLimits.MinPartBytes)
            {
                _ready.Enqueue((_current, _currentLength));
                _closedLength += _currentLength;
                _current = _pool.Rent(sizeHint);
                _currentLength = 0;
            }
            else
            {
                var bigger = _pool.Rent(_currentLength + sizeHint);
                _current.AsSpan(0, _currentLength).CopyTo(bigger);
                _pool.Return(_current);
                _current = bigger;
            }
        }

        return _current.AsSpan(_currentLength);
    }

    /// <summary>Commits <paramref name="count"/> bytes written into the last <see cref="GetSpan"/>.</summary>
    internal void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_current is null || count > _current.Length - _currentLength)
        {
            throw new InvalidOperationException("Advance past the span handed out.");
        }

        _currentLength += count;
    }

    /// <summary>Appends <paramref name="bytes"/> (contiguous in one segment).</summary>
    internal void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        Advance(bytes.Length);
    }

    /// <summary>Starts the upload of every ready segment (waiting for the part before it).</summary>
    internal async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (_ready.TryDequeue(out var segment))
        {
            if (_inflight is not null)
            {
                await _inflight.ConfigureAwait(false);
            }

            _inflight = UploadPartAsync(_nextPart++, segment.Buffer, segment.Length, cancellationToken);
        }
    }

    /// <summary>Uploads what is left, the current segment as the last part, and publishes the table.</summary>
    internal async Task<PutResult> CompleteAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        if (_inflight is not null)
        {
            await _inflight.ConfigureAwait(false);
        }

        var last = _current is null ? ReadOnlyMemory<byte>.Empty : _current.AsMemory(0, _currentLength);
        return await _upload.CompleteAsync(last, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for an upload in flight, returns every segment and disposes the upload (abandoning it unless it completed).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_inflight is not null)
        {
            try
            {
                await _inflight.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Already reported to the writer, or the table is being abandoned.
            }
        }

        while (_ready.TryDequeue(out var segment))
        {
            _pool.Return(segment.Buffer);
        }

        if (_current is not null)
        {
            _pool.Return(_current);
            _current = null;
        }

        await _upload.DisposeAsync().ConfigureAwait(false);
    }

    private async Task UploadPartAsync(int partNumber, byte[] buffer, int length, CancellationToken cancellationToken)
    {
        try
        {
            await _upload.WritePartAsync(partNumber, buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pool.Return(buffer);
        }
    }
}
