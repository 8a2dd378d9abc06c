namespace ZeroFs.NineP.Client;

/// <summary>Turns a reply body into a result on the read loop, while the body is still valid.</summary>
/// <typeparam name="T">The result type.</typeparam>
/// <param name="body">The reply body.</param>
/// <returns>The result.</returns>
/// <exception cref="NinePProtocolException">The body is malformed.</exception>
internal delegate T ReplyParser<T>(ReadOnlySpan<byte> body);
