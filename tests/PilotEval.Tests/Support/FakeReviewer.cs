using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PilotEval.Tests.Support;

/// <summary>
/// Plays the model: reads the sentences ([S1] …) and criteria (- id: …) from a request and writes the JSON
/// review the prompt asks for, quoting real sentences, so the whole path from prompt to results can be tested.
/// </summary>
public static partial class FakeReviewer
{
    public static IReadOnlyList<(string Id, string Text)> Sentences(RecordedRequest request) =>
        [.. SentenceLine().Matches(request.User).Select(m => (m.Groups[1].Value, m.Groups[2].Value.Trim()))];

    public static IReadOnlyList<string> CriterionIds(RecordedRequest request) =>
        [.. CriterionLine().Matches(request.User).Select(m => m.Groups[1].Value)];

    /// <summary>A review quoting the first sentences, every criterion at <paramref name="level"/>.</summary>
    /// <param name="tamper">Changes the answer before it is serialised (a hallucinated quote, a reported injection…).</param>
    public static string Answer(RecordedRequest request, Func<string, string>? level = null, Action<JsonObject, RecordedRequest>? tamper = null)
    {
        var sentences = Sentences(request);
        JsonObject Quote(int i) => new() { ["sentence"] = sentences[i % sentences.Count].Id, ["text"] = Excerpt(sentences[i % sentences.Count].Text) };
        var criteria = new JsonArray();
        var n = 0;
        foreach (var id in CriterionIds(request))
        {
            criteria.Add(new JsonObject
            {
                ["id"] = id,
                ["level"] = level?.Invoke(id) ?? "B",
                ["rationale"] = $"申报材料对{id}有具体描述，证据较充分。",
                ["quotes"] = sentences.Count == 0 ? new JsonArray() : new JsonArray(Quote(n++)),
            });
        }
        var answer = new JsonObject
        {
            ["summary"] = new JsonObject
            {
                ["overview"] = "该项目建设了数据安全管理平台并已投入运行。",
                ["strengths"] = new JsonArray("技术方案完整", "应用成效有量化数据"),
                ["weaknesses"] = new JsonArray("推广案例较少"),
                ["quotes"] = sentences.Count == 0 ? new JsonArray() : new JsonArray(Quote(0)),
            },
            ["criteria"] = criteria,
            ["injection"] = new JsonObject { ["found"] = false, ["sentences"] = new JsonArray(), ["detail"] = "" },
        };
        tamper?.Invoke(answer, request);
        return answer.ToJsonString();
    }

    /// <summary>A span a model would quote: the sentence without its final punctuation, re-punctuated the way models do.</summary>
    private static string Excerpt(string sentence)
    {
        var text = sentence.TrimEnd('。', '；', '！', '？');
        text = text.Length > 30 ? text[..30] : text;
        return text.Replace('，', ',');
    }

    [GeneratedRegex(@"^\[(S\d+)\] (.*)$", RegexOptions.Multiline)]
    private static partial Regex SentenceLine();

    [GeneratedRegex(@"^- id: (\S+) \|", RegexOptions.Multiline)]
    private static partial Regex CriterionLine();
}
