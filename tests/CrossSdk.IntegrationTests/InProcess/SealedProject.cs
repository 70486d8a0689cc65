using System.Security.Cryptography;

namespace CrossSdk.Tests.Integration.InProcess;

/// <summary>
/// An SdkProject with a CrossPackage, left as a CrossBuild that succeeded leaves obj/cross/: a
/// proof (up-to-date.txt) naming an input file with its time, and for a whole-second file its hash
/// ("file", local-time ticks, SHA-256 or '-', path), a manifest, an items file, settings.txt and the
/// stamp holding the seal, computed by the targets' own _CrossCheckSeal as CrossBuild writes it.
/// </summary>
public sealed class SealedProject : IDisposable
{
    private SealedProject(SdkProject project, string input)
    {
        Project = project;
        Input = input;
    }

    public SdkProject Project { get; }

    /// <summary>The input file the proof names (as a file Nix read).</summary>
    public string Input { get; }

    public string StampFile => Path.Combine(Project.CrossFolder, "up-to-date.stamp");

    /// <param name="hashInput">true: the proof holds the input's hash, as for a file whose time is a whole second.</param>
    public static SealedProject Create(bool hashInput = false)
    {
        var project = new SdkProject("""
            <ItemGroup>
              <CrossPackage Include="native/default.nix" />
            </ItemGroup>
            """);
        try
        {
            var input = project.Write("native/lib.c", "int answer(void) { return 42; }\n");
            project.Write("native/default.nix", "{ stdenv }: stdenv.mkDerivation { name = \"lib\"; src = ./.; }\n");
            var hash = "-";
            if (hashInput)
            {
                // The proof hashes a file whose time is a whole second (its time alone cannot tell a change within that second).
                var time = File.GetLastWriteTimeUtc(input);
                File.SetLastWriteTimeUtc(input, new DateTime(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc));
                hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(input)));
            }

            project.Write("obj/cross/up-to-date.txt", $"file\t{File.GetLastWriteTime(input).Ticks}\t{hash}\t{input}\n");
            project.Write("obj/cross/manifest.json", "{}\n");
            project.Write("obj/cross/manifest.items", "");

            var before = project.Build("_CrossUpToDateInputs");
            Assert.IsTrue(before.Succeeded, before.Log);
            var seal = before.Property("_CrossSealNow");
            Assert.AreNotEqual("", seal, "no seal: the proof, manifest or items file was not found");
            var stamp = project.Write("obj/cross/up-to-date.stamp", seal + "\n");
            // The stamp is CrossBuild's output: newer than every input (settings.txt was just written).
            File.SetLastWriteTimeUtc(Path.Combine(project.CrossFolder, "settings.txt"), DateTime.UtcNow.AddMinutes(-1));
            File.SetLastWriteTimeUtc(stamp, DateTime.UtcNow);
            return new SealedProject(project, input);
        }
        catch
        {
            project.Dispose();
            throw;
        }
    }

    public void Dispose() => Project.Dispose();
}
