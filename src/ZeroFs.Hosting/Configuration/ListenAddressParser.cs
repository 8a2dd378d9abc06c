using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace ZeroFs.Hosting.Configuration;

/// <summary>
/// Parses listen addresses: <c>"IPv4:port"</c> or <c>"[IPv6]:port"</c>. Host names are refused so
/// that what a server binds to never depends on DNS at startup (the reference does the same).
/// </summary>
internal static class ListenAddressParser
{
    public const string Expected = "\"IP:port\", such as \"127.0.0.1:2049\", \"0.0.0.0:2049\" or \"[::1]:2049\"";

    public static bool TryParse(string text, [NotNullWhen(true)] out IPEndPoint? endPoint, out string? problem)
    {
        endPoint = null;
        problem = null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            problem = "missing port";
            return false;
        }

        var host = text[..colon];
        var portText = text[(colon + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > IPEndPoint.MaxPort)
        {
            problem = $"port '{portText}' is not a number in 0..65535";
            return false;
        }

        if (host.StartsWith('['))
        {
            if (!host.EndsWith(']') || !IPAddress.TryParse(host[1..^1], out var v6)
                || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                problem = $"'{host}' is not a bracketed IPv6 address";
                return false;
            }

            endPoint = new IPEndPoint(v6, port);
            return true;
        }

        if (host.Contains(':', StringComparison.Ordinal))
        {
            problem = "IPv6 addresses go in brackets";
            return false;
        }

        if (!IPAddress.TryParse(host, out var v4) || v4.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork
            || host.Count(c => c == '.') != 3)
        {
            problem = $"'{host}' is not an IP address (host names are not accepted)";
            return false;
        }

        endPoint = new IPEndPoint(v4, port);
        return true;
    }
}
