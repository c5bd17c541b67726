using PilotEval.Cli.Commands;
using PilotEval.Cli.Commands.Panel;
using PilotEval.Cli.Infrastructure;
using PilotEval.Documents;
using Spectre.Console.Cli;

// A reader worker needs none of the CLI — configuration, services, the command table — and its start-up is paid
// once per worker, so it goes straight to its loop (the hidden command below is the same loop).
if (args is [ReadWorkerCommand.Name])
    return await DocumentWorker.RunAsync(Console.OpenStandardInput(), Console.OpenStandardOutput(), CancellationToken.None);

// The command table; each command lives in Commands/ with its settings.
var app = new CommandApp(new TypeRegistrar(CliServices.Create()));
app.Configure(config =>
{
    config.SetApplicationName("piloteval");
    config.SetApplicationVersion(CliVersion.Text);
    // A misspelt option is a usage error, never a silently ignored one (CliErrors suggests the nearest).
    config.UseStrictParsing();
    config.PropagateExceptions();
    config.AddCommand<EvaluateCommand>("evaluate")
        .WithDescription("Evaluate every submission in a directory; write results.json, shortlist.md, report.html, panel-report.docx, scores.xlsx and feedback/.")
        .WithExample("evaluate", "submissions-sample", "--out", "out");
    config.AddCommand<ExtractCommand>("extract")
        .WithDescription("Show what PilotEval reads from one .docx or .pdf file.")
        .WithExample("extract", "application.pdf", "--json");
    config.AddCommand<ConfirmCommand>("confirm")
        .WithDescription("Record a person's decision on an eligibility check (who, when, why) and re-evaluate with it.")
        .WithExample("confirm", "submissions-sample", "--source", "a.docx", "--check", "in-operation", "--by", "张三", "--reason", "现场核验，平台已运行");
    config.AddCommand<PublishCommand>("publish")
        .WithDescription("Write the public notice (notice.docx) and the exemplar casebook (exemplars.docx) for the selected applications.")
        .WithExample("publish", "--selected", "selected.csv", "--results", "out/results.json")
        .WithExample("publish", "--top", "2", "--date", "2024-12-02");
    config.AddBranch("panel", panel =>
    {
        panel.SetDescription("The expert panel round: experts, conflicts, assignments, score sheets, results, decision (a SQLite file or PostgreSQL).");
        panel.AddCommand<PanelOpenCommand>("open").WithDescription("Open a round from a run's results.json (shortlisted and 待核实 applications).")
            .WithExample("panel", "open", "--results", "out/results.json", "--db", "panel.db");
        panel.AddCommand<PanelExpertsCommand>("experts").WithDescription("Import experts from CSV or XLSX; recompute conflicts of interest.")
            .WithExample("panel", "experts", "--db", "panel.db", "experts.csv");
        panel.AddCommand<PanelAssignCommand>("assign").WithDescription("Assign experts to applications, load balanced, never a conflicted one.")
            .WithExample("panel", "assign", "--db", "panel.db", "-k", "5");
        panel.AddCommand<PanelSheetsCommand>("sheets").WithDescription("Write one .xlsx score sheet per expert.")
            .WithExample("panel", "sheets", "--db", "panel.db", "--out", "sheets");
        panel.AddCommand<PanelImportCommand>("import").WithDescription("Import filled score sheets or scores.csv; all or nothing.")
            .WithExample("panel", "import", "--db", "panel.db", "sheets/评分表-张伟.xlsx");
        panel.AddCommand<PanelResultsCommand>("results").WithDescription("Trimmed means, spreads, calibration, rankings, Q&A list: panel-results.json and reports.")
            .WithExample("panel", "results", "--db", "panel.db", "--out", "out");
        panel.AddCommand<PanelDecideCommand>("decide").WithDescription("Record the final selection with reasons for departures, and confirmations of 待核实 checks.")
            .WithExample("panel", "decide", "--db", "panel.db", "--select", "a.docx,b.pdf");
        panel.AddCommand<PanelBackupCommand>("backup").WithDescription("Write a consistent copy of the store as a SQLite file.")
            .WithExample("panel", "backup", "--db", "panel.db", "panel-backup.db");
        panel.AddCommand<PanelAuditCommand>("audit").WithDescription("Print the audit log: who, when, what, previous and new value.");
        panel.AddBranch("account", account =>
        {
            account.SetDescription("Accounts for 'piloteval serve': the first secretariat account, or a new one-time password.");
            account.AddCommand<PanelAccountAddCommand>("add").WithDescription("Create an account and print its one-time password.")
                .WithExample("panel", "account", "add", "--db", "panel.db", "--role", "secretariat", "--name", "秘书处");
            account.AddCommand<PanelAccountResetCommand>("reset").WithDescription("Print a new one-time password for an account (lifts a lockout).");
        });
        panel.AddCommand<PanelSimulateCommand>("simulate").WithDescription("Check calibration on simulated panels with planted expert severities.")
            .WithExample("panel", "simulate", "--seeds", "200");
        panel.AddCommand<PanelBenchWebCommand>("bench-web").WithDescription("Benchmark: experts saving scores at once through the site on SQLite; p50/p95/max save latency, lost writes.")
            .WithExample("panel", "bench-web", "--experts", "9", "--applications", "100");
    });
    config.AddCommand<ServeCommand>("serve").WithDescription("The panel round in the browser (experts score beside the evidence; the secretariat runs the round).")
        .WithExample("serve", "--db", "panel.db", "--urls", "http://127.0.0.1:5080");
    config.AddCommand<BenchDuplicatesCommand>("bench-duplicates")
        .WithDescription("Benchmark the near-duplicate check on synthetic applications (cost and recall).")
        .IsHidden();
    config.AddCommand<BenchReportsCommand>("bench-reports")
        .WithDescription("Benchmark: write every report of a finished run again from its results.json; per-report time and peak memory.")
        .IsHidden();
    config.AddCommand<BenchCommand>("bench")
        .WithDescription("Measure reading speed and peak memory beside pdftotext on the same files.")
        .WithExample("bench", "submissions-sample");
    config.AddCommand<BenchScaleCommand>("bench-scale")
        .WithDescription("Generate N varied applications, evaluate them cold, unchanged, with one changed and with a rubric changed; print time, stages and peak memory beside the pdftotext floor.")
        .WithExample("bench-scale", "--apps", "100,300,1000");
    config.AddCommand<BenchHostileCommand>("bench-hostile")
        .WithDescription("Read each hostile file of the shared corpus (malformed, bombs, encrypted); print wall time, CPU, peak memory and outcome per file, and the load average.")
        .WithExample("bench-hostile", "../shared/corpus");
    config.AddCommand<ReadWorkerCommand>(ReadWorkerCommand.Name).IsHidden();
});
return await CliErrors.RunAsync(app, args);
