using System.Collections.Immutable;
using Mediator;
using PilotEval.Documents;
using PilotEval.Pipeline;

namespace PilotEval.Integrity;

/// <summary>
/// Stage 1b, right after ingest and before any evidence is taken: flags instructions addressed to a reviewer
/// or a model (<c>prompt-injection</c>, with their location, hidden or visible) and signs the submission's
/// visible text for the near-duplicate check across the run.
/// </summary>
public static class ScreenIntegrity
{
    public sealed record Command(SubmissionAssessment Assessment) : ISubmissionStage
    {
        public Stage Stage => Stage.ScreenIntegrity;
    }

    public sealed class Handler(MinHasher hasher) : ICommandHandler<Command, SubmissionAssessment>
    {
        public ValueTask<SubmissionAssessment> Handle(Command command, CancellationToken cancellationToken)
        {
            var assessment = command.Assessment;
            var readable = assessment.Documents.Where(d => d.IsReadable).ToList();
            var injections = InjectionDetector.Scan(readable).ToImmutableArray();
            var signature = hasher.Sign(VisibleText(readable));
            return ValueTask.FromResult((assessment with { Integrity = new IntegrityScreen(injections, signature) })
                .WithFlags(injections.Select(Flag))
                .Finished(Stage.ScreenIntegrity));
        }
    }

    /// <summary>What a reader sees of the body, attachments included: what a copier copies.</summary>
    public static string VisibleText(IEnumerable<DocumentText> documents) =>
        string.Join("\n", documents.SelectMany(d => d.BodyBlocks).Select(b => b.Text));

    public static DocumentFlag Flag(InjectionFinding finding)
    {
        var where = finding.Hidden ? "不可见文字" : finding.Kind switch
        {
            BlockKind.Note => "批注、脚注或页眉页脚",
            BlockKind.TableRow => "表格",
            BlockKind.Heading => "标题",
            _ => "正文",
        };
        var withheld = finding.Hidden ? "" : "；该句不作为评分证据";
        return new DocumentFlag(FlagCodes.PromptInjection,
            $"{where}中含有向评审人员或模型发出的指令：「{TextNormalizer.Shorten(finding.Text, 80)}」（规则：{string.Join("、", finding.Rules.Distinct())}{withheld}）",
            finding.Location);
    }
}
