using System.Diagnostics.CodeAnalysis;

namespace ZeroFs.Engine.Format;

/// <summary>Out-of-line throws so that hot decoders stay small and inlinable (STYLE.md §4.7).</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    internal static void ThrowCorruption(string message) => throw new CorruptionException(message);

    [DoesNotReturn]
    internal static T ThrowCorruption<T>(string message) => throw new CorruptionException(message);

    [DoesNotReturn]
    internal static void ThrowOutOfOrder() =>
        throw new InvalidOperationException("Entries must be added in strictly increasing internal-key order.");
}
