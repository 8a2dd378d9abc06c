namespace ZeroFs.NineP.Server.Sessions;

/// <summary>The two special path elements.</summary>
internal static class Names
{
    public static bool IsDot(ReadOnlySpan<byte> name) => name.Length == 1 && name[0] == (byte)'.';

    public static bool IsDotDot(ReadOnlySpan<byte> name) => name.Length == 2 && name[0] == (byte)'.' && name[1] == (byte)'.';
}
