using System.Text;

namespace ZeroFs.Hosting.Configuration;

/// <summary>The commented config template that <c>zerofs init</c> writes (documents every key).</summary>
public static class ConfigTemplate
{
    private const string ResourceName = "ZeroFs.Hosting.Configuration.ConfigTemplate.toml";

    private static readonly Lazy<string> LazyText = new(Load);

    /// <summary>The template text; it binds with <see cref="ConfigLoader"/> once its <c>${VAR}</c>s are set.</summary>
    public static string Text => LazyText.Value;

    /// <summary>The environment variables the template refers to.</summary>
    public static IReadOnlyList<string> Variables { get; } = ["HOME", "ZEROFS_PASSWORD", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"];

    private static string Load()
    {
        using var stream = typeof(ConfigTemplate).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from the build");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
