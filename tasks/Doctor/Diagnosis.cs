using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Pipeline;
using CrossSdk.Platforms;
using CrossSdk.Settings;

namespace CrossSdk.Doctor;

/// <summary>Everything CrossDoctor reports; each part may have failed on its own.</summary>
internal sealed record Diagnosis(
    CrossBuildRequest Request,
    PreparedBuild? Prepared,
    CrossException? PrepareError,
    HostCapabilities? Host,
    CrossException? HostError,
    IReadOnlyList<TargetDiagnosis> Targets)
{
    /// <summary>The remote builders Nix will use, each pinged.</summary>
    public IReadOnlyList<StoreAnswer> Builders { get; init; } = [];

    /// <summary>The binary caches Nix asks (CrossSubstituters first), each pinged.</summary>
    public IReadOnlyList<StoreAnswer> Caches { get; init; } = [];

    /// <summary>Whether Wine runs the Windows targets' programs here (CrossDoctorTask asks; null when not asked).</summary>
    public Run.WineStatus? Wine { get; init; }
}

