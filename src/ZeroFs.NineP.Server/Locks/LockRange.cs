using ZeroFs.NineP.Protocol;

namespace ZeroFs.NineP.Server.Locks;

/// <summary>One held byte range <c>[Start, End)</c>; <see cref="End"/> = <see cref="ulong.MaxValue"/> means "to end of file and beyond".</summary>
/// <param name="Owner">The holder.</param>
/// <param name="Type">Read (shared) or Write (exclusive).</param>
/// <param name="Start">First byte.</param>
/// <param name="End">One past the last byte.</param>
internal readonly record struct LockRange(LockOwner Owner, LockType Type, ulong Start, ulong End)
{
    /// <summary>The range a Tlock/Tgetlock names: length 0 runs to EOF; an overflowing end is clamped.</summary>
    public static (ulong Start, ulong End) FromWire(ulong start, ulong length) =>
        (start, length == 0 || length > ulong.MaxValue - start ? ulong.MaxValue : start + length);

    /// <summary>The wire length of this range (0 = to EOF).</summary>
    public ulong WireLength => End == ulong.MaxValue ? 0 : End - Start;

    public bool Overlaps(ulong start, ulong end) => Start < end && start < End;
}
