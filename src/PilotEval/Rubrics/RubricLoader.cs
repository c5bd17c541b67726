using System.Collections.Immutable;
using System.Security.Cryptography;
using YamlDotNet.RepresentationModel;

namespace PilotEval.Rubrics;

/// <summary>
/// Loads and validates the rubric directory. Every mistake a regulator can make in a file is reported
/// as a <see cref="RubricFileException"/> naming the file and line, before any application is scored.
/// </summary>
public static class RubricLoader
{
    public const string EligibilityFileName = "eligibility.yaml";

    public static RubricSet LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
            throw new RubricFileException(directory, 0, "the rubric directory does not exist");

        var eligibilityPath = Path.Combine(directory, EligibilityFileName);
        if (!File.Exists(eligibilityPath))
            throw new RubricFileException(eligibilityPath, 0, "the shared eligibility rules file is missing");

        var rubrics = ImmutableArray.CreateBuilder<Rubric>();
        foreach (var path in Directory.EnumerateFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(path) == EligibilityFileName) continue;
            var rubric = LoadRubric(path);
            if (rubrics.FirstOrDefault(r => r.Track == rubric.Track) is { } other)
                throw new RubricFileException(path, 1, $"track '{rubric.Track}' is already defined in {other.SourceFile}");
            rubrics.Add(rubric);
        }
        if (rubrics.Count == 0) throw new RubricFileException(directory, 0, "no track rubric (*.yaml) found");
        return new RubricSet(rubrics.ToImmutable(), LoadEligibility(eligibilityPath));
    }

    public static Rubric LoadRubric(string path) => ParseRubric(path, File.ReadAllBytes(path));

    public static Rubric ParseRubric(string file, byte[] content)
    {
        var yaml = new YamlNodeReader(file);
        var root = YamlNodeReader.LoadRoot(file, System.Text.Encoding.UTF8.GetString(content));

        var levels = ParseLevels(yaml, root);
        var levelIds = levels.Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
        var criteriaNode = yaml.Sequence(yaml.Required(root, "criteria"), "'criteria'");
        if (criteriaNode.Children.Count == 0) throw yaml.Error(criteriaNode, "'criteria' must list at least one criterion");

        var criteria = ImmutableArray.CreateBuilder<Criterion>();
        foreach (var item in criteriaNode.Children)
        {
            var criterion = ParseCriterion(yaml, yaml.Mapping(item, "a criterion"), levelIds, levels);
            if (criteria.Any(c => c.Id == criterion.Id))
                throw yaml.Error(item, $"duplicate criterion id '{criterion.Id}'");
            criteria.Add(criterion);
        }

        var total = criteria.Sum(c => c.Weight);
        if (Math.Abs(total - 100) > 0.001)
            throw yaml.Error(criteriaNode, $"criterion weights sum to {total:0.##}, not 100");

        return new Rubric(
            Track: yaml.String(root, "track"),
            Name: yaml.String(root, "name"),
            Aliases: yaml.Strings(root, "aliases"),
            Levels: levels,
            Criteria: criteria.ToImmutable(),
            SourceFile: file,
            Sha256: Convert.ToHexStringLower(SHA256.HashData(content)));
    }

    private static ImmutableArray<LevelShare> ParseLevels(YamlNodeReader yaml, YamlMappingNode root)
    {
        var node = yaml.Mapping(yaml.Required(root, "levels"), "'levels'");
        var levels = ImmutableArray.CreateBuilder<LevelShare>();
        foreach (var (key, value) in node.Children)
        {
            var id = ((YamlScalarNode)key).Value ?? "";
            var share = yaml.Number(value, $"levels.{id}");
            if (share is < 0 or > 1) throw yaml.Error(value, $"level {id} share must be between 0 and 1");
            if (levels.Count > 0 && share >= levels[^1].Share)
                throw yaml.Error(value, $"level {id} must earn less than level {levels[^1].Id}: list levels best first");
            levels.Add(new LevelShare(id, share));
        }
        if (levels.Count < 2) throw yaml.Error(node, "at least two levels are needed");
        return levels.ToImmutable();
    }

    private static Criterion ParseCriterion(YamlNodeReader yaml, YamlMappingNode map,
        HashSet<string> levelIds, ImmutableArray<LevelShare> levels)
    {
        var id = yaml.String(map, "id");
        var weightNode = yaml.Required(map, "weight");
        var weight = yaml.Number(weightNode, "weight");
        if (weight <= 0) throw yaml.Error(weightNode, $"criterion '{id}' weight must be positive");

        var descriptors = ImmutableDictionary.CreateBuilder<string, string>();
        if (yaml.Optional(map, "descriptors") is { } descriptorNode)
        {
            foreach (var (key, value) in yaml.Mapping(descriptorNode, "'descriptors'").Children)
            {
                var level = ((YamlScalarNode)key).Value ?? "";
                if (!levelIds.Contains(level)) throw yaml.Error(key, $"unknown level '{level}' in descriptors of '{id}'");
                descriptors[level] = (value as YamlScalarNode)?.Value?.Trim() ?? "";
            }
        }

        var thresholdNode = yaml.Mapping(yaml.Required(map, "thresholds"), "'thresholds'");
        var thresholds = ImmutableArray.CreateBuilder<LevelThreshold>();
        foreach (var (key, value) in thresholdNode.Children)
        {
            var level = ((YamlScalarNode)key).Value ?? "";
            if (!levelIds.Contains(level)) throw yaml.Error(key, $"unknown level '{level}' in thresholds of '{id}'");
            if (level == levels[^1].Id) throw yaml.Error(key, $"the lowest level '{level}' needs no threshold");
            thresholds.Add(new LevelThreshold(level, yaml.Number(value, $"thresholds.{level}")));
        }
        var ordered = thresholds.OrderBy(t => levels.IndexOf(levels.First(l => l.Id == t.Level))).ToImmutableArray();
        for (var i = 1; i < ordered.Length; i++)
        {
            if (ordered[i].Points >= ordered[i - 1].Points)
                throw yaml.Error(thresholdNode, $"thresholds of '{id}' must fall from level to level ({ordered[i - 1].Level} {ordered[i - 1].Points} > {ordered[i].Level} {ordered[i].Points})");
        }

        var signalsNode = yaml.Sequence(yaml.Required(map, "signals"), $"signals of '{id}'");
        var signals = ImmutableArray.CreateBuilder<Signal>();
        foreach (var item in signalsNode.Children)
        {
            var signal = ParseSignal(yaml, yaml.Mapping(item, "a signal"));
            if (signals.Any(s => s.Id == signal.Id)) throw yaml.Error(item, $"duplicate signal id '{signal.Id}' in '{id}'");
            signals.Add(signal);
        }
        if (signals.Count == 0) throw yaml.Error(signalsNode, $"criterion '{id}' needs at least one signal");

        return new Criterion(id, yaml.String(map, "name"), weight, descriptors.ToImmutable(), ordered, signals.ToImmutable());
    }

    private static Signal ParseSignal(YamlNodeReader yaml, YamlMappingNode map)
    {
        var id = yaml.String(map, "id");
        var keywords = yaml.Strings(map, "keywords");
        var pattern = yaml.Optional(map, "pattern") is { } p ? yaml.Regex(p, "pattern") : null;
        QuantityRule? quantity = null;
        if (yaml.Optional(map, "quantity") is { } q)
        {
            var qmap = yaml.Mapping(q, "'quantity'");
            var units = yaml.Strings(qmap, "units");
            if (units.IsEmpty) throw yaml.Error(q, $"quantity of signal '{id}' needs 'units'");
            var unknown = units.FirstOrDefault(u => !Evidence.ChineseQuantity.IsKnownUnit(u));
            if (unknown is not null) throw yaml.Error(q, $"unknown unit '{unknown}' in signal '{id}'");
            quantity = new QuantityRule(units, yaml.OptionalNumber(qmap, "min"), yaml.OptionalNumber(qmap, "max"));
        }
        if (keywords.IsEmpty && pattern is null && quantity is null)
            throw yaml.Error(map, $"signal '{id}' needs keywords, a pattern or a quantity");

        var pointsNode = yaml.Optional(map, "points");
        return new Signal(
            Id: id,
            Description: yaml.String(map, "description"),
            Points: pointsNode is null ? 1 : yaml.Number(pointsNode, "points"),
            Keywords: keywords,
            Pattern: pattern,
            Quantity: quantity,
            Lacking: yaml.OptionalString(map, "lacking") ?? $"未见“{yaml.String(map, "description")}”方面的证据");
    }

    public static EligibilityRules LoadEligibility(string path)
    {
        var content = File.ReadAllBytes(path);
        var yaml = new YamlNodeReader(path);
        var root = YamlNodeReader.LoadRoot(path, System.Text.Encoding.UTF8.GetString(content));

        var checks = ImmutableArray.CreateBuilder<EligibilityCheck>();
        foreach (var item in yaml.Sequence(yaml.Required(root, "checks"), "'checks'").Children)
        {
            var map = yaml.Mapping(item, "a check");
            var id = yaml.String(map, "id");
            if (checks.Any(c => c.Id == id)) throw yaml.Error(item, $"duplicate check id '{id}'");
            var precedence = yaml.OptionalString(map, "precedence") ?? "fail-first";
            checks.Add(new EligibilityCheck(
                Id: id,
                Name: yaml.String(map, "name"),
                CoverField: yaml.OptionalString(map, "coverField"),
                About: yaml.Regex(yaml.Required(map, "about"), "about"),
                Fail: yaml.Regexes(map, "fail"),
                Pass: yaml.Regexes(map, "pass"),
                Precedence: precedence switch
                {
                    "fail-first" => Precedence.FailFirst,
                    "pass-first" => Precedence.PassFirst,
                    _ => throw yaml.Error(yaml.Required(map, "precedence"), $"precedence must be fail-first or pass-first, not '{precedence}'"),
                },
                OtherwiseFails: (yaml.OptionalString(map, "otherwise") ?? "ignore") switch
                {
                    "fail" => true,
                    "ignore" => false,
                    var other => throw yaml.Error(yaml.Required(map, "otherwise"), $"otherwise must be fail or ignore, not '{other}'"),
                },
                PassReason: yaml.String(map, "passReason"),
                FailReason: yaml.String(map, "failReason"),
                MissingReason: yaml.String(map, "missingReason")));
        }

        var sections = ImmutableArray.CreateBuilder<RequiredSection>();
        if (yaml.Optional(root, "sections") is { } sectionsNode)
        {
            foreach (var item in yaml.Sequence(sectionsNode, "'sections'").Children)
            {
                var map = yaml.Mapping(item, "a section");
                var headings = yaml.Strings(map, "headings");
                if (headings.IsEmpty) throw yaml.Error(item, "a section needs at least one heading name");
                sections.Add(new RequiredSection(yaml.String(map, "id"), yaml.String(map, "name"), headings));
            }
        }
        return new EligibilityRules(checks.ToImmutable(), sections.ToImmutable(), path,
            Convert.ToHexStringLower(SHA256.HashData(content)));
    }
}
