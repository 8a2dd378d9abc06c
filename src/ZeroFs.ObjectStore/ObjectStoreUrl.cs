namespace ZeroFs.ObjectStore;

/// <summary>
/// A parsed store URL (CLI.md): a plain path (relative paths are made absolute),
/// <c>file:///abs/path</c>, <c>memory://</c> with an optional name, or <c>s3://bucket/prefix</c>.
/// </summary>
public sealed record ObjectStoreUrl
{
    private const string AcceptedForms =
        "a directory path, file:///absolute/path, memory://[name] or s3://bucket[/prefix]";

    private ObjectStoreUrl(ObjectStoreKind kind, string? path, string? bucket, string? prefix, string? name)
    {
        Kind = kind;
        Path = path;
        Bucket = bucket;
        Prefix = prefix;
        Name = name;
    }

    /// <summary>The backend.</summary>
    public ObjectStoreKind Kind { get; }

    /// <summary>The absolute directory, for <see cref="ObjectStoreKind.Local"/>.</summary>
    public string? Path { get; }

    /// <summary>The bucket, for <see cref="ObjectStoreKind.S3"/>.</summary>
    public string? Bucket { get; }

    /// <summary>
    /// The key prefix inside the bucket, for <see cref="ObjectStoreKind.S3"/>: empty, or without a
    /// leading slash and ending in exactly one <c>/</c>.
    /// </summary>
    public string? Prefix { get; }

    /// <summary>The optional name of a <see cref="ObjectStoreKind.Memory"/> store (empty when none).</summary>
    public string? Name { get; }

    /// <summary>Parses <paramref name="url"/>; throws <see cref="FormatException"/> naming the URL and the accepted forms.</summary>
    public static ObjectStoreUrl Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var text = url.Trim();
        if (text.Length == 0)
        {
            throw Invalid(url, "it is empty");
        }

        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            return FromPath(url, text);
        }

        var scheme = text[..schemeEnd].ToLowerInvariant();
        var rest = text[(schemeEnd + 3)..];
        switch (scheme)
        {
            case "file":
                if (rest.Length == 0 || rest[0] != '/')
                {
                    throw Invalid(url, "a file URL needs an absolute path (three slashes: file:///path)");
                }

                return FromPath(url, Uri.UnescapeDataString(rest));
            case "memory":
                return new ObjectStoreUrl(ObjectStoreKind.Memory, null, null, null, rest.Trim('/'));
            case "s3":
                var slash = rest.IndexOf('/', StringComparison.Ordinal);
                var bucket = slash < 0 ? rest : rest[..slash];
                if (bucket.Length == 0)
                {
                    throw Invalid(url, "the bucket name is missing");
                }

                if (bucket.Any(c => char.IsWhiteSpace(c) || c is '?' or '#' or '\\'))
                {
                    throw Invalid(url, $"'{bucket}' is not a valid bucket name");
                }

                var prefix = slash < 0 ? string.Empty : rest[(slash + 1)..].Trim('/');
                return new ObjectStoreUrl(ObjectStoreKind.S3, null, bucket, prefix.Length == 0 ? string.Empty : prefix + "/", null);
            default:
                throw Invalid(url, $"the scheme '{scheme}://' is not supported");
        }
    }

    /// <summary>The canonical URL.</summary>
    public override string ToString() => Kind switch
    {
        ObjectStoreKind.Local => "file://" + Path,
        ObjectStoreKind.Memory => "memory://" + Name,
        _ => $"s3://{Bucket}/{Prefix}",
    };

    private static ObjectStoreUrl FromPath(string url, string path)
    {
        try
        {
            return new ObjectStoreUrl(
                ObjectStoreKind.Local, System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path)), null, null, null);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw Invalid(url, e.Message);
        }
    }

    private static FormatException Invalid(string url, string reason) =>
        new($"Invalid object store URL '{url}': {reason}. Accepted forms: {AcceptedForms}.");
}
