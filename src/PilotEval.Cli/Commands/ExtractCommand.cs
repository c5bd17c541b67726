using System.ComponentModel;
using Mediator;
using PilotEval.Cli.Infrastructure;
using PilotEval.Documents;
using PilotEval.Publishing;
using Spectre.Console.Cli;

namespace PilotEval.Cli.Commands;

/// <summary><c>piloteval extract &lt;file&gt; [--json]</c>: what PilotEval read from one file, readable or not.</summary>
public sealed class ExtractCommand(IMediator mediator, LogLevelSwitch logLevel) : AsyncCommand<ExtractCommand.Settings>
{
    public sealed class Settings : CommonSettings
    {
        [CommandArgument(0, "<file>")]
        [Description("A Word (.docx, .doc, .wps), PDF or OFD file.")]
        public string File { get; init; } = "";

        [CommandOption("--json")]
        [Description("Print one JSON object instead of text.")]
        public bool Json { get; init; }

        public override Spectre.Console.ValidationResult Validate() =>
            System.IO.File.Exists(File)
                ? Spectre.Console.ValidationResult.Success()
                : Spectre.Console.ValidationResult.Error($"file '{File}' does not exist");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        logLevel.Minimum = settings.LogLevel;
        var document = await mediator.Send(new ReadDocument.Query(settings.File), cancellationToken);
        var output = settings.Json ? DocumentListing.Json(document) + "\n" : DocumentListing.Text(document);
        await using var stdout = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false));
        await stdout.WriteAsync(output);
        return CliErrors.Ok;
    }
}
