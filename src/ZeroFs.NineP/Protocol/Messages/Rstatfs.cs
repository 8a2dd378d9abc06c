using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Rstatfs: Returns file-system statistics (struct statfs). Body: <c>FileSystemType[4] BlockSize[4] Blocks[8] FreeBlocks[8] AvailableBlocks[8] Files[8] FreeFiles[8] FileSystemId[8] MaxNameLength[4]</c>.
/// </summary>
public readonly ref struct Rstatfs : INinePMessage<Rstatfs>
{
    /// <summary>Creates a Rstatfs.</summary>
    /// <param name="fileSystemType">File-system magic (type).</param>
    /// <param name="blockSize">Block size (bsize).</param>
    /// <param name="blocks">Total blocks.</param>
    /// <param name="freeBlocks">Free blocks (bfree).</param>
    /// <param name="availableBlocks">Blocks available to unprivileged users (bavail).</param>
    /// <param name="files">Total inodes.</param>
    /// <param name="freeFiles">Free inodes (ffree).</param>
    /// <param name="fileSystemId">File-system id (fsid).</param>
    /// <param name="maxNameLength">Longest name (namelen).</param>
    public Rstatfs(uint fileSystemType, uint blockSize, ulong blocks, ulong freeBlocks, ulong availableBlocks, ulong files, ulong freeFiles, ulong fileSystemId, uint maxNameLength)
    {
        FileSystemType = fileSystemType;
        BlockSize = blockSize;
        Blocks = blocks;
        FreeBlocks = freeBlocks;
        AvailableBlocks = availableBlocks;
        Files = files;
        FreeFiles = freeFiles;
        FileSystemId = fileSystemId;
        MaxNameLength = maxNameLength;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Rstatfs;

    /// <summary>File-system magic (type).</summary>
    public uint FileSystemType { get; }

    /// <summary>Block size (bsize).</summary>
    public uint BlockSize { get; }

    /// <summary>Total blocks.</summary>
    public ulong Blocks { get; }

    /// <summary>Free blocks (bfree).</summary>
    public ulong FreeBlocks { get; }

    /// <summary>Blocks available to unprivileged users (bavail).</summary>
    public ulong AvailableBlocks { get; }

    /// <summary>Total inodes.</summary>
    public ulong Files { get; }

    /// <summary>Free inodes (ffree).</summary>
    public ulong FreeFiles { get; }

    /// <summary>File-system id (fsid).</summary>
    public ulong FileSystemId { get; }

    /// <summary>Longest name (namelen).</summary>
    public uint MaxNameLength { get; }

    /// <inheritdoc/>
    public int BodyLength => 4 + 4 + 8 + 8 + 8 + 8 + 8 + 8 + 4;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Rstatfs message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadUInt32(out var fileSystemType)
            && reader.TryReadUInt32(out var blockSize)
            && reader.TryReadUInt64(out var blocks)
            && reader.TryReadUInt64(out var freeBlocks)
            && reader.TryReadUInt64(out var availableBlocks)
            && reader.TryReadUInt64(out var files)
            && reader.TryReadUInt64(out var freeFiles)
            && reader.TryReadUInt64(out var fileSystemId)
            && reader.TryReadUInt32(out var maxNameLength)
            && reader.IsAtEnd)
        {
            message = new Rstatfs(fileSystemType, blockSize, blocks, freeBlocks, availableBlocks, files, freeFiles, fileSystemId, maxNameLength);
            return OperationStatus.Done;
        }

        message = default;
        return OperationStatus.InvalidData;
    }

    /// <inheritdoc/>
    public void WriteBody(ref NinePWriter writer)
    {
        writer.WriteUInt32(FileSystemType);
        writer.WriteUInt32(BlockSize);
        writer.WriteUInt64(Blocks);
        writer.WriteUInt64(FreeBlocks);
        writer.WriteUInt64(AvailableBlocks);
        writer.WriteUInt64(Files);
        writer.WriteUInt64(FreeFiles);
        writer.WriteUInt64(FileSystemId);
        writer.WriteUInt32(MaxNameLength);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Rstatfs {{ FileSystemType = {FileSystemType}, BlockSize = {BlockSize}, Blocks = {Blocks}, FreeBlocks = {FreeBlocks}, AvailableBlocks = {AvailableBlocks}, Files = {Files}, FreeFiles = {FreeFiles}, FileSystemId = {FileSystemId}, MaxNameLength = {MaxNameLength} }}";
}
