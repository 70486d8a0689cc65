namespace CrossSdk.Tests.Infrastructure;

/// <summary>The one way an end-to-end test says "this build fails with CROSSnnnn and says so".</summary>
public static class FailureAssert
{
    /// <summary>
    /// Asserts that <paramref name="result"/> (a dotnet build, pack, publish...) failed, that its
    /// output names the error <paramref name="code"/> as MSBuild prints it ("error CROSSnnnn"), and
    /// that it says every one of <paramref name="phrases"/>. Each failure message carries the whole
    /// output, so a failing test shows what the build said instead.
    /// </summary>
    public static void AssertFailsWith(ProcessOutput result, string code, params string[] phrases)
    {
        ArgumentNullException.ThrowIfNull(result);
        Assert.IsTrue(code.StartsWith("CROSS", StringComparison.Ordinal), $"'{code}' is not a CrossSdk diagnostic code");
        Assert.AreNotEqual(0, result.ExitCode, $"expected a failure with {code}, but it succeeded:\n{result.All}");
        StringAssert.Contains(result.StandardOutput, $"error {code}", $"expected error {code}:\n{result.All}");
        foreach (var phrase in phrases)
        {
            StringAssert.Contains(result.StandardOutput, phrase, $"error {code} without \"{phrase}\":\n{result.All}");
        }
    }
}
