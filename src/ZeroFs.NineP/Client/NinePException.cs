using ZeroFs.NineP.Protocol;

namespace ZeroFs.NineP.Client;

/// <summary>The server answered a request with Rlerror; <see cref="Errno"/> is the Linux errno.</summary>
public sealed class NinePException : IOException
{
    /// <summary>Creates the exception for an Rlerror reply.</summary>
    /// <param name="errno">The Linux errno from the server.</param>
    /// <param name="request">The request type that failed.</param>
    public NinePException(uint errno, MessageType request)
        : base($"{request} failed: {P9Errno.GetName(errno)} ({errno})")
    {
        Errno = errno;
        Request = request;
    }

    /// <summary>Gets the Linux errno (see <see cref="P9Errno"/>).</summary>
    public uint Errno { get; }

    /// <summary>Gets the request type that failed.</summary>
    public MessageType Request { get; }
}
