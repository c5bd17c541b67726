using PilotEval.Pipeline;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Pipeline;

/// <summary>Evaluates <c>submissions-sample/</c> once through the real mediator, for every test that reads the run.</summary>
public sealed class SampleRunFixture : IAsyncLifetime
{
    private readonly TempDirectory _out = new();

    public EvaluateSubmissions.Result Result { get; private set; } = null!;

    public string OutputDirectory => _out.Path;

    public async Task InitializeAsync()
    {
        using var provider = TestHost.Create();
        Result = await provider.Mediator().Send(
            new EvaluateSubmissions.Command(RepoPaths.Samples, RepoPaths.Rubrics, _out.Path));
    }

    public Task DisposeAsync()
    {
        _out.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The quality each sample was written to have (see src/PilotEval.Samples), by track.</summary>
    public static readonly (string Track, string Strong, string Medium, string Weak)[] Tiers =
    [
        ("talent", "talent-hualing-academy.docx", "talent-youyuan-center.pdf", "talent-xingqiao-net.docx"),
        ("risk-assessment", "risk-zhiheng-assess.pdf", "risk-yunxiu-cloud.docx", "risk-boyuan-info.docx"),
        ("incident-handling", "incident-hanhai-netops.docx", "incident-anlan-response.docx", "incident-yilian-shop.pdf"),
        ("technology-application", "tech-shentong-shield.pdf", "tech-tuoyin-watermark.docx", "tech-lanjing-guard.docx"),
        ("data-element-flow", "dataflow-jinghe-space", "dataflow-shurong-fusion.pdf", "dataflow-mingchuan-exchange.docx"),
    ];
}
