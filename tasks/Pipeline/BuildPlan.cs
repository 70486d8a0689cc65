using CrossSdk.Host;
using CrossSdk.Planning;

namespace CrossSdk.Pipeline;

/// <summary>The host as probed, and the plan of each target.</summary>
internal sealed record BuildPlan(HostCapabilities Host, IReadOnlyList<TargetPlan> Plans);
