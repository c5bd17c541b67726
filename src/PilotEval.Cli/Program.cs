using PilotEval.Cli.Commands;
using PilotEval.Cli.Infrastructure;
using Spectre.Console.Cli;

// The command table; each command lives in Commands/ with its settings.
var app = new CommandApp(new TypeRegistrar(CliServices.Create()));
app.Configure(config =>
{
    config.SetApplicationName("piloteval");
    config.PropagateExceptions();
    config.AddCommand<EvaluateCommand>("evaluate")
        .WithDescription("Evaluate every submission in a directory; write results.json and shortlist.md.")
        .WithExample("evaluate", "submissions-sample", "--out", "out");
    config.AddCommand<ExtractCommand>("extract")
        .WithDescription("Show what PilotEval reads from one .docx or .pdf file.")
        .WithExample("extract", "application.pdf", "--json");
    config.AddCommand<BenchCommand>("bench")
        .WithDescription("Measure reading speed and peak memory beside pdftotext on the same files.")
        .WithExample("bench", "submissions-sample");
    config.AddCommand<ReadWorkerCommand>("read-worker").IsHidden();
});
return await CliErrors.RunAsync(app, args);
