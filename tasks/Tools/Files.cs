namespace CrossSdk.Tools;

/// <summary>The two ways the pipeline writes to obj/cross/.</summary>
internal static class Files
{
    /// <summary>Writes a generated file only when its text changed, so its timestamp says when it really did (as NativeAOT writes its .rsp).</summary>
    public static void WriteIfChanged(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!File.Exists(path) || File.ReadAllText(path) != text)
        {
            // Written beside and renamed: a reader (nix, another build) never sees half a file.
            var temporary = $"{path}.tmp-{Environment.ProcessId}";
            File.WriteAllText(temporary, text);
            File.Move(temporary, path, overwrite: true);
        }
    }

    /// <summary>An empty folder, whatever was there.</summary>
    public static void ResetDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        Directory.CreateDirectory(path);
    }
}
