namespace ZeroFs.Crypto;

/// <summary>
/// Fills a nonce. Production code always uses the CSPRNG; tests inject a fixed source to pin
/// golden bytes. Never reuse a nonce under one key in production.
/// </summary>
internal delegate void NonceSource(Span<byte> nonce);
