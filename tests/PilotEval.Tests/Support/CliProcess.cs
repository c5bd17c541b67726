using System.Diagnostics;

namespace PilotEval.Tests.Support;

/// <summary>Runs the real <c>piloteval</c> program in a child process, as a user would, capturing both streams.</summary>
public static class CliProcess
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    public static Task<Outcome> RunAsync(string workingDirectory, params string[] args) => RunUnderAsync(workingDirectory, [], args);

    /// <summary>Runs the CLI through <paramref name="launcher"/> (a program and its arguments that then runs <c>dotnet</c>, e.g. setpriv).</summary>
    public static async Task<Outcome> RunUnderAsync(string workingDirectory, IReadOnlyList<string> launcher, params string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "PilotEval.Cli.dll");
        var start = new ProcessStartInfo(launcher.Count > 0 ? launcher[0] : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        foreach (var part in launcher.Skip(1)) start.ArgumentList.Add(part);
        if (launcher.Count > 0) start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(cli);
        foreach (var arg in args) start.ArgumentList.Add(arg);

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new Outcome(process.ExitCode, await stdout, await stderr);
    }
}
