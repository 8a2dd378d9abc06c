using ZeroFs.NineP.Protocol;

namespace ZeroFs.NineP.Tests.Protocol;

/// <summary>One encoded message with the description of the value it was built from.</summary>
internal sealed record MessageSample(string Name, MessageType Type, ushort Tag, byte[] Frame, string Description)
{
    public override string ToString() => Name;
}
