using PilotEval.Samples.Data;
using PilotEval.Samples.Model;
using PilotEval.Samples.Writing;

// Regenerates the sample applications under the given directory (default: submissions-sample).
// Usage: [outDir] [--only <name>...]   --only writes just the named samples and leaves every other file alone.
string? outArg = null;
string[]? only = null;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--only")
    {
        only = args[(i + 1)..].TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        i += only.Length;
    }
    else if (outArg is null && !args[i].StartsWith("--", StringComparison.Ordinal))
    {
        outArg = args[i];
    }
    else
    {
        Console.Error.WriteLine($"error: unexpected argument '{args[i]}'. Usage: [outDir] [--only <name>...]");
        return 2;
    }
}

var outDir = Path.GetFullPath(outArg ?? "submissions-sample");

var catalog = SampleCatalog.All;
SampleCatalog.Validate(catalog);

var submissions = catalog;
if (only is not null)
{
    var unknown = only.Where(n => catalog.All(s => s.Name != n)).ToList();
    if (only.Length == 0 || unknown.Count > 0)
    {
        Console.Error.WriteLine(only.Length == 0
            ? "error: --only needs at least one sample name."
            : $"error: no sample named {string.Join(", ", unknown)}.");
        return 2;
    }

    submissions = [.. catalog.Where(s => only.Contains(s.Name))];
}

// Fail before writing anything so a machine without LibreOffice never ends up with a half set; a selection
// of .docx samples alone does not need it.
var needsPdf = submissions.Any(s => s.Format == OutputFormat.Pdf || s.Attachments.Any(a => a.Format == OutputFormat.Pdf));
using var converter = needsPdf ? PdfConverter.TryCreate() : null;
if (needsPdf && converter is null)
{
    Console.Error.WriteLine("error: 'soffice' (LibreOffice) was not found on PATH; it is needed to produce the PDF samples.");
    Console.Error.WriteLine("       Install it (e.g. apt-get install libreoffice-writer fonts-noto-cjk) and run again.");
    return 2;
}

Directory.CreateDirectory(outDir);
var staging = Directory.CreateTempSubdirectory("piloteval-samples-");
try
{
    foreach (var s in submissions)
    {
        if (s.IsFolder)
        {
            var folder = Path.Combine(outDir, s.Name);
            Directory.CreateDirectory(folder);
            Emit(s.Application, "application", s.Format, folder);
            foreach (var a in s.Attachments)
            {
                Emit(a.Document, a.FileName, a.Format, folder);
            }

            Console.WriteLine($"{s.Name}/  {s.TrackId}  {s.Quality}");
        }
        else
        {
            var written = Emit(s.Application, s.Name, s.Format, outDir);
            Console.WriteLine($"{Path.GetFileName(written)}  {s.TrackId}  {s.Quality}");
        }
    }
}
finally
{
    staging.Delete(recursive: true);
}

Console.WriteLine($"{submissions.Count} submissions written to {outDir}");
return 0;

string Emit(DocumentSpec doc, string baseName, OutputFormat format, string dir)
{
    if (format == OutputFormat.Docx)
    {
        var path = Path.Combine(dir, baseName + ".docx");
        DocxWriter.Write(doc, path);
        return path;
    }

    // The intermediate .docx lives in staging so a failed conversion leaves no stray .docx behind.
    var docx = Path.Combine(staging.FullName, baseName + ".docx");
    DocxWriter.Write(doc, docx);
    var pdf = (converter ?? throw new InvalidOperationException("no PDF converter")).Convert(docx, dir);
    File.Delete(docx);
    return pdf;
}
