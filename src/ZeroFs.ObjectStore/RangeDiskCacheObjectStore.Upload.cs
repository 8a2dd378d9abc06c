using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace ZeroFs.ObjectStore;

/// <summary>Admission of objects written part by part.</summary>
public sealed partial class RangeDiskCacheObjectStore
{
    // Parts pass through to the store; with AdmitOnPut their bytes are also staged in a temp file
    // of the cache directory (not memory), which becomes part files once the upload completes: the
    // etag the part files record is known only then. A staging failure only skips admission.
    private sealed class CachingUpload(RangeDiskCacheObjectStore owner, IObjectUpload inner, IReadOnlyDictionary<string, string>? metadata) : IObjectUpload
    {
        private SafeFileHandle? _staging;
        private string? _stagingPath;
        private bool _stagingFailed = !owner._options.AdmitOnPut;
        private bool _admitted;
        private int _parts;
        private long _lastPartStart;
        private long _length;

        public string Key => inner.Key;

        public async Task WritePartAsync(int partNumber, ReadOnlyMemory<byte> part, CancellationToken cancellationToken = default)
        {
            await inner.WritePartAsync(partNumber, part, cancellationToken).ConfigureAwait(false);
            var offset = partNumber == _parts ? _lastPartStart : _length;
            Stage(part.Span, offset);
            _parts = partNumber;
            _lastPartStart = offset;
            _length = offset + part.Length;
        }

        public async Task<PutResult> CompleteAsync(ReadOnlyMemory<byte> lastPart, CancellationToken cancellationToken = default)
        {
            var result = await inner.CompleteAsync(lastPart, cancellationToken).ConfigureAwait(false);
            if (!result.IsOk || _admitted || _stagingFailed)
            {
                return result;
            }

            _admitted = true;
            var size = _length + lastPart.Length;
            var meta = owner.AdmittedMeta(inner.Key, size, result, metadata);
            if (_parts == 0)
            {
                for (long p = 0; p * owner._partSize < size; p++)
                {
                    var start = (int)(p * owner._partSize);
                    owner._parts.Write(owner._parts.PathOf(inner.Key, p), meta, lastPart.Span.Slice(start, (int)Math.Min(owner._partSize, size - start)));
                }

                return result;
            }

            Stage(lastPart.Span, _length);
            if (!_stagingFailed)
            {
                AdmitStaged(meta, size);
            }

            return result;
        }

        public async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync().ConfigureAwait(false);
            CloseStaging();
        }

        private void Stage(ReadOnlySpan<byte> bytes, long offset)
        {
            if (_stagingFailed || bytes.IsEmpty)
            {
                return;
            }

            try
            {
                if (_staging is null)
                {
                    _stagingPath = owner._parts.NewStagingPath();
                    _staging = File.OpenHandle(_stagingPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.None);
                }

                RandomAccess.Write(_staging, bytes, offset);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                DiskCacheLog.WriteFailed(owner._logger, _stagingPath ?? owner.Description, ex);
                _stagingFailed = true;
                CloseStaging();
            }
        }

        private void AdmitStaged(ObjectMeta meta, long size)
        {
            var buffer = ArrayPool<byte>.Shared.Rent((int)owner._partSize);
            try
            {
                for (long p = 0; p * owner._partSize < size; p++)
                {
                    var start = p * owner._partSize;
                    var length = (int)Math.Min(owner._partSize, size - start);
                    var read = RandomAccess.Read(_staging!, buffer.AsSpan(0, length), start);
                    if (read != length)
                    {
                        return;
                    }

                    owner._parts.Write(owner._parts.PathOf(inner.Key, p), meta, buffer.AsSpan(0, length));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                DiskCacheLog.ReadFailed(owner._logger, _stagingPath!, ex);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
                CloseStaging();
            }
        }

        private void CloseStaging()
        {
            _staging?.Dispose();
            _staging = null;
            if (_stagingPath is not null)
            {
                try
                {
                    File.Delete(_stagingPath);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    DiskCacheLog.DeleteFailed(owner._logger, _stagingPath, ex);
                }

                _stagingPath = null;
            }
        }
    }
}
