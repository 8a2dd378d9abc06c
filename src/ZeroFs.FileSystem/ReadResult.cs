namespace ZeroFs.FileSystem;

/// <summary>The outcome of a read.</summary>
/// <param name="Count">Bytes placed in the caller's buffer.</param>
/// <param name="EndOfFile">True when the read reached the end of the file.</param>
public readonly record struct ReadResult(int Count, bool EndOfFile);
