namespace ZeroFs.Hosting.Configuration;

/// <summary>A TOML date-time value; no key of ours takes one, so only its text is kept for messages.</summary>
/// <param name="Text">The value as written.</param>
internal sealed record TomlDateTimeText(string Text);
