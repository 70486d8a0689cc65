using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Planning;
using CrossSdk.Platforms;

namespace CrossSdk.Doctor;

/// <summary>One target as CrossDoctor and CrossPlan see it: its plan, or why there is none.</summary>
internal sealed record TargetDiagnosis(TargetPlatform Target, TargetPlan? Plan, CrossException? Error, EmulationSupport? Emulation);
