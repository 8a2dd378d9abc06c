namespace ZeroFs.Engine.Manifest;

/// <summary>A manifest version together with its id (object <c>manifest/&lt;20-digit id&gt;.mf</c>).</summary>
/// <param name="Id">The manifest id (contiguous from 1).</param>
/// <param name="Manifest">The content.</param>
public sealed record StoredManifest(ulong Id, DbManifest Manifest);
