using CrossSdk.Diagnostics;

namespace CrossSdk.Settings;

/// <summary>
/// Marks a property of <see cref="Settings.CrossBuildRequest"/> as a setting: the _CrossSetting
/// item of CrossSdk.Settings.targets with the property's name sets it, parsed by its type
/// (<see cref="SettingsParser"/>). An empty value leaves the property's default.
/// </summary>
/// <remarks>
/// Types: string (as given, trimmed), bool (true/false, on/off, yes/no), int and TimeSpan (whole
/// seconds) within <see cref="Minimum"/>..<see cref="Maximum"/>, double (a positive number), and
/// IReadOnlyList&lt;string&gt; (split on <see cref="Separators"/>).
/// </remarks>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
internal sealed class SettingAttribute(string property) : Attribute
{
    /// <summary>The MSBuild property the setting comes from, as messages name it (CrossLockTimeout).</summary>
    public string Property { get; } = property;

    /// <summary>
    /// Can hold a URL with a credential: passed by name in the task's unlogged SecretSettings
    /// parameter, never as a _CrossSetting item's value (MSBuild logs items; CROSS0132 otherwise).
    /// </summary>
    public bool Secret { get; init; }

    /// <summary>The smallest int (or whole seconds of a TimeSpan) the setting takes.</summary>
    public int Minimum { get; init; } = int.MinValue;

    /// <summary>The largest int (or whole seconds of a TimeSpan) the setting takes.</summary>
    public int Maximum { get; init; } = int.MaxValue;

    /// <summary>Where a list setting is split (empty entries dropped, each trimmed).</summary>
    public string Separators { get; init; } = "; \t\r\n";

    /// <summary>The code of an invalid value: CROSS0130 unless the setting had its own before.</summary>
    public string Code { get; init; } = DiagnosticCodes.InvalidSetting;
}
