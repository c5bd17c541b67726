using System.Diagnostics;

namespace PilotEval.Samples.Writing;

/// <summary>Turns .docx into PDF with LibreOffice, the way applicants typically "print to PDF".</summary>
public sealed class PdfConverter : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private readonly string soffice;

    // A private profile keeps us from colliding with a LibreOffice instance someone else has open,
    // which otherwise makes --convert-to return 0 without writing anything.
    private readonly DirectoryInfo profile = Directory.CreateTempSubdirectory("piloteval-lo-profile-");

    private PdfConverter(string soffice) => this.soffice = soffice;

    public static PdfConverter? TryCreate()
    {
        var path = FindOnPath(OperatingSystem.IsWindows() ? "soffice.exe" : "soffice");
        return path is null ? null : new PdfConverter(path);
    }

    /// <summary>Converts <paramref name="docx"/> into <paramref name="outDir"/>; returns the PDF path.</summary>
    public string Convert(string docx, string outDir)
    {
        var expected = Path.Combine(outDir, Path.GetFileNameWithoutExtension(docx) + ".pdf");
        File.Delete(expected);

        var psi = new ProcessStartInfo(soffice)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-env:UserInstallation=" + new Uri(profile.FullName).AbsoluteUri);
        psi.ArgumentList.Add("--headless");
        psi.ArgumentList.Add("--convert-to");
        psi.ArgumentList.Add("pdf");
        psi.ArgumentList.Add("--outdir");
        psi.ArgumentList.Add(outDir);
        psi.ArgumentList.Add(docx);

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start soffice");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"soffice timed out converting {docx}");
        }

        if (process.ExitCode != 0 || !File.Exists(expected))
        {
            throw new InvalidOperationException(
                $"soffice failed converting {docx} (exit {process.ExitCode}): {stdout.Result} {stderr.Result}");
        }

        return expected;
    }

    public void Dispose()
    {
        try
        {
            profile.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A leftover profile in /tmp is harmless; failing the whole run over it is not.
        }
    }

    private static string? FindOnPath(string exe)
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return dirs.Select(d => Path.Combine(d, exe)).FirstOrDefault(File.Exists);
    }
}
