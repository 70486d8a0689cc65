namespace CrossSdk.Tests.Infrastructure;

/// <summary>Real ELF files made with the machine's own and Debian's cross compilers.</summary>
public static class NativeFixtures
{
    public static async Task<string> SharedLibraryAsync(string compiler, string directory, string fileName, string? soname)
    {
        var source = Path.Combine(directory, "fixture.c");
        await File.WriteAllTextAsync(source, "int fixture(void) { return 42; }\n");
        var output = Path.Combine(directory, fileName);
        var args = new List<string> { "-shared", "-fPIC", "-o", output, source };
        if (soname is not null)
        {
            args.Add($"-Wl,-soname,{soname}");
        }

        var result = await Processes.RunAsync(compiler, args);
        Assert.AreEqual(0, result.ExitCode, $"{compiler} failed: {result.StandardError}");
        return output;
    }

    public static async Task<string> ExecutableAsync(string compiler, string directory, string fileName)
    {
        var source = Path.Combine(directory, fileName + ".c");
        await File.WriteAllTextAsync(source, "int main(void) { return 0; }\n");
        var output = Path.Combine(directory, fileName);
        var result = await Processes.RunAsync(compiler, ["-o", output, source]);
        Assert.AreEqual(0, result.ExitCode, $"{compiler} failed: {result.StandardError}");
        return output;
    }
}
