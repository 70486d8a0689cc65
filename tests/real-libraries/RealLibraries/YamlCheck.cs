using System.Runtime.InteropServices;

namespace RealLibraries;

/// <summary>yamlcheck, a library of this app built on libyaml (another of its package files).</summary>
internal static partial class YamlCheck
{
    public static string CountScalars() => $"{yamlcheck_count_scalars("a: [1, 2, 3]\nb: {c: d}\n")} scalars";

    [LibraryImport("yamlcheck", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int yamlcheck_count_scalars(string text);
}
