namespace CrossSdk.Planning;

/// <summary>A CrossOverlay item: the overlay file and its optional Package and Target scopes.</summary>
internal sealed record OverlayItem(string ItemSpec, string? Package = null, string? Target = null);
