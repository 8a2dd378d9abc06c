using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ZeroFs.Crypto;

/// <summary>
/// Which codec new blocks are written with; reading detects the codec from each block's header,
/// so this can change at any time. The config spelling is <c>none</c>, <c>lz4</c>, <c>zstd</c>
/// (level 3) or <c>zstd-1</c> … <c>zstd-22</c>; see <see cref="Parse"/>.
/// </summary>
/// <param name="Codec">The codec.</param>
/// <param name="ZstdLevel">zstd level <see cref="MinZstdLevel"/>..<see cref="MaxZstdLevel"/> (ignored for other codecs).</param>
public sealed record CompressionOptions(CompressionCodec Codec = CompressionCodec.Zstd, int ZstdLevel = 3)
{
    /// <summary>Lowest zstd level accepted.</summary>
    public const int MinZstdLevel = 1;

    /// <summary>Highest zstd level accepted.</summary>
    public const int MaxZstdLevel = 22;

    /// <summary>The zstd level used by <c>zstd</c> without a level.</summary>
    public const int DefaultZstdLevel = 3;

    private const string AcceptedForms = "\"none\", \"lz4\", \"zstd\" (level 3) or \"zstd-1\" … \"zstd-22\"";

    /// <summary>The default: zstd at level 3.</summary>
    public static CompressionOptions Default { get; } = new();

    /// <summary>
    /// Parses the config spelling (case-insensitive, surrounding white space ignored).
    /// </summary>
    /// <exception cref="FormatException"><paramref name="value"/> is not one of the accepted forms.</exception>
    public static CompressionOptions Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!TryParse(value, out var options))
        {
            throw new FormatException($"unknown compression \"{value}\"; use {AcceptedForms}");
        }

        return options;
    }

    /// <summary>Parses the config spelling; returns <see langword="false"/> when it is not an accepted form.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out CompressionOptions? options)
    {
        options = null;
        if (value is null)
        {
            return false;
        }

        var text = value.AsSpan().Trim();
        if (text.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            options = new CompressionOptions(CompressionCodec.None);
        }
        else if (text.Equals("lz4", StringComparison.OrdinalIgnoreCase))
        {
            options = new CompressionOptions(CompressionCodec.Lz4);
        }
        else if (text.Equals("zstd", StringComparison.OrdinalIgnoreCase))
        {
            options = new CompressionOptions(CompressionCodec.Zstd, DefaultZstdLevel);
        }
        else if (text.StartsWith("zstd-", StringComparison.OrdinalIgnoreCase)
            && text.Length <= "zstd-22".Length
            && int.TryParse(text["zstd-".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var level)
            && level is >= MinZstdLevel and <= MaxZstdLevel)
        {
            options = new CompressionOptions(CompressionCodec.Zstd, level);
        }

        return options is not null;
    }

    /// <summary>Throws when the combination is not usable (unknown codec, zstd level out of range).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A field is out of range.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Codec))
        {
            throw new ArgumentOutOfRangeException(nameof(Codec), Codec, "unknown compression codec");
        }

        if (Codec == CompressionCodec.Zstd && ZstdLevel is < MinZstdLevel or > MaxZstdLevel)
        {
            throw new ArgumentOutOfRangeException(
                nameof(ZstdLevel), ZstdLevel, $"zstd level must be {MinZstdLevel}..{MaxZstdLevel}");
        }
    }

    /// <summary>The config spelling: <c>none</c>, <c>lz4</c> or <c>zstd-N</c>.</summary>
    public override string ToString() => Codec switch
    {
        CompressionCodec.None => "none",
        CompressionCodec.Lz4 => "lz4",
        CompressionCodec.Zstd => string.Create(CultureInfo.InvariantCulture, $"zstd-{ZstdLevel}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"codec-{(byte)Codec}"),
    };
}
