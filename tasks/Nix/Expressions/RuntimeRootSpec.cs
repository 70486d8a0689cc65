namespace CrossSdk.Nix.Expressions;

/// <summary>Which target's runtime root the generated file adds (for `dotnet run`/`dotnet test` under QEMU), and whether with ICU.</summary>
internal sealed record RuntimeRootSpec(string Rid, bool Icu);
