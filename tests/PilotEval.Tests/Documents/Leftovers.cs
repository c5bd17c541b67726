using System.Globalization;
using PilotEval.Documents;

namespace PilotEval.Tests.Documents;

/// <summary>
/// Helper processes (pdftoppm, tesseract, soffice) a test's reads left running, found by the tag every helper carries
/// in its environment (<see cref="ReaderLimits.ToolTag"/>), so a test sees only its own on a shared machine — where a
/// <c>ps</c> by name would see other runs' helpers.
/// </summary>
public static class Leftovers
{
    /// <summary>Waits (up to a wide bound, counting polls, not time) for the tagged processes to be gone; returns those left.</summary>
    public static IReadOnlyList<int> AfterSettling(string tag)
    {
        for (var poll = 0; poll < 120; poll++)
        {
            if (ExternalTool.Tagged(tag).Count == 0) return [];
            Thread.Sleep(250);
        }
        return ExternalTool.Tagged(tag);
    }

    /// <summary>The processes with their command lines, for a failure message.</summary>
    public static string Describe(IEnumerable<int> pids) => string.Join(", ", pids.Select(pid =>
    {
        try { return $"{pid} {File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ')}"; }
        catch (IOException) { return pid.ToString(CultureInfo.InvariantCulture); }
    }));
}
