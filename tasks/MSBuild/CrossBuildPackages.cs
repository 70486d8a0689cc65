using CrossSdk.Pipeline;

namespace CrossSdk.MSBuild;

/// <summary>
/// Builds the project's CrossPackage items for every target with one `nix build` and writes
/// obj/cross/manifest.json. <see cref="CrossBuildService"/> does the work.
/// </summary>
public sealed class CrossBuildPackages : CrossTaskBase
{
    private protected override void ExecuteCore(CrossBuildService service, CrossBuildRequest request) =>
        service.RunAsync(request, CancellationToken).GetAwaiter().GetResult();
}
