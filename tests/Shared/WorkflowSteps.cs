namespace CrossSdk.Tests.Infrastructure;

/// <summary>
/// Reads the `run: |` script of a step (found by its `id:`) from a GitHub Actions workflow file,
/// so that a test can run the very commands the workflow runs. Indentation-based, as YAML block
/// scalars are; the workflow's own validity is checked by the schema validator.
/// </summary>
public static class WorkflowSteps
{
    public static string RunScript(string workflowFile, string stepId)
    {
        var lines = File.ReadAllLines(workflowFile);
        var id = Array.FindIndex(lines, l => l.Trim() == $"id: {stepId}");
        Assert.IsTrue(id >= 0, $"{workflowFile} has no step with id '{stepId}'");
        var run = Array.FindIndex(lines, id, l => l.Trim() == "run: |");
        Assert.IsTrue(run > id, $"step '{stepId}' has no `run: |` block");
        var indent = lines[run].Length - lines[run].TrimStart().Length;
        var body = lines.Skip(run + 1).TakeWhile(l => l.Trim().Length == 0 || l.Length - l.TrimStart().Length > indent).ToList();
        var bodyIndent = body.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        var script = string.Join("\n", body.Select(l => l.Length >= bodyIndent ? l[bodyIndent..] : "")).Trim() + "\n";
        Assert.IsFalse(script.Contains("${{", StringComparison.Ordinal), $"step '{stepId}' uses a GitHub expression in its script; pass it through env: so the script runs anywhere");
        return script;
    }
}
