using System.Text;

namespace ZeroFs.Hosting.Configuration;

/// <summary>The <c>[storage]</c> table: where the data lives and the password that unlocks it.</summary>
public sealed record StorageOptions
{
    /// <summary>
    /// The store URL (<c>storage.url</c>, required, <c>${VAR}</c> expanded): a plain path,
    /// <c>file:///abs/path</c>, <c>s3://bucket/prefix</c> or <c>memory://</c>.
    /// </summary>
    public required string Url { get; init; }

    /// <summary>The password that wraps the data key (<c>storage.encryption_password</c>, required). Never logged.</summary>
    public required string EncryptionPassword { get; init; }

    // Records print every property; the password must never reach a log line.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Url = ").Append(Url).Append(", EncryptionPassword = ***");
        return true;
    }
}
