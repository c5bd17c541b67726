using System.Globalization;
using System.Text.Json.Nodes;
using Json.Schema;
using PilotEval.Evidence;
using PilotEval.Rubrics;
using PilotEval.Tests.Support;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PilotEval.Tests.Rubrics;

/// <summary>
/// The JSON schemas in rubrics/ are what an editor validates a regulator's YAML against
/// (the yaml-language-server comment at the top of each file); they must accept the repository's
/// files, refuse what the loader refuses, and list the same units and schemes as the code.
/// </summary>
public sealed class RubricSchemaTests
{
    // A schema registers itself under its $id; load each once for the whole class.
    private static readonly Dictionary<string, JsonSchema> Loaded = new()
    {
        ["rubric.schema.json"] = JsonSchema.FromText(File.ReadAllText(Path.Combine(RepoPaths.Rubrics, "rubric.schema.json"))),
        ["eligibility.schema.json"] = JsonSchema.FromText(File.ReadAllText(Path.Combine(RepoPaths.Rubrics, "eligibility.schema.json"))),
        ["call.schema.json"] = JsonSchema.FromText(File.ReadAllText(Path.Combine(RepoPaths.Rubrics, "call.schema.json"))),
        ["holidays.schema.json"] = JsonSchema.FromText(File.ReadAllText(Path.Combine(RepoPaths.Rubrics, "holidays.schema.json"))),
    };

    private static JsonSchema Schema(string name) => Loaded[name];

    public static TheoryData<string> RubricFiles() =>
        [.. Directory.GetFiles(RepoPaths.Rubrics, "*.yaml").Select(f => Path.GetFileName(f)).Where(f => !RubricLoader.SharedFiles.Contains(f)).Order()];

    [Theory]
    [MemberData(nameof(RubricFiles))]
    public void Every_track_rubric_in_the_repository_is_valid_against_rubric_schema(string file)
    {
        var path = Path.Combine(RepoPaths.Rubrics, file);
        Assert.StartsWith("# yaml-language-server: $schema=./rubric.schema.json", File.ReadAllText(path));

        var result = Schema("rubric.schema.json").Evaluate(YamlToJson(File.ReadAllText(path)), Options);

        Assert.True(result.IsValid, Errors(result));
    }

    [Fact]
    public void Eligibility_yaml_is_valid_against_eligibility_schema()
    {
        var path = Path.Combine(RepoPaths.Rubrics, "eligibility.yaml");
        Assert.StartsWith("# yaml-language-server: $schema=./eligibility.schema.json", File.ReadAllText(path));

        var result = Schema("eligibility.schema.json").Evaluate(YamlToJson(File.ReadAllText(path)), Options);

        Assert.True(result.IsValid, Errors(result));
    }

    [Theory]
    [InlineData("call")]
    [InlineData("holidays")]
    public void Shared_data_files_are_valid_against_their_schemas(string name)
    {
        var path = Path.Combine(RepoPaths.Rubrics, name + ".yaml");
        Assert.StartsWith($"# yaml-language-server: $schema=./{name}.schema.json", File.ReadAllText(path));

        var result = Schema(name + ".schema.json").Evaluate(YamlToJson(File.ReadAllText(path)), Options);

        Assert.True(result.IsValid, Errors(result));
    }

    [Theory]
    [InlineData("weight: 20", "weigth: 20")]                                 // a misspelt key
    [InlineData("kind: certification", "kind: diploma")]                     // an unknown signal kind
    [InlineData("accept: [等保 3, 商用密码]", "accept: [等保 6]")]              // a level no scheme has
    [InlineData("units: [\"%\"]", "units: [斤]")]                              // a unit the parser does not know
    [InlineData("points: 1\n        accept: [等保 3, 商用密码]", "points: 1\n        min: 2\n        accept: [等保 3]")] // min on a certification
    public void The_schema_refuses_what_the_loader_refuses(string valid, string broken)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Rubrics, "technology-application.yaml"));
        Assert.Contains(valid, text);

        var result = Schema("rubric.schema.json").Evaluate(YamlToJson(text.Replace(valid, broken)), Options);

        Assert.False(result.IsValid);
        Assert.Throws<PilotEval.Rubrics.RubricFileException>(() =>
            PilotEval.Rubrics.RubricLoader.ParseRubric("technology-application.yaml", System.Text.Encoding.UTF8.GetBytes(text.Replace(valid, broken))));
    }

    [Theory]
    [InlineData("      construction: [", "      constructoin: [")]   // a misspelt word list
    [InlineData("    rule: operation", "    rule: vibes")]           // an unknown rule
    [InlineData("      operation: [", "      operations: [")]       // a required list missing
    public void The_eligibility_schema_refuses_what_the_loader_refuses(string valid, string broken)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Rubrics, "eligibility.yaml"));
        Assert.Contains(valid, text);

        var result = Schema("eligibility.schema.json").Evaluate(YamlToJson(text.Replace(valid, broken)), Options);

        Assert.False(result.IsValid);
        Assert.Throws<PilotEval.Rubrics.RubricFileException>(() =>
            PilotEval.Rubrics.RubricLoader.ParseEligibility("eligibility.yaml", System.Text.Encoding.UTF8.GetBytes(text.Replace(valid, broken))));
    }

    [Fact]
    public void The_schema_lists_exactly_the_units_the_quantity_parser_knows()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Rubrics, "rubric.schema.json")))!;
        var units = schema["$defs"]!["signal"]!["properties"]!["quantity"]!["properties"]!["units"]!["items"]!["enum"]!
            .AsArray().Select(u => u!.GetValue<string>());

        Assert.Equal(ChineseQuantity.KnownUnits.Order(StringComparer.Ordinal), units.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_schema_lists_exactly_the_certification_schemes_the_recogniser_knows()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Rubrics, "rubric.schema.json")))!;
        var pattern = schema["$defs"]!["certification"]!["pattern"]!.GetValue<string>();

        var schemes = PilotEval.Language.EvidenceLexicon.Default.Credentials.Schemes;
        foreach (var scheme in schemes) Assert.Matches(pattern, scheme.Id);
        Assert.Equal(schemes.Length, pattern.Split('(', ')')[1].Split('|').Length);
    }

    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List };

    private static string Errors(EvaluationResults result) =>
        string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));

    /// <summary>YAML as an editor's schema validator sees it: plain scalars that look like numbers or booleans are typed.</summary>
    public static System.Text.Json.JsonElement YamlToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return System.Text.Json.JsonSerializer.SerializeToElement(Convert(stream.Documents[0].RootNode));
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
            KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, Convert(kv.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(Convert)]),
        YamlScalarNode { Style: ScalarStyle.Plain } s when s.Value is "true" or "false" => JsonValue.Create(s.Value == "true"),
        YamlScalarNode { Style: ScalarStyle.Plain } s when double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) =>
            n == Math.Floor(n) && !s.Value!.Contains('.') ? JsonValue.Create((long)n) : JsonValue.Create(n),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" } => null,
        YamlScalarNode s => JsonValue.Create(s.Value),
        _ => throw new InvalidOperationException(node.GetType().Name),
    };
}
