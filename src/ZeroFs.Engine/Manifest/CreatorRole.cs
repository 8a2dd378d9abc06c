namespace ZeroFs.Engine.Manifest;

/// <summary>Which role wrote a manifest version (ENGINE.md §8); stored as one byte.</summary>
public enum CreatorRole : byte
{
    /// <summary>The fenced writer.</summary>
    Writer = 1,

    /// <summary>A compactor (in-process or standalone).</summary>
    Compactor = 2,

    /// <summary>Garbage collection.</summary>
    Gc = 3,

    /// <summary>A read replica maintaining its checkpoint.</summary>
    Reader = 4,

    /// <summary>An administrative tool.</summary>
    Admin = 5,
}
