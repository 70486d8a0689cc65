using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Planning;
using CrossSdk.Platforms;

namespace CrossSdk.Pipeline;

/// <summary>Everything CrossDoctor reports; each part may have failed on its own.</summary>
internal sealed record Diagnosis(
    CrossBuildRequest Request,
    PreparedBuild? Prepared,
    CrossException? PrepareError,
    HostCapabilities? Host,
    CrossException? HostError,
    IReadOnlyList<TargetDiagnosis> Targets);

