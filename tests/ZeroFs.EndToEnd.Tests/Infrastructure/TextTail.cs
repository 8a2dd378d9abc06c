namespace ZeroFs.EndToEnd.Tests.Infrastructure;

/// <summary>The end of a long text, for failure messages.</summary>
internal static class TextTail
{
    /// <summary>The last <paramref name="lines"/> lines of <paramref name="text"/>.</summary>
    public static string Of(string text, int lines)
    {
        var all = text.Split('\n');
        return all.Length <= lines ? text : "[...]\n" + string.Join('\n', all[^lines..]);
    }
}
