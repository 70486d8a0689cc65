using System.Reflection.PortableExecutable;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.EndToEnd;

/// <summary>
/// Windows targets from Linux: the real dotnet against the packed SDK, real nix with the offline
/// package set's pkgsCross.mingwW64 and mingw32 over Debian's MinGW-w64 compilers.
/// </summary>
[TestClass]
[TestCategory("EndToEnd")]
public sealed class WindowsEndToEndTests
{
    [TestMethod]
    public async Task Building_for_win_x64_and_win_x86_ships_a_DLL_of_each_machine_and_no_import_library()
    {
        using var sample = await SampleWorkspace.CreateAsync();

        var build = await sample.DotNetAsync("build", sample.Library, "-p:CrossTargets=\"win-x64,mingw32\"");

        Assert.AreEqual(0, build.ExitCode, build.All);
        StringAssert.Contains(build.StandardOutput, "x86_64-windows -> cross (pkgsCross.mingwW64): Windows code is built only with nixpkgs' MinGW cross toolchain");
        StringAssert.Contains(build.StandardOutput, "i686-windows -> cross (pkgsCross.mingw32)");
        var x64 = sample.LibraryNative("win-x64");
        var x86 = sample.LibraryNative("win-x86");
        // greet.dll would be the project's own Greet.dll on Windows: libgreet.dll keeps its name.
        CollectionAssert.AreEquivalent(new[] { "libgreet.dll" }, Directory.GetFiles(x64).Select(Path.GetFileName).ToArray());
        CollectionAssert.AreEquivalent(new[] { "libgreet.dll" }, Directory.GetFiles(x86).Select(Path.GetFileName).ToArray());
        StringAssert.Contains(build.StandardOutput, "runtimes/win-x64/native/libgreet.dll keeps its name: as greet.dll it would be this project's assembly");
        await PeAssert.IsDllForAsync(Path.Combine(x64, "libgreet.dll"), Machine.Amd64, "i386:x86-64");
        await PeAssert.IsDllForAsync(Path.Combine(x86, "libgreet.dll"), Machine.I386, "i386");
        // Where they run, from each DLL's PE subsystem version and C runtime import (docs/where-it-runs.md).
        StringAssert.Contains(build.StandardOutput, "CrossSdk: where it runs: win-x64: needs Windows ");
        StringAssert.Contains(build.StandardOutput, "CrossSdk: where it runs: win-x86: needs Windows ");
    }

    // libtop.dll links against libbase.dll, which the package keeps in a folder nothing ships
    // (private/): Windows would not find it beside greet.dll.
    internal static readonly Dictionary<string, string> Private = new()
    {
        ["top.nix"] = """
            { stdenv }:
            stdenv.mkDerivation {
              pname = "top";
              version = "1.0";
              src = ./.;
              buildPhase = ''
                $CC -O2 -shared -o libbase.dll base.c -Wl,--out-implib,libbase.dll.a
                $CC -O2 -shared -o libtop.dll top.c libbase.dll.a
              '';
              installPhase = "mkdir -p $out/bin $out/private && cp libtop.dll $out/bin/ && cp libbase.dll $out/private/";
            }
            """,
        ["base.c"] = "int base_value(void) { return 40; }\n",
        ["top.c"] = "int base_value(void);\nint top_value(void) { return base_value() + 2; }\n",
    };

    [TestMethod]
    public async Task A_DLL_importing_one_that_ships_nowhere_is_CROSS0102_naming_both()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        sample.AddPackage("top", Private, "top/top.nix");

        var build = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=win-x64");

        FailureAssert.AssertFailsWith(build, "CROSS0102", "runtimes/win-x64/native/top.dll imports libbase.dll for base_value");
        Assert.IsFalse(Directory.Exists(sample.LibraryNative("win-x64")), "nothing rejected reaches bin/");
    }

    [TestMethod]
    public async Task A_DLL_calling_a_Windows_10_function_builds_and_ships_with_warning_CROSS0108_naming_it()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        sample.AddPackage("newapi", new Dictionary<string, string>
        {
            ["newapi.nix"] = """
                { stdenv }:
                stdenv.mkDerivation {
                  pname = "newapi";
                  version = "1.0";
                  src = ./.;
                  buildPhase = "$CC -O2 -shared -o libnewapi.dll newapi.c";
                  installPhase = "mkdir -p $out/bin && cp libnewapi.dll $out/bin/";
                }
                """,
            ["newapi.c"] = """
                #define _WIN32_WINNT 0x0A00
                #include <windows.h>
                __declspec(dllexport) int machine(void)
                {
                    USHORT process = 0, native = 0;
                    return IsWow64Process2(GetCurrentProcess(), &process, &native) ? native : 0;
                }
                """,
        }, "newapi/newapi.nix");

        var build = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=win-x64");

        Assert.AreEqual(0, build.ExitCode, build.All);
        StringAssert.Contains(build.StandardOutput, "warning CROSS0108");
        StringAssert.Contains(build.StandardOutput, "runtimes/win-x64/native/newapi.dll imports Windows functions newer than Windows 8 / Windows Server 2012 (NT 6.2)");
        StringAssert.Contains(build.StandardOutput, "IsWow64Process2 from KERNEL32.dll, new in Windows 10 / Windows Server 2016 (NT 10.0)");
        Assert.IsTrue(File.Exists(Path.Combine(sample.LibraryNative("win-x64"), "newapi.dll")), "a warning: the DLL ships");
        Assert.IsFalse(build.StandardOutput.Contains("libgreet.dll imports Windows functions", StringComparison.Ordinal), "the sample's own DLL uses nothing newer");
    }

    [TestMethod]
    public async Task A_DLL_importing_another_shipped_DLL_finds_it_under_its_shipped_name()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        var files = new Dictionary<string, string>(Private)
        {
            ["top.nix"] = Private["top.nix"].Replace("cp libbase.dll $out/private/", "cp libbase.dll $out/bin/", StringComparison.Ordinal),
        };
        sample.AddPackage("top", files, "top/top.nix");

        var build = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=win-x64");

        Assert.AreEqual(0, build.ExitCode, build.All);
        var folder = sample.LibraryNative("win-x64");
        CollectionAssert.AreEquivalent(new[] { "libgreet.dll", "top.dll", "base.dll" }, Directory.GetFiles(folder).Select(Path.GetFileName).ToArray());
        var objdump = await Processes.RunAsync("x86_64-w64-mingw32-objdump", ["-p", Path.Combine(folder, "top.dll")]);
        StringAssert.Contains(objdump.StandardOutput, "DLL Name: base.dll", "the shipped copy imports the shipped name");
        var original = await sample.EvalGeneratedAsync("win-x64--top--out.outPath");
        var inStore = await Processes.RunAsync("x86_64-w64-mingw32-objdump", ["-p", Path.Combine(original, "bin", "libtop.dll")]);
        StringAssert.Contains(inStore.StandardOutput, "DLL Name: libbase.dll", "the store's file is untouched");
    }

    [TestMethod]
    [DataRow("emulated")]
    [DataRow("native")]
    public async Task Emulated_or_native_for_a_Windows_target_is_CROSS0100(string strategy)
    {
        using var sample = await SampleWorkspace.CreateAsync();

        var build = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=x86_64-windows", $"-p:CrossStrategy={strategy}");

        FailureAssert.AssertFailsWith(build, "CROSS0100", "Windows targets build only cross");
    }

    [TestMethod]
    public async Task Win_arm64_on_a_machine_with_no_aarch64_MinGW_is_a_coded_error_that_says_so()
    {
        using var sample = await SampleWorkspace.CreateAsync();

        var build = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=win-arm64");

        // The offline set has no aarch64 MinGW (Debian 12 has none), and says so when pkgsCross.ucrtAarch64's
        // stdenv is evaluated: an evaluation error in the package set, with its file and line. (A real
        // nixpkgs evaluates it, and builds its LLVM MinGW toolchain from source.)
        FailureAssert.AssertFailsWith(build, "CROSS0007", "no MinGW toolchain serves aarch64-w64-mingw32 with libc ucrt on this machine", "Debian 12 has no aarch64 MinGW");
    }

    [TestMethod]
    public async Task One_pack_holds_Linux_and_Windows_and_a_win_x64_app_referencing_it_runs_under_Wine()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        var packages = Path.Combine(sample.Root, "packages");

        var pack = await sample.DotNetAsync("pack", sample.Library, "-p:CrossTargets=\"linux-x64,aarch64-linux,win-x64,win-x86\"", "-o", packages, "-p:PackageVersion=9.9.9");

        Assert.AreEqual(0, pack.ExitCode, pack.All);
        var nupkg = Directory.GetFiles(packages, "*.nupkg").Single();
        string[] entries;
        using (var zip = System.IO.Compression.ZipFile.OpenRead(nupkg))
        {
            entries = zip.Entries.Select(e => e.FullName).ToArray();
        }

        CollectionAssert.IsSubsetOf(
            new[] { "runtimes/linux-x64/native/libgreet.so", "runtimes/linux-arm64/native/libgreet.so", "runtimes/win-x64/native/libgreet.dll", "runtimes/win-x86/native/libgreet.dll" },
            entries);
        Assert.IsFalse(entries.Any(e => e.EndsWith(".dll.a", StringComparison.Ordinal)), "no import library is packed:\n" + string.Join("\n", entries));

        // The app, now referencing the package instead of the project, run on win-x64 under Wine.
        var app = Path.Combine(sample.App, "HelloNative.csproj");
        File.WriteAllText(app, File.ReadAllText(app).Replace(
            "<ProjectReference Include=\"../Greet/Greet.csproj\" />",
            "<PackageReference Include=\"Greet\" Version=\"9.9.9\" />",
            StringComparison.Ordinal));
        var config = Path.Combine(sample.Folder, "NuGet.config");
        File.WriteAllText(config, File.ReadAllText(config).Replace("</packageSources>", $"  <add key=\"greet\" value=\"{packages}\" />\n  </packageSources>", StringComparison.Ordinal));

        var run = await sample.DotNetAsync("run", "--project", app, "-p:CrossTarget=win-x64", "--", "package");

        Assert.AreEqual(0, run.ExitCode, run.All);
        StringAssert.Contains(run.StandardOutput, "Hello, package, from native code built for x86_64!\r\nprocess: X64, native library: x86_64");
    }

    [TestMethod]
    public async Task PublishAot_for_a_Windows_RID_is_CROSS0107_saying_what_works()
    {
        using var sample = await SampleWorkspace.CreateAsync();

        var publish = await sample.DotNetAsync("publish", sample.App, "-r", "win-x64", "-p:PublishAot=true");

        FailureAssert.AssertFailsWith(publish, "CROSS0107", "MSVC ABI", "-p:PublishAot=false");
    }

    [TestMethod]
    public async Task Cjson_from_its_package_file_ships_for_win_x64_and_win_x86_beside_Linux_and_answers_under_Wine()
    {
        // tests/real-libraries' cjson.nix (CMake, Debian's source), as the Linux tests build it.
        using var work = await RealLibraryApp("WinJson", ["cjson.nix"], ["CJson.cs"], "Console.WriteLine(RealLibraries.CJson.RoundTrip());\n");

        var build = await work.DotNetAsync("build", "WinJson", "-p:CrossTargets=\"linux-x64,win-x64,win-x86\"");

        Assert.AreEqual(0, build.ExitCode, build.All);
        string Native(string rid, string file) => work.File("WinJson", "bin", "Debug", "net10.0", "runtimes", rid, "native", file);
        await ElfAssert.IsForAsync(Native("linux-x64", "libcjson.so.1"), "x86_64-linux", "Advanced Micro Devices X86-64");
        await PeAssert.IsDllForAsync(Native("win-x64", "cjson.dll"), Machine.Amd64, "i386:x86-64");
        await PeAssert.IsDllForAsync(Native("win-x86", "cjson.dll"), Machine.I386, "i386");
        // cJSON builds with -fstack-protector-strong: MinGW's gcc links libssp-0.dll, which ships beside it.
        await PeAssert.IsDllForAsync(Native("win-x64", "libssp-0.dll"), Machine.Amd64, "i386:x86-64");
        await PeAssert.IsDllForAsync(Native("win-x86", "libssp-0.dll"), Machine.I386, "i386");

        var run = await work.DotNetAsync("run", "--project", "WinJson", "-p:CrossTarget=win-x64");

        Assert.AreEqual(0, run.ExitCode, run.All);
        StringAssert.Contains(run.StandardOutput, "{\"name\":\"CrossSdk\",\"targets\":[\"arm64\",\"riscv64\"],\"n\":42} n=42 targets=2");
    }

    [TestMethod]
    public async Task Libyaml_and_libspng_with_zlib_from_their_package_files_ship_for_win_x64_and_win_x86_beside_Linux_and_answer_under_Wine()
    {
        // tests/real-libraries' libyaml.nix (autoreconfHook) and libspng.nix (Meson, zlib through
        // pkg-config), unchanged but for meta.platforms, with the Yaml.cs and Spng.cs the Linux tests P/Invoke.
        using var work = await RealLibraryApp("WinLibs", ["libyaml.nix", "libspng.nix"], ["Yaml.cs", "Spng.cs"], "Console.WriteLine(RealLibraries.Yaml.Events());\nConsole.WriteLine(RealLibraries.Spng.DecodeKnownImage());\n");

        var build = await work.DotNetAsync("build", "WinLibs", "-p:CrossTargets=\"linux-x64,win-x64,win-x86\"");

        Assert.AreEqual(0, build.ExitCode, build.All);
        string Native(string rid, string file) => work.File("WinLibs", "bin", "Debug", "net10.0", "runtimes", rid, "native", file);
        await ElfAssert.IsForAsync(Native("linux-x64", "libyaml-0.so.2"), "x86_64-linux", "Advanced Micro Devices X86-64");
        await ElfAssert.IsForAsync(Native("linux-x64", "libspng.so.0"), "x86_64-linux", "Advanced Micro Devices X86-64");
        foreach (var (rid, machine, objdump) in new[] { ("win-x64", Machine.Amd64, "i386:x86-64"), ("win-x86", Machine.I386, "i386") })
        {
            // libtool's libyaml-0-2.dll and Meson's libspng-0.dll ship under the names "yaml" and
            // "spng" find; zlib1.dll (libspng's import) ships beside them under its own name.
            await PeAssert.IsDllForAsync(Native(rid, "yaml.dll"), machine, objdump);
            await PeAssert.IsDllForAsync(Native(rid, "spng.dll"), machine, objdump);
            await PeAssert.IsDllForAsync(Native(rid, "zlib1.dll"), machine, objdump);
            Assert.IsFalse(File.Exists(Native(rid, "libyaml-0-2.dll")), "shipped once, under the name .NET probes");
        }

        var run = await work.DotNetAsync("run", "--project", "WinLibs", "-p:CrossTarget=win-x64");

        Assert.AreEqual(0, run.ExitCode, run.All);
        StringAssert.Contains(run.StandardOutput, "0.2.5 S D M =a Q =1 =2 =3 q =b M =c =d m m d s");
        StringAssert.Contains(run.StandardOutput, "3x2 rgb8 ff0000ff 00ff00ff 0000ffff ffffffff 000000ff 808080ff");
    }

    [TestMethod]
    [DataRow("mingwW64", "x86_64-w64-mingw32", "x86_64", "x86_64", "Amd64")]
    [DataRow("mingw32", "i686-w64-mingw32", "i686", "x86", "I386")]
    public async Task The_build_helpers_configure_CMake_autotools_Meson_and_pkg_config_for_Windows(string pkgsCross, string config, string processor, string mesonCpu, string machine)
    {
        // tests/build-helpers/windows: a DLL with a version resource from each build system.
        using var temp = new TempDirectory();
        var outputs = new Dictionary<string, string>();
        foreach (var project in new[] { "cmake", "autotools", "meson" })
        {
            var link = Path.Combine(temp.Path, project);
            var build = await Processes.RunAsync("nix-build", [Path.Combine(Repo.Root, "tests", "build-helpers", "windows"), "-A", $"{project}.{pkgsCross}", "-o", link]);
            Assert.AreEqual(0, build.ExitCode, build.All);
            outputs[project] = link;
        }

        Dictionary<string, string> Facts(string project) => File.ReadAllLines(Path.Combine(outputs[project], "share", "facts.txt"))
            .Where(l => l.Contains('=', StringComparison.Ordinal)).ToDictionary(l => l.Split('=', 2)[0], l => l.Split('=', 2)[1]);

        var cmake = Facts("cmake");
        Assert.AreEqual("Windows", cmake["system"]);
        Assert.AreEqual(processor, cmake["processor"]);
        Assert.AreEqual("TRUE", cmake["crosscompiling"]);
        StringAssert.EndsWith(cmake["compiler"], $"/bin/{config}-cc");
        StringAssert.EndsWith(cmake["rc"], $"/bin/{config}-windres", "CMake compiles .rc files with the MinGW windres");
        var autotools = Facts("autotools");
        Assert.AreEqual(config, autotools["host"], "configure --host");
        Assert.AreEqual($"{config}-pkg-config", autotools["pkgconfig"], "pkg-config is the host platform's wrapper");
        var meson = Facts("meson");
        Assert.AreEqual("windows", meson["system"], "the Meson cross file's host system");
        Assert.AreEqual(mesonCpu, meson["cpu_family"]);
        Assert.AreEqual("true", meson["cross"]);

        var pe = Enum.Parse<Machine>(machine);
        await PeAssert.IsDllForAsync(Path.Combine(outputs["cmake"], "bin", "libhello.dll"), pe, pe == Machine.Amd64 ? "i386:x86-64" : "i386");
        await PeAssert.IsDllForAsync(Path.Combine(outputs["autotools"], "bin", "libhello-1.dll"), pe, pe == Machine.Amd64 ? "i386:x86-64" : "i386");
        await PeAssert.IsDllForAsync(Path.Combine(outputs["meson"], "bin", "libhello.dll"), pe, pe == Machine.Amd64 ? "i386:x86-64" : "i386");
        foreach (var project in new[] { "cmake", "meson" })
        {
            var sections = await Processes.RunAsync("x86_64-w64-mingw32-objdump", ["-h", Path.Combine(outputs[project], "bin", "libhello.dll")]);
            StringAssert.Contains(sections.StandardOutput, ".rsrc", $"{project}: the version resource is compiled in");
        }

        // Every build system's name ships under the name .NET probes for [DllImport("hello")].
        Assert.AreEqual("hello.dll", CrossSdk.Artifacts.WindowsDlls.ShippedName("libhello-1.dll"));
        Assert.AreEqual("hello.dll", CrossSdk.Artifacts.WindowsDlls.ShippedName("libhello.dll"));
    }

    /// <summary>
    /// A copy of tests/real-libraries with an app of its own, <paramref name="name"/>, that ships the
    /// package files of RealLibraries/native and compiles RealLibraries' P/Invoke classes, as the
    /// Linux tests use them.
    /// </summary>
    private static async Task<ProjectWorkspace> RealLibraryApp(string name, string[] packageFiles, string[] sources, string program)
    {
        var work = await ProjectWorkspace.CreateAsync("tests", "real-libraries");
        Directory.CreateDirectory(work.File(name));
        var items = string.Concat(packageFiles.Select(f => $"    <CrossPackage Include=\"../RealLibraries/native/{f}\" />\n"))
            + string.Concat(sources.Select(f => $"    <Compile Include=\"../RealLibraries/{f}\" />\n"));
        File.WriteAllText(work.File(name, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Sdk Name="CrossSdk" />
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <InvariantGlobalization>true</InvariantGlobalization>
                <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
              </PropertyGroup>
              <ItemGroup>
            {items}  </ItemGroup>
            </Project>
            """);
        File.WriteAllText(work.File(name, "Program.cs"), program);
        return work;
    }
}
