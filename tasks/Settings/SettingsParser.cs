using System.Globalization;
using System.Reflection;
using CrossSdk.Diagnostics;
using CrossSdk.Nix.Commands;
using CrossSdk.Platforms;

namespace CrossSdk.Settings;

/// <summary>
/// The one parser from the settings list to the request. Every task receives the list as the
/// _CrossSetting items of CrossSdk.Settings.targets (name and Value) and, for the settings that can hold a
/// credential, as an unlogged parameter of the same names; each name sets the
/// <see cref="CrossBuildRequest"/> property of that name marked <see cref="SettingAttribute"/>,
/// parsed by its type. So a new setting is a line in the props, a line in the list and a field:
/// no task parameter, no mapping. A name no field has is an error (CROSS0131), not ignored.
/// </summary>
internal static class SettingsParser
{
    /// <summary>The settings fields of the request, by name.</summary>
    public static IReadOnlyDictionary<string, (PropertyInfo Property, SettingAttribute Setting)> Fields { get; } =
        typeof(CrossBuildRequest).GetProperties()
            .Select(p => (Property: p, Setting: p.GetCustomAttribute<SettingAttribute>()))
            .Where(f => f.Setting is not null)
            .ToDictionary(f => f.Property.Name, f => (f.Property, f.Setting!), StringComparer.Ordinal);

    /// <summary>
    /// <paramref name="items"/> (the request the task made of its item parameters: CrossTarget,
    /// CrossPackage...) with every setting applied, and what follows from them worked out
    /// (full paths, Nix's options from the caches and builders).
    /// </summary>
    /// <param name="settings">The _CrossSetting items: a setting's name and its value.</param>
    /// <param name="secrets">The settings that can hold a credential, from the unlogged parameter.</param>
    public static CrossBuildRequest Parse(CrossBuildRequest items, IEnumerable<(string Name, string Value)> settings, IEnumerable<(string Name, string Value)> secrets)
    {
        // The targets setting joins the CrossTarget items' own (Derive): it does not replace them.
        var request = items with { Targets = [] };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value, secret) in settings.Select(s => (s.Name, s.Value, false)).Concat(secrets.Select(s => (s.Name, s.Value, true))))
        {
            if (!Fields.TryGetValue(name, out var field))
            {
                throw new CrossException(
                    DiagnosticCodes.UnknownSetting,
                    $"CrossSdk's tasks were given a setting '{name}' they do not know (known: {string.Join(", ", Fields.Keys.Order(StringComparer.Ordinal))}). " +
                    "The _CrossSetting list of CrossSdk's targets and its tasks disagree: a _CrossSetting item added by hand, or a targets file from another CrossSdk version than CrossSdk.Tasks.dll (CrossSdkTasksAssembly).");
            }

            if (field.Setting.Secret && !secret && string.IsNullOrEmpty(value))
            {
                // The list names it (Secret="true", no value); its value comes in the secret parameter.
                continue;
            }

            if (field.Setting.Secret && !secret)
            {
                throw new CrossException(
                    DiagnosticCodes.SecretSettingLogged,
                    $"The setting '{name}' ({field.Setting.Property}) can hold a password in a URL, but CrossSdk's targets passed it as a _CrossSetting item, whose values MSBuild logs (-v:diag, binlog). " +
                    "It must come by name in the task's SecretSettings parameter, whose logging is turned off: a _CrossSetting item added by hand, or a CrossSdk targets file edited.");
            }

            if (!seen.Add(name))
            {
                throw new CrossException(DiagnosticCodes.UnknownSetting, $"CrossSdk's tasks were given the setting '{name}' twice: a _CrossSetting item added by hand, or a targets file from another CrossSdk version than CrossSdk.Tasks.dll.");
            }

            if (!string.IsNullOrWhiteSpace(value))
            {
                field.Property.SetValue(request, Convert(field.Property, field.Setting, value.Trim(), field.Property.GetValue(items)));
            }
        }

        return Derive(request, items);
    }

    /// <summary>One value, parsed by the type of the field it sets.</summary>
    private static object? Convert(PropertyInfo property, SettingAttribute setting, string value, object? fallback)
    {
        var type = property.PropertyType;
        if (type == typeof(string))
        {
            return value;
        }

        if (type == typeof(bool))
        {
            return ParseBool(value) ?? throw Invalid(setting, value, "true or false", fallback);
        }

        if (type == typeof(int) || type == typeof(TimeSpan))
        {
            var seconds = type == typeof(TimeSpan);
            var range = setting.Maximum == int.MaxValue ? $"of {setting.Minimum} or more" : $"from {setting.Minimum} to {setting.Maximum}";
            if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number < setting.Minimum || number > setting.Maximum)
            {
                throw Invalid(setting, value, seconds ? $"a whole number of seconds {range}" : $"a whole number {range}", fallback is TimeSpan t ? t.TotalSeconds : fallback);
            }

            return seconds ? TimeSpan.FromSeconds(number) : number;
        }

        if (type == typeof(double))
        {
            return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number > 0 && double.IsFinite(number)
                ? number
                : throw Invalid(setting, value, "a positive number", fallback);
        }

        if (type == typeof(IReadOnlyList<string>))
        {
            return value.Split(setting.Separators.ToCharArray(), StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        }

        throw new InvalidOperationException($"The setting {property.Name} is of a type ({type.Name}) SettingsParser does not parse.");
    }

    /// <summary>MSBuild's own spellings of a boolean (true/false, on/off, yes/no, with an optional '!').</summary>
    internal static bool? ParseBool(string value)
    {
        var negated = value.StartsWith('!');
        var word = negated ? value[1..].Trim() : value;
        bool? parsed = word.ToLowerInvariant() switch
        {
            "true" or "on" or "yes" => true,
            "false" or "off" or "no" => false,
            _ => null,
        };
        return negated ? !parsed : parsed;
    }

    private static CrossException Invalid(SettingAttribute setting, string value, string expected, object? fallback) =>
        new(setting.Code, $"{setting.Property} '{value}' is not {expected} (the default is {Text(fallback)}). Set it to such a value in the project, Directory.Build.props or with -p:{setting.Property}=..., or remove it to use the default.");

    private static string Text(object? value) => value switch
    {
        null => "empty",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>What follows from the settings: full paths, the targets with the CrossTarget items', and Nix's options.</summary>
    private static CrossBuildRequest Derive(CrossBuildRequest request, CrossBuildRequest items)
    {
        var project = request.ProjectDirectory;
        return request with
        {
            IntermediateDirectory = Path.GetFullPath(request.IntermediateDirectory, project),
            Targets = TargetList.Split([.. request.Targets, .. items.Targets]),
            ProjectName = string.IsNullOrEmpty(request.ProjectName) ? Path.GetFileName(project) : request.ProjectName,
            CacheSigningKeyFile = request.CacheSigningKeyFile is null ? null : Path.GetFullPath(request.CacheSigningKeyFile, project),
            // The caches and builders first: the user's own options come after, so they win.
            NixOptions =
            [
                .. NixCommandLine.ScaleOut(request.Substituters, request.TrustedPublicKeys, request.Builders),
                .. (request.NixOptionsText ?? "").Split([';', ' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries),
                .. items.NixOptions,
            ],
            // MSBuild passes a path as written: a csproj written on Windows says bin\.
            BuildOutputFolders = request.BuildOutputFolders
                .Select(f => Path.TrimEndingDirectorySeparator(Path.GetFullPath(OperatingSystem.IsWindows() ? f : f.Replace('\\', '/'), project)))
                .Distinct(StringComparer.Ordinal)
                .ToList(),
        };
    }
}
