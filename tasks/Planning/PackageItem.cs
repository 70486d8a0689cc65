namespace CrossSdk.Planning;

/// <summary>A CrossPackage item as MSBuild gives it: the Include and its metadata.</summary>
internal sealed record PackageItem(string ItemSpec, string? Outputs = null, string? Include = null, string? Compiler = null, string? Link = null);
