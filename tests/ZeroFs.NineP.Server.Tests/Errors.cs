using ZeroFs.NineP.Client;
using ZeroFs.NineP.Protocol;

namespace ZeroFs.NineP.Server.Tests;

internal static class Errors
{
    /// <summary>Runs <paramref name="action"/>, which must fail with Rlerror(<paramref name="expected"/>).</summary>
    public static async Task ExpectAsync(uint expected, Func<Task> action)
    {
        var exception = await Assert.ThrowsAsync<NinePException>(action);
        Assert.Equal(P9Errno.GetName(expected), P9Errno.GetName(exception.Errno));
    }
}
