using ZeroFs.Testing;

namespace ZeroFs.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Picks the server under test: zerofs (the default, and what CI runs), or the reference server diod
/// with <c>ZEROFS_E2E_NINEP_SERVER=diod</c>, which proves the tests themselves against a known server.
/// </summary>
internal static class NinePServers
{
    /// <summary>The environment variable that selects the server.</summary>
    public const string Variable = "ZEROFS_E2E_NINEP_SERVER";

    /// <summary>A stopped server whose state lives in <paramref name="directory"/>.</summary>
    public static INinePServer Create(TempDirectory directory)
    {
        var choice = Environment.GetEnvironmentVariable(Variable);
        return choice switch
        {
            null or "" or "zerofs" => new ZerofsServer(directory),
            "diod" => new DiodNinePServer(directory),
            _ => throw new InvalidOperationException($"{Variable}={choice}: expected zerofs or diod"),
        };
    }
}
