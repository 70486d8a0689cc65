using CrossSdk.Diagnostics;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.EndToEnd;

/// <summary>
/// `dotnet run` and `dotnet test` with a CrossTarget of another architecture: the app (or test
/// app) is built self-contained for the target's RID and run under real QEMU, with the target's
/// C library (and ICU) from the offline package set as the loader root.
/// </summary>
[TestClass]
[TestCategory("EndToEnd")]
public sealed class RunOnTargetEndToEndTests
{
    // The sample app, made to read a line of standard input and exit with a code of its own.
    private const string EchoingProgram = """
        using System.Runtime.InteropServices;
        using Greet;

        if (args.Contains("crash"))
        {
            Environment.FailFast("crashing on purpose");
        }

        Console.WriteLine(Greeter.Hello(string.Join(" ", args)));
        Console.WriteLine($"process: {RuntimeInformation.ProcessArchitecture}, native library: {Greeter.NativeArchitecture}");
        Console.WriteLine($"stdin: {Console.In.ReadLine()}");
        Console.WriteLine($"month: {new System.Globalization.CultureInfo("de-DE").DateTimeFormat.GetMonthName(3)}");
        return 40 + args.Length;
        """;

    private static async Task<SampleWorkspace> EchoingSampleAsync()
    {
        var workspace = await SampleWorkspace.CreateAsync();
        File.WriteAllText(Path.Combine(workspace.App, "Program.cs"), EchoingProgram);
        // Not invariant: the runtime root must bring the target's ICU.
        var project = Path.Combine(workspace.App, "HelloNative.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("<InvariantGlobalization>true</InvariantGlobalization>", "", StringComparison.Ordinal));
        return workspace;
    }

    [TestMethod]
    public async Task Dotnet_run_runs_the_arm64_app_under_QEMU_with_its_arguments_input_and_exit_code()
    {
        using var workspace = await EchoingSampleAsync();

        var run = await DotNet.RunWithInputAsync(workspace.App, "a line of input\n", "run", "-p:CrossTarget=aarch64-linux", "--", "a", "b");

        Assert.AreEqual(42, run.ExitCode, run.All);
        StringAssert.Contains(run.StandardOutput, "Hello, a b, from native code built for aarch64!\nprocess: Arm64, native library: aarch64\nstdin: a line of input\nmonth: März\n");
        await ElfAssert.IsForAsync(Path.Combine(workspace.AppOutput("linux-arm64"), "HelloNative"), "aarch64-linux", "AArch64");
        // The build for the target is run's own: the portable build stays as `dotnet build` makes it.
        Assert.IsTrue(File.Exists(Path.Combine(workspace.AppOutput(), "runtimes", "linux-arm64", "native", "libgreet.so")));
        await ElfAssert.IsForAsync(Path.Combine(workspace.AppOutput(), "HelloNative"), "x86_64-linux", "Advanced Micro Devices X86-64");
    }

    [TestMethod]
    public async Task Dotnet_run_with_a_RID_of_another_architecture_runs_the_app_there()
    {
        using var workspace = await EchoingSampleAsync();

        var run = await DotNet.RunWithInputAsync(workspace.App, "input\n", "run", "-r", "linux-arm64", "--", "a");

        Assert.AreEqual(41, run.ExitCode, run.All);
        StringAssert.Contains(run.StandardOutput, "Hello, a, from native code built for aarch64!\nprocess: Arm64, native library: aarch64\nstdin: input\n");
    }

    [TestMethod]
    public async Task A_runtime_that_dies_of_a_signal_under_QEMU_is_reported_with_the_advice_to_use_a_native_runner()
    {
        using var workspace = await EchoingSampleAsync();

        var run = await DotNet.RunAsync(workspace.App, "run", "-p:CrossTarget=aarch64-linux", "--", "crash");

        Assert.AreEqual(128 + 6, run.ExitCode, run.All);
        StringAssert.Contains(run.StandardError, $"error {DiagnosticCodes.RuntimeCrashUnderEmulation}: HelloNative died of signal 6 under QEMU (linux-arm64)");
        StringAssert.Contains(run.StandardError, "native linux-arm64 runner");
    }

    [TestMethod]
    public async Task An_app_name_holding_shell_code_runs_nothing_and_the_crash_is_still_reported_with_the_name()
    {
        using var workspace = await EchoingSampleAsync();
        // %24 is MSBuild's escape for '$': unescaped, MSBuild itself would read $(touch PWN3) as an (empty) property.
        const string Name = "Crash$(touch PWN3)`touch PWN4`";
        var project = Path.Combine(workspace.App, "HelloNative.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("</PropertyGroup>", $"<AssemblyName>{Name.Replace("$", "%24", StringComparison.Ordinal)}</AssemblyName></PropertyGroup>", StringComparison.Ordinal));

        var run = await DotNet.RunAsync(workspace.App, "run", "-p:CrossTarget=aarch64-linux", "--", "crash");

        Assert.AreEqual(128 + 6, run.ExitCode, run.All);
        StringAssert.Contains(run.StandardError, $"error {DiagnosticCodes.RuntimeCrashUnderEmulation}: {Name} died of signal 6 under QEMU (linux-arm64)");
        var canaries = Directory.GetFiles(workspace.Root, "PWN*", SearchOption.AllDirectories);
        Assert.AreEqual(0, canaries.Length, $"the run script ran code from the app's name: {string.Join(", ", canaries)}");

        // And the app still runs as it should.
        var ok = await DotNet.RunWithInputAsync(workspace.App, "input\n", "run", "-p:CrossTarget=aarch64-linux", "--", "a");
        Assert.AreEqual(41, ok.ExitCode, ok.All);
        StringAssert.Contains(ok.StandardOutput, "process: Arm64, native library: aarch64");
        Assert.AreEqual(0, Directory.GetFiles(workspace.Root, "PWN*", SearchOption.AllDirectories).Length);
    }

    [TestMethod]
    public async Task Dotnet_test_runs_the_tests_on_arm64_where_they_P_Invoke_the_cross_built_library()
    {
        using var workspace = await SampleWorkspace.CreateAsync();

        var test = await DotNet.RunAsync(workspace.Tests, "test", "-p:CrossTarget=aarch64-linux");

        Assert.AreEqual(0, test.ExitCode, test.All);
        StringAssert.Contains(test.StandardOutput, "Greet.Tests.dll (net10.0|arm64) passed");
        StringAssert.Contains(test.StandardOutput, "total: 3");
        StringAssert.Contains(test.StandardOutput, "succeeded: 3");
    }

    [TestMethod]
    public async Task A_failing_test_on_arm64_fails_dotnet_test_with_its_message_and_a_TRX_report()
    {
        using var workspace = await SampleWorkspace.CreateAsync();
        File.WriteAllText(Path.Combine(workspace.Tests, "FailingTests.cs"), """
            namespace Greet.Tests;

            [TestClass]
            public sealed class FailingTests
            {
                [TestMethod]
                public void Fails_on_purpose() => Assert.Fail($"deliberately failing on {System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture}");
            }
            """);

        var test = await DotNet.RunAsync(workspace.Tests, "test", "-p:CrossTarget=aarch64-linux", "--report-trx");

        Assert.AreNotEqual(0, test.ExitCode, test.All);
        StringAssert.Contains(test.StandardOutput, "failed Fails_on_purpose");
        StringAssert.Contains(test.StandardOutput, "deliberately failing on Arm64");
        StringAssert.Contains(test.StandardOutput, "failed: 1");
        var trx = Directory.GetFiles(Path.Combine(workspace.Tests, "TestResults"), "*.trx").Single();
        StringAssert.Contains(File.ReadAllText(trx), "deliberately failing on Arm64");
    }

    [TestMethod]
    public async Task Dotnet_run_of_a_NativeAOT_app_publishes_it_for_arm64_and_runs_it_under_QEMU()
    {
        using var dir = new TempDirectory();
        var app = Path.Combine(dir.Path, "AotHello");
        SampleWorkspace.CopyDirectory(Path.Combine(Repo.Samples, "AotHello"), app);
        await SampleWorkspace.WriteUserSetupAsync(dir.Path);

        var run = await DotNet.RunAsync(app, "run", "-p:CrossTarget=aarch64-linux");

        Assert.AreEqual(0, run.ExitCode, run.All);
        StringAssert.Contains(run.StandardOutput, "AotHello: 2 + 3 = 5 from libhello built for aarch64, running as Arm64 NativeAOT");
    }

    [TestMethod]
    public async Task A_VSTest_project_is_a_coded_error_that_says_to_move_to_Microsoft_Testing_Platform()
    {
        using var dir = new TempDirectory();
        await SampleWorkspace.WriteUserSetupAsync(dir.Path);
        // dotnet test's default VSTest mode: global.json without the Microsoft.Testing.Platform runner.
        var globalJson = Path.Combine(dir.Path, "global.json");
        var settings = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, System.Text.Json.JsonElement>>(File.ReadAllText(globalJson))!;
        settings.Remove("test");
        File.WriteAllText(globalJson, System.Text.Json.JsonSerializer.Serialize(settings));
        dir.Write("VsTests/VsTests.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <Sdk Name="CrossSdk" />
              <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.11.0" />
                <PackageReference Include="MSTest.TestAdapter" Version="4.5.2" />
                <PackageReference Include="MSTest.TestFramework" Version="4.5.2" />
              </ItemGroup>
            </Project>
            """);
        dir.Write("VsTests/Tests.cs", """
            namespace VsTests;

            [Microsoft.VisualStudio.TestTools.UnitTesting.TestClass]
            public sealed class Tests
            {
                [Microsoft.VisualStudio.TestTools.UnitTesting.TestMethod]
                public void Passes() { }
            }
            """);

        var test = await DotNet.RunAsync(Path.Combine(dir.Path, "VsTests"), "test", "-p:CrossTarget=aarch64-linux");

        FailureAssert.AssertFailsWith(
            test,
            DiagnosticCodes.TestNotRunnableUnderEmulation,
            "`dotnet test` runs this project with VSTest",
            "\"runner\": \"Microsoft.Testing.Platform\"");
    }

    [TestMethod]
    public async Task Managed_code_on_riscv64_is_a_coded_error_that_says_why()
    {
        using var workspace = await SampleWorkspace.CreateAsync();

        var run = await DotNet.RunAsync(workspace.App, "run", "-p:CrossTarget=riscv64-linux");

        FailureAssert.AssertFailsWith(
            run,
            DiagnosticCodes.NoRuntimePack,
            "Managed code cannot run on linux-riscv64: Microsoft publishes no .NET runtime pack for it");
        // The native library is still built for it.
        Assert.IsTrue(File.Exists(Path.Combine(workspace.AppOutput(), "runtimes", "linux-riscv64", "native", "libgreet.so")));
    }

    [TestMethod]
    public async Task Linux_arm_runs_when_NuGet_serves_its_runtime_pack_and_is_a_coded_error_naming_the_pack_when_not()
    {
        using var workspace = await EchoingSampleAsync();

        var run = await DotNet.RunWithInputAsync(workspace.App, "x\n", "run", "-p:CrossTarget=armv7l-linux", "--", "a");

        // The NuGet served here has no linux-arm packs (NU1101 for Microsoft.NETCore.App.Host.linux-arm,
        // seen 2026-11-27); where a feed serves them, the app runs.
        if (run.StandardOutput.Contains("NU1101", StringComparison.Ordinal))
        {
            FailureAssert.AssertFailsWith(
                run,
                DiagnosticCodes.RuntimePackNotRestored,
                "The restore for linux-arm failed",
                "Microsoft.NETCore.App.Runtime.linux-arm");
        }
        else
        {
            Assert.AreEqual(41, run.ExitCode, run.All);
            StringAssert.Contains(run.StandardOutput, "process: Arm, native library: arm");
        }
    }
}
