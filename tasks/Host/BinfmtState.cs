namespace CrossSdk.Host;

/// <summary>What binfmt_misc offers: mounted or not, and each registered handler.</summary>
internal sealed record BinfmtState(bool Mounted, string Folder, IReadOnlyList<BinfmtHandler> Handlers);
