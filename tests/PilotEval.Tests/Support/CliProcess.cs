using System.Diagnostics;

namespace PilotEval.Tests.Support;

/// <summary>Runs the real <c>piloteval</c> program in a child process, as a user would, capturing both streams.</summary>
public static class CliProcess
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    public static Task<Outcome> RunAsync(string workingDirectory, params string[] args) => RunUnderAsync(workingDirectory, [], args);

    /// <summary>Runs the CLI through <paramref name="launcher"/> (a program and its arguments that then runs <c>dotnet</c>, e.g. setpriv).</summary>
    public static Task<Outcome> RunUnderAsync(string workingDirectory, IReadOnlyList<string> launcher, params string[] args) =>
        RunWithAsync(workingDirectory, launcher, null, args);

    /// <summary>Runs the CLI with extra environment variables (<c>PILOTEVAL_Reading__Timeout</c>…), through <paramref name="launcher"/> when not empty.</summary>
    public static async Task<Outcome> RunWithAsync(string workingDirectory, IReadOnlyList<string> launcher, IReadOnlyDictionary<string, string>? environment,
        params string[] args)
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
        start.Environment["PILOTEVAL_Reading__Timeout"] = TestHost.BusyMachineReadingTimeout;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A wide bound against a hang, never a measure of speed; the program must not outlive the test.
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new Outcome(process.ExitCode, await stdout, await stderr);
    }
}
