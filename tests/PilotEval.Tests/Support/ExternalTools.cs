using System.Diagnostics;

namespace PilotEval.Tests.Support;

/// <summary>Programs some tests drive (a headless browser, LibreOffice), found on PATH; tests skip, saying why, without them.</summary>
public static class ExternalTools
{
    public static string? Chromium { get; } = Find("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");

    public static string? LibreOffice { get; } = Find("soffice", "libreoffice");

    public static string? PdfToText { get; } = Find("pdftotext");

    private static string? Find(params string[] names) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => names.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);

    /// <summary>Runs a program to completion; on timeout kills the process tree it started and fails the test.</summary>
    public static async Task<(int Exit, string Output, string Error)> RunAsync(string program, IEnumerable<string> args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Path.GetFileName(program)} did not finish within {timeout.TotalSeconds:0} s");
        }
        return (process.ExitCode, await output, await error);
    }
}

/// <summary>A fact that needs Debian's chromium (apt-get install chromium); skipped, saying so, when it is not installed.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (ExternalTools.Chromium is null) Skip = "chromium is not installed (apt-get install -y chromium fonts-noto-cjk)";
    }
}

/// <summary>A fact that needs LibreOffice (apt-get install libreoffice-writer-nogui); skipped, saying so, when it is not installed.</summary>
public sealed class LibreOfficeFactAttribute : FactAttribute
{
    public LibreOfficeFactAttribute()
    {
        if (ExternalTools.LibreOffice is null) Skip = "LibreOffice is not installed (apt-get install -y libreoffice-writer-nogui)";
    }
}

/// <summary>A fact that prints a page with chromium and reads the PDF back with pdftotext (poppler-utils); skipped without either.</summary>
public sealed class PrintedTextFactAttribute : FactAttribute
{
    public PrintedTextFactAttribute()
    {
        if (ExternalTools.Chromium is null) Skip = "chromium is not installed (apt-get install -y chromium fonts-noto-cjk)";
        else if (ExternalTools.PdfToText is null) Skip = "pdftotext is not installed (apt-get install -y poppler-utils)";
    }
}
