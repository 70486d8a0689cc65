using System.Text.Json;
using CrossSdk.Artifacts;
using CrossSdk.Planning;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.EndToEnd;

/// <summary>Toolchains swapped with overlays and the compiler shorthand; musl and triple targets.</summary>
[TestClass]
[TestCategory("EndToEnd")]
public sealed class ToolchainEndToEndTests
{
    private static readonly Dictionary<string, string> Plain = new()
    {
        ["plain.nix"] = """
            { stdenv }:
            stdenv.mkDerivation {
              pname = "plain";
              version = "1.0";
              src = ./.;
              buildPhase = "$CC -O2 -shared -fPIC -Wl,-soname,libplain.so -o libplain.so plain.c";
              installPhase = "mkdir -p $out/lib && cp libplain.so $out/lib/";
            }
            """,
        ["plain.c"] = "int plain(void) { return 12; }\n",
    };

    private static async Task<string> CompilerOfAsync(string file)
    {
        var comment = await Processes.RunAsync("readelf", ["-p", ".comment", file]);
        Assert.AreEqual(0, comment.ExitCode, comment.StandardError);
        return comment.StandardOutput;
    }

    [TestMethod]
    public async Task An_overlay_swaps_the_compiler_only_for_the_package_it_is_scoped_to()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        sample.SaltSource();
        sample.AddPackage("plain", Plain, "plain/plain.nix");
        File.WriteAllText(Path.Combine(sample.Library, "gcc11.nix"), "# Build with GCC 11.\nself: super: { gcc = self.gcc11; }\n");
        sample.AddItems("<CrossOverlay Include=\"gcc11.nix\" Package=\"native/greet.nix\" />");

        var build = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=aarch64-linux", "-p:CrossStrategy=cross");

        Assert.AreEqual(0, build.ExitCode, build.All);
        var folder = sample.LibraryNative("linux-arm64");
        StringAssert.Contains(await CompilerOfAsync(Path.Combine(folder, "libgreet.so")), "GCC: (Debian 11.");
        StringAssert.Contains(await CompilerOfAsync(Path.Combine(folder, "libplain.so")), "GCC: (Debian 12.");
        var generated = File.ReadAllText(sample.LibraryCross("crosssdk.nix"));
        StringAssert.Contains(generated, "overlays = [ (import (/. + ");
        StringAssert.Contains(generated, "linux-arm64 = (hostPkgs.pkgsCross.aarch64-multiplatform or (throw", "the default package set stays without the overlay");
    }

    [TestMethod]
    public async Task CrossCompiler_builds_with_that_compiler_stdenv()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        sample.SaltSource();

        var build = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=aarch64-linux", "-p:CrossStrategy=cross", "-p:CrossCompiler=gcc11");

        Assert.AreEqual(0, build.ExitCode, build.All);
        StringAssert.Contains(await CompilerOfAsync(Path.Combine(sample.LibraryNative("linux-arm64"), "libgreet.so")), "GCC: (Debian 11.");
        StringAssert.Contains(File.ReadAllText(sample.LibraryCross("crosssdk.nix")), "stdenv = pkgsFor.linux-arm64.gcc11Stdenv;");
    }

    [TestMethod]
    public async Task A_musl_target_ships_a_library_linked_against_musl()
    {
        using var sample = await SampleWorkspace.CreateAsync();

        var build = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=linux-musl-x64");

        Assert.AreEqual(0, build.ExitCode, build.All);
        StringAssert.Contains(build.StandardOutput, "(musl) -> cross (pkgsCross.musl64)");
        var library = ElfFile.Read(Path.Combine(sample.LibraryNative("linux-musl-x64"), "libgreet.so"))!;
        CollectionAssert.Contains(library.Needed.ToList(), "libc.so", "musl's C library");
        CollectionAssert.DoesNotContain(library.Needed.ToList(), "libc.so.6");
    }

    [TestMethod]
    public async Task A_triple_without_a_RID_needs_Rid_metadata_and_then_plans_with_crossSystem_config()
    {
        using var sample = await SampleWorkspace.CreateAsync();

        var missing = await sample.DotNetAsync("build", sample.Library, "-t:CrossPlan", "-p:CrossTarget=aarch64_be-unknown-linux-gnu");
        FailureAssert.AssertFailsWith(missing, "CROSS0022", "Rid=");

        sample.AddItems("<CrossTarget Include=\"aarch64_be-unknown-linux-gnu\" Rid=\"linux-arm64be\" Strategy=\"cross\" />");
        var plan = await sample.DotNetAsync("build", sample.Library, "-t:CrossPlan");
        Assert.AreEqual(0, plan.ExitCode, plan.All);
        var target = JsonDocument.Parse(File.ReadAllText(sample.LibraryCross("plan.json"))).RootElement.GetProperty("targets")[0];
        Assert.AreEqual("linux-arm64be", target.GetProperty("rid").GetString());
        Assert.AreEqual("aarch64_be-unknown-linux-gnu", target.GetProperty("config").GetString());
        Assert.AreEqual("crossSystem.config = aarch64_be-unknown-linux-gnu", target.GetProperty("pkgs").GetString());
    }

    [TestMethod]
    public async Task A_system_the_host_kernel_runs_is_built_natively_and_one_it_refuses_is_built_cross()
    {
        using var sample = await SampleWorkspace.CreateAsync();

        var build = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=i686-linux");

        Assert.AreEqual(0, build.ExitCode, build.All);
        await ElfAssert.IsForAsync(Path.Combine(sample.LibraryNative("linux-x86"), "libgreet.so"), "i686-linux", "Intel 80386");
        // An x86_64 kernel without IA32 emulation (this project's machines) refuses i386 programs:
        // CrossSdk asks the kernel instead of assuming, and builds cross there.
        if (CrossSdk.Host.I386Probe.Run() == true)
        {
            StringAssert.Contains(build.StandardOutput, "i686-linux -> native (system i686-linux): this x86_64-linux host runs i686-linux code without emulation");
            StringAssert.Contains(File.ReadAllText(sample.LibraryCross("crosssdk.nix")), "linux-x86 = (import nixpkgs { localSystem = { system = \"i686-linux\"; }; });");
        }
        else
        {
            StringAssert.Contains(build.StandardOutput, "i686-linux -> cross (pkgsCross.gnu32): emulation is not possible here: this x86_64-linux kernel cannot execute i686 code");
            StringAssert.Contains(File.ReadAllText(sample.LibraryCross("crosssdk.nix")), "linux-x86 = (hostPkgs.pkgsCross.gnu32 or");
        }
    }
}
