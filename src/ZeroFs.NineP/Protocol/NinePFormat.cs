using System.Text;

namespace ZeroFs.NineP.Protocol;

/// <summary>Formatting for diagnostics (ToString of messages); never used on hot paths.</summary>
internal static class NinePFormat
{
    private const int MaxShown = 64;

    /// <summary>Shows printable ASCII as a quoted string and anything else as hex, with long values cut.</summary>
    internal static string Bytes(ReadOnlySpan<byte> value)
    {
        var shown = value[..Math.Min(value.Length, MaxShown)];
        var printable = true;
        foreach (var b in shown)
        {
            printable &= b is >= 0x20 and < 0x7F and not (byte)'"';
        }

        var text = printable ? "\"" + Encoding.ASCII.GetString(shown) + "\"" : "0x" + Convert.ToHexString(shown);
        return value.Length > MaxShown ? $"{text}…({value.Length} bytes)" : text;
    }
}
