using PilotEval.Samples.Data;
using PilotEval.Samples.Model;
using PilotEval.Samples.Writing;

// Regenerates every sample application under the given directory (default: submissions-sample).
var outDir = Path.GetFullPath(args.Length > 0 ? args[0] : "submissions-sample");

// Fail before writing anything so a machine without LibreOffice never ends up with a half set.
using var converter = PdfConverter.TryCreate();
if (converter is null)
{
    Console.Error.WriteLine("error: 'soffice' (LibreOffice) was not found on PATH; it is needed to produce the PDF samples.");
    Console.Error.WriteLine("       Install it (e.g. apt-get install libreoffice-writer fonts-noto-cjk) and run again.");
    return 2;
}

var submissions = SampleCatalog.All;
SampleCatalog.Validate(submissions);

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
    var pdf = converter.Convert(docx, dir);
    File.Delete(docx);
    return pdf;
}
