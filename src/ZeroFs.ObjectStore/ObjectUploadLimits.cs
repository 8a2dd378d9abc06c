namespace ZeroFs.ObjectStore;

/// <summary>The part rules of <see cref="IObjectUpload"/> (S3's multipart limits, which every store enforces alike).</summary>
public static class ObjectUploadLimits
{
    /// <summary>Smallest part other than the last: 5 MiB.</summary>
    public const int MinPartBytes = 5 * 1024 * 1024;

    /// <summary>Most parts of one object, the last included.</summary>
    public const int MaxParts = 10_000;

    /// <summary>
    /// Checks the condition of an upload: <see cref="PutCondition.Overwrite"/> or
    /// <see cref="PutCondition.CreateOnly"/>. If-Match is for small objects written whole
    /// (<see cref="IObjectStore.PutAsync"/>): S3-compatible servers do not all check it on a
    /// multipart completion (moto 5.2.1 ignores it), and no large object here is ever replaced.
    /// </summary>
    public static void ValidateCondition(PutCondition condition)
    {
        if (condition.Kind == PutConditionKind.IfMatch)
        {
            throw new ArgumentException("An upload is Overwrite or CreateOnly; If-Match needs a whole-object PUT.", nameof(condition));
        }
    }

    /// <summary>
    /// Checks the number and size of a part passed to <see cref="IObjectUpload.WritePartAsync"/>:
    /// <paramref name="partNumber"/> must be <paramref name="highestWritten"/> (a rewrite) or one
    /// more. Returns true for a rewrite.
    /// </summary>
    public static bool ValidatePart(int partNumber, int highestWritten, int length)
    {
        if (partNumber < 1 || partNumber >= MaxParts || (partNumber != highestWritten && partNumber != highestWritten + 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(partNumber), partNumber, $"Parts are written in order: expected {highestWritten + 1} (or {highestWritten} again), below {MaxParts}.");
        }

        if (length < MinPartBytes)
        {
            throw new ArgumentException($"Every part but the last needs at least {MinPartBytes} bytes; got {length}.", nameof(length));
        }

        return partNumber == highestWritten;
    }
}
