using Microsoft.Win32.SafeHandles;

namespace ZeroFs.ObjectStore;

/// <summary>Part-by-part writes: parts are appended to one temp file, published like a PUT when complete.</summary>
public sealed partial class LocalDirectoryObjectStore
{
    // The temp file is created at the first part; the last part, the fsync, the etag (the content
    // hash, as for a PUT of the same bytes: hashed part by part as they come, or read back from the
    // file when a part was rewritten) and the publish happen at completion. A failed or abandoned
    // upload leaves at most a temp file, deleted on dispose.
    private sealed class LocalUpload(LocalDirectoryObjectStore store, string key, PutCondition condition, IReadOnlyDictionary<string, string>? metadata)
        : IObjectUpload
    {
        private readonly System.IO.Hashing.XxHash128 _hash = new();
        private bool _hashValid = true;
        private SafeFileHandle? _handle;
        private string? _tempPath;
        private int _parts;
        private long _lastPartStart;
        private long _length;
        private (FileIdentity Identity, string ETag)? _durable;
        private PutResult? _result;
        private bool _disposed;

        public string Key => key;

        public async Task WritePartAsync(int partNumber, ReadOnlyMemory<byte> part, CancellationToken cancellationToken = default)
        {
            ThrowIfFinished();
            var rewrite = ObjectUploadLimits.ValidatePart(partNumber, _parts, part.Length);
            cancellationToken.ThrowIfCancellationRequested();
            var offset = rewrite ? _lastPartStart : _length;
            try
            {
                await RandomAccess.WriteAsync(Open(), part, offset, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw store.Failure("PUT", key, e);
            }

            _hashValid &= !rewrite;
            if (_hashValid)
            {
                _hash.Append(part.Span);
            }

            _lastPartStart = offset;
            _length = offset + part.Length;
            _parts = partNumber;
        }

        public async Task<PutResult> CompleteAsync(ReadOnlyMemory<byte> lastPart, CancellationToken cancellationToken = default)
        {
            if (_result is { } done)
            {
                return done;
            }

            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_parts == 0)
            {
                var put = await store.PutAsync(key, lastPart, condition, metadata, cancellationToken).ConfigureAwait(false);
                return Finish(put);
            }

            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (_durable is null)
                {
                    var handle = Open();
                    var total = _length + lastPart.Length;
                    await RandomAccess.WriteAsync(handle, lastPart, _length, cancellationToken).ConfigureAwait(false);
                    RandomAccess.SetLength(handle, total); // drops bytes of a longer part that a retry replaced
                    RandomAccess.FlushToDisk(handle);
                    string contentETag;
                    if (_hashValid)
                    {
                        _hash.Append(lastPart.Span);
                        contentETag = Convert.ToHexStringLower(_hash.GetCurrentHash());
                    }
                    else
                    {
                        contentETag = ContentETag.Compute(handle, total);
                    }

                    _durable = (LocalDirectoryNative.StatHandle(handle, _tempPath!), contentETag);
                    handle.Dispose();
                    _handle = null;
                }

                var (identity, etag) = _durable.Value;
                var result = await store.PublishAsync(key, _tempPath!, identity, etag, condition, metadata, cancellationToken).ConfigureAwait(false);
                return Finish(result);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw store.Failure("PUT", key, e);
            }
        }

        public ValueTask DisposeAsync()
        {
            if (!_disposed)
            {
                _disposed = true;
                _handle?.Dispose();
                _handle = null;
                if (_tempPath is not null)
                {
                    DeleteQuietly(_tempPath);
                }
            }

            return ValueTask.CompletedTask;
        }

        private PutResult Finish(PutResult result)
        {
            if (result.IsOk)
            {
                _result = result;
            }

            return result;
        }

        private SafeFileHandle Open()
        {
            if (_handle is null)
            {
                _tempPath ??= store.NewTempPath(".part");
                _handle = File.OpenHandle(_tempPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, FileOptions.None);
            }

            return _handle;
        }

        private void ThrowIfFinished()
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_result is not null || _durable is not null)
            {
                throw new InvalidOperationException("The upload is being completed; no more parts can be written.");
            }
        }
    }
}
