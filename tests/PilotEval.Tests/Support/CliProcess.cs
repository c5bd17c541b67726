using System.Diagnostics;

namespace PilotEval.Tests.Support;

/// <summary>Runs the real <c>piloteval</c> program in a child process, as a user would, capturing both streams.</summary>
public static class CliProcess
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    public static async Task<Outcome> RunAsync(string workingDirectory, params string[] args)
    {
        // The CLI runs from its own build output, with its own runtime config: the test project's output also
        // holds the ASP.NET Core framework reference of the loopback test servers, which the CLI must not rely on.
        var cli = Path.Combine(AppContext.BaseDirectory.Replace(
            Path.Combine("tests", "PilotEval.Tests"), Path.Combine("src", "PilotEval.Cli")), "PilotEval.Cli.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
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
