using System.Text.RegularExpressions;

namespace CrossSdk.Diagnostics;

/// <summary>
/// A write of CrossSdk's own (obj/cross/: the generated Nix file, the shipped copies, the
/// manifest) that failed because its file system is full: the disk-full error (CROSS0054, the
/// code Nix's own "No space left on device" gets) naming the path, not an internal error. Pure.
/// </summary>
internal static partial class DiskFull
{
    // .NET on Unix puts the errno in IOException.HResult (ENOSPC 28, EDQUOT 122 on Linux); on
    // Windows it is the HRESULT of ERROR_DISK_FULL or ERROR_HANDLE_DISK_FULL.
    private static readonly int[] Codes = [28, 122, unchecked((int)0x80070070), unchecked((int)0x80070027)];

    public static bool Is(Exception ex) => ex is IOException && Codes.Contains(ex.HResult);

    /// <summary>CROSS0054 for an exception <see cref="Is"/> accepted.</summary>
    /// <param name="writer">Who was writing, for the message (a task's name).</param>
    /// <param name="path">The file being written, where the caller knows it (.NET names it only for some writes).</param>
    /// <param name="folder">Where the writer writes, for when neither the caller nor .NET names the file.</param>
    public static CrossException Error(Exception ex, string writer, string? path = null, string? folder = null)
    {
        // .NET names the file for most writes: "No space left on device : '/p/obj/cross/x.tmp-1'"; not for File.Copy.
        path ??= QuotedPath().Match(ex.Message) is { Success: true } m ? m.Groups["path"].Value : null;
        folder = path is not null ? Path.GetDirectoryName(path) : folder is { Length: > 0 } ? Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) : null;
        var where = path ?? (folder is null ? "a file of its own" : $"a file in {folder}");
        return new CrossException(
            DiagnosticCodes.NixDiskFull,
            $"No space left on the device: CrossSdk ({writer}) could not write {where} ({ex.Message.Trim()}). " +
            $"Nothing was shipped from this build; free space on the file system of {folder ?? "obj/cross/ (CrossIntermediateOutputPath)"} " +
            $"(`df -h {folder ?? "obj"}` shows what is left), or move the build folders elsewhere (BaseIntermediateOutputPath, CrossIntermediateOutputPath), and build again.",
            inner: ex)
        {
            Detail = ex.Message,
        };
    }

    [GeneratedRegex(@"'(?<path>/[^']+|[A-Za-z]:\\[^']+)'")]
    private static partial Regex QuotedPath();
}
