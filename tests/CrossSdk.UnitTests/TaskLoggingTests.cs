using System.Text.RegularExpressions;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Unit;

/// <summary>
/// Credentials are masked in one place, MSBuildCrossLog: a task that wrote to MSBuild's
/// TaskLoggingHelper itself would go around it.
/// </summary>
[TestClass]
public sealed class TaskLoggingTests
{
    [TestMethod]
    public void Every_task_logs_through_the_log_that_masks_credentials()
    {
        var tasks = Directory.GetFiles(Path.Combine(Repo.Root, "tasks", "MSBuild"), "*.cs").Where(f => Path.GetFileName(f) != "MSBuildCrossLog.cs").ToList();
        Assert.IsTrue(tasks.Count > 10, "the task sources were found");

        foreach (var file in tasks)
        {
            foreach (Match call in Regex.Matches(File.ReadAllText(file), @"\bLog\.Log\w+\((?<args>[^;]*)\);"))
            {
                StringAssert.Contains(call.Groups["args"].Value, "Secrets.Redact(", $"{Path.GetFileName(file)} logs around MSBuildCrossLog: {call.Value}");
            }
        }
    }
}
