using System.Globalization;

namespace ZeroFs.ObjectStore.S3;

/// <summary>Where and how <see cref="S3ObjectStore"/> reaches its bucket.</summary>
public sealed record S3ObjectStoreOptions
{
    /// <summary>The bucket.</summary>
    public required string Bucket { get; init; }

    /// <summary>Key prefix inside the bucket (a trailing <c>/</c> is added when missing); empty for the bucket root.</summary>
    public string Prefix { get; init; } = string.Empty;

    /// <summary>A custom endpoint such as <c>http://127.0.0.1:9000</c> (MinIO, moto, R2); null for AWS.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The signing region (default <c>us-east-1</c>).</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Static access key; when null the SDK's default credential chain is used.</summary>
    public string? AccessKeyId { get; init; }

    /// <summary>Static secret key (with <see cref="AccessKeyId"/>).</summary>
    public string? SecretAccessKey { get; init; }

    /// <summary>Session token for temporary static credentials.</summary>
    public string? SessionToken { get; init; }

    /// <summary>Path-style addressing (<c>endpoint/bucket/key</c>); null means true exactly when <see cref="Endpoint"/> is set.</summary>
    public bool? ForcePathStyle { get; init; }

    /// <summary>Allows an <c>http://</c> endpoint (default false: plain HTTP must be asked for).</summary>
    public bool AllowHttp { get; init; }

    /// <summary>Per-request timeout; null keeps the SDK default.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The normalised prefix: empty, or ending in exactly one <c>/</c> with no leading one.</summary>
    public string NormalizedPrefix
    {
        get
        {
            var trimmed = Prefix.Trim('/');
            return trimmed.Length == 0 ? string.Empty : trimmed + "/";
        }
    }

    /// <summary>Whether requests use path-style addressing after defaults are applied.</summary>
    public bool EffectiveForcePathStyle => ForcePathStyle ?? Endpoint is not null;

    /// <summary>
    /// Builds options from the free-form <c>[aws]</c> table (CLI.md, REFERENCE-ZEROFS.md §2):
    /// <c>access_key_id</c>, <c>secret_access_key</c>, <c>session_token</c> (or <c>token</c>),
    /// <c>endpoint</c> (or <c>endpoint_url</c>), <c>region</c> (or <c>default_region</c>),
    /// <c>allow_http</c>, <c>force_path_style</c>, <c>virtual_hosted_style_request</c>. Keys are
    /// case-insensitive and may carry an <c>aws_</c> prefix. Unknown keys and bad values throw
    /// <see cref="ArgumentException"/> naming the key.
    /// </summary>
    public static S3ObjectStoreOptions FromSettings(string bucket, string prefix, IReadOnlyDictionary<string, string> aws)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(aws);
        var options = new S3ObjectStoreOptions { Bucket = bucket, Prefix = prefix };
        foreach (var (rawKey, value) in aws)
        {
            var key = rawKey.Trim().ToLowerInvariant();
            if (key.StartsWith("aws_", StringComparison.Ordinal))
            {
                key = key[4..];
            }

            options = key switch
            {
                "access_key_id" => options with { AccessKeyId = value },
                "secret_access_key" => options with { SecretAccessKey = value },
                "session_token" or "token" => options with { SessionToken = value },
                "endpoint" or "endpoint_url" => options with { Endpoint = ParseEndpoint(rawKey, value) },
                "region" or "default_region" => options with { Region = RequireValue(rawKey, value) },
                "allow_http" => options with { AllowHttp = ParseBool(rawKey, value) },
                "force_path_style" => options with { ForcePathStyle = ParseBool(rawKey, value) },
                "virtual_hosted_style_request" => options with { ForcePathStyle = !ParseBool(rawKey, value) },
                _ => throw new ArgumentException(
                    $"Unknown [aws] setting '{rawKey}'. Known: access_key_id, secret_access_key, session_token, endpoint, " +
                    "region, allow_http, force_path_style, virtual_hosted_style_request.",
                    nameof(aws)),
            };
        }

        if ((options.AccessKeyId is null) != (options.SecretAccessKey is null))
        {
            throw new ArgumentException("[aws] access_key_id and secret_access_key must be given together.", nameof(aws));
        }

        return options;
    }

    /// <summary>Throws <see cref="ArgumentException"/> when the options cannot work.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(Bucket, nameof(Bucket));
        ArgumentException.ThrowIfNullOrEmpty(Region, nameof(Region));
        if (Endpoint is not null)
        {
            if (Endpoint.Scheme == Uri.UriSchemeHttp && !AllowHttp)
            {
                throw new ArgumentException(
                    $"The S3 endpoint '{Endpoint}' uses plain HTTP; set [aws] allow_http = \"true\" to allow it.", nameof(Endpoint));
            }

            if (Endpoint.Scheme != Uri.UriSchemeHttp && Endpoint.Scheme != Uri.UriSchemeHttps)
            {
                throw new ArgumentException($"The S3 endpoint '{Endpoint}' must be an http:// or https:// URL.", nameof(Endpoint));
            }
        }

        if ((AccessKeyId is null) != (SecretAccessKey is null))
        {
            throw new ArgumentException("AccessKeyId and SecretAccessKey must be given together.", nameof(AccessKeyId));
        }
    }

    private static Uri ParseEndpoint(string key, string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"[aws] {key} = '{value}' is not an http:// or https:// URL.", key);
        }

        return uri;
    }

    private static string RequireValue(string key, string value) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"[aws] {key} must not be empty.", key) : value.Trim();

    private static bool ParseBool(string key, string value) =>
        value.Trim().ToLower(CultureInfo.InvariantCulture) switch
        {
            "true" or "1" or "yes" => true,
            "false" or "0" or "no" => false,
            _ => throw new ArgumentException($"[aws] {key} = '{value}' is not a boolean (use \"true\" or \"false\").", key),
        };
}
