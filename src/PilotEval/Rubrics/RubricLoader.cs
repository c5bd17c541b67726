using System.Collections.Immutable;
using System.Security.Cryptography;
using PilotEval.Inputs;
using YamlDotNet.RepresentationModel;

namespace PilotEval.Rubrics;

/// <summary>
/// Loads and validates the rubric directory. Every mistake a regulator can make in a file is reported
/// as a <see cref="RubricFileException"/> naming the file and line, before any application is scored.
/// </summary>
public static class RubricLoader
{
    public const string EligibilityFileName = "eligibility.yaml";

    /// <summary>Blocks the track rubrics share by reference (<c>base: common.yaml</c>): levels and the discount share.</summary>
    public const string CommonFileName = "common.yaml";

    /// <summary>
    /// The files of a rubric folder that are not track rubrics: the shared rules, vocabularies and calendars that every
    /// track reads. Every other *.yaml is a track rubric.
    /// </summary>
    public static readonly ImmutableHashSet<string> SharedFiles =
        [EligibilityFileName, CallRules.FileName, Language.Lexicon.FileName, CommonFileName, "holidays.yaml"];

    public static RubricSet LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
            throw new RubricFileException(directory, 0, "the rubric directory does not exist");

        var eligibilityPath = Path.Combine(directory, EligibilityFileName);
        if (!File.Exists(eligibilityPath))
            throw new RubricFileException(eligibilityPath, 0, "the shared eligibility rules file is missing");
        var callPath = Path.Combine(directory, CallRules.FileName);
        var call = File.Exists(callPath) ? CallRules.Load(callPath) : CallRules.Unspecified;

        // The one lexicon first: rubric rules may only name its units, and read its synonyms and markers.
        var lexicon = Language.Lexicon.LoadDirectory(directory);

        var rubrics = ImmutableArray.CreateBuilder<Rubric>();
        foreach (var path in Directory.EnumerateFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            if (SharedFiles.Contains(Path.GetFileName(path))) continue;
            var rubric = LoadRubric(path, lexicon);
            if (rubrics.FirstOrDefault(r => r.Track == rubric.Track) is { } other)
                throw new RubricFileException(path, 1, $"track '{rubric.Track}' is already defined in {other.SourceFile}");
            if (!call.Tracks.IsEmpty && !call.Tracks.Contains(rubric.Track))
                throw new RubricFileException(path, 1, $"track '{rubric.Track}' is not one of the call's tracks in {callPath} ({string.Join(", ", call.Tracks)})");
            rubrics.Add(rubric);
        }
        if (rubrics.Count == 0) throw new RubricFileException(directory, 0, "no track rubric (*.yaml) found");
        // A deleted rubric must not make its applications fall to another track or to 方向不明 in silence.
        if (call.Tracks.FirstOrDefault(t => rubrics.All(r => r.Track != t)) is { } missing)
            throw new RubricFileException(callPath, 1,
                $"the call lists track '{missing}' but no rubric in {directory} defines it (expected {Path.Combine(directory, missing + ".yaml")})");
        return new RubricSet(rubrics.ToImmutable(), LoadEligibility(eligibilityPath)) { Call = call, Lexicon = lexicon };
    }

    /// <summary>
    /// Rule files are hashed into every run's record and diffed by the regulator, so they are read as saved: UTF-8,
    /// with or without a BOM. A GBK file (the "ANSI" default of Chinese Windows editors) is refused with how to fix it
    /// rather than read as mojibake that would silently exclude every application.
    /// </summary>
    public static string DecodeRuleFile(string file, byte[] content)
    {
        DecodedText decoded;
        try
        {
            decoded = TextInput.Decode(file, content);
        }
        catch (TextInputException ex)
        {
            throw new RubricFileException(file, 1, ex.Message);
        }
        return decoded.IsLegacyChinese ? throw new RubricFileException(file, 1, TextInput.LegacyEncodingAdvice(file)) : decoded.Text;
    }

    public static Rubric LoadRubric(string path) => LoadRubric(path, Language.Lexicon.Default);

    public static Rubric LoadRubric(string path, Language.Lexicon lexicon) => ParseRubric(path, File.ReadAllBytes(path), lexicon);

    public static Rubric ParseRubric(string file, byte[] content) => ParseRubric(file, content, Language.Lexicon.Default);

    /// <summary>
    /// A track rubric. <c>base:</c> names a file beside it (<c>common.yaml</c>) whose <c>levels</c> and
    /// <c>negativeSignals</c> it takes unless it states its own; units and markers come from <paramref name="lexicon"/>.
    /// </summary>
    public static Rubric ParseRubric(string file, byte[] content, Language.Lexicon lexicon)
    {
        var yaml = new YamlNodeReader(file);
        var root = YamlNodeReader.LoadRoot(file, DecodeRuleFile(file, content));
        yaml.AllowOnly(root, "base", "track", "name", "aliases", "levels", "negativeSignals", "criteria");

        var (shared, sharedYaml) = (root, yaml);
        if (yaml.Optional(root, "base") is { } baseNode)
        {
            var baseName = (baseNode as YamlScalarNode)?.Value ?? "";
            var basePath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", baseName);
            if (!File.Exists(basePath)) throw yaml.Error(baseNode, $"the shared file '{baseName}' named by 'base' does not exist beside this rubric");
            sharedYaml = new YamlNodeReader(basePath);
            shared = YamlNodeReader.LoadRoot(basePath, DecodeRuleFile(basePath, File.ReadAllBytes(basePath)));
            sharedYaml.AllowOnly(shared, "levels", "negativeSignals");
        }
        var (levelsYaml, levelsRoot) = yaml.Optional(root, "levels") is not null ? (yaml, root) : (sharedYaml, shared);
        var levels = ParseLevels(levelsYaml, levelsRoot);
        var (negativeYaml, negativeRoot) = yaml.Optional(root, "negativeSignals") is not null ? (yaml, root) : (sharedYaml, shared);
        var negativeSignals = negativeYaml.Optional(negativeRoot, "negativeSignals") is { } negativeNode
            ? ParseNegativeSignals(negativeYaml, negativeNode, lexicon)
            : NegativeSignals.None;
        var levelIds = levels.Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
        var criteriaNode = yaml.Sequence(yaml.Required(root, "criteria"), "'criteria'");
        if (criteriaNode.Children.Count == 0) throw yaml.Error(criteriaNode, "'criteria' must list at least one criterion");

        var criteria = ImmutableArray.CreateBuilder<Criterion>();
        foreach (var item in criteriaNode.Children)
        {
            var criterion = ParseCriterion(yaml, yaml.Mapping(item, "a criterion"), levelIds, levels, lexicon);
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
            Sha256: Convert.ToHexStringLower(SHA256.HashData(content)))
        {
            NegativeSignals = negativeSignals,
            Lexicon = lexicon,
        };
    }

    /// <summary>The share a plan or slogan earns; the markers are the lexicon's unless the block names its own patterns.</summary>
    private static NegativeSignals ParseNegativeSignals(YamlNodeReader yaml, YamlNode node, Language.Lexicon lexicon)
    {
        var map = yaml.Mapping(node, "'negativeSignals'");
        yaml.AllowOnly(map, "share", "plan", "slogan");
        var shareNode = yaml.Required(map, "share");
        var share = yaml.Number(shareNode, "share");
        if (share is < 0 or > 1) throw yaml.Error(shareNode, "negativeSignals share must be between 0 and 1");
        return new NegativeSignals(share,
            yaml.Optional(map, "plan") is { } plan ? yaml.Regex(plan, "plan") : null,
            yaml.Optional(map, "slogan") is { } slogan ? yaml.Regex(slogan, "slogan") : lexicon.Evidence.Slogan)
        {
            Clauses = lexicon.Evidence.Clauses,
        };
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
        HashSet<string> levelIds, ImmutableArray<LevelShare> levels, Language.Lexicon lexicon)
    {
        yaml.AllowOnly(map, "id", "name", "weight", "descriptors", "thresholds", "negativeSignals", "signals");
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
            // A panel reads every level it may award; a level without words cannot be defended.
            if (levels.FirstOrDefault(l => !descriptors.ContainsKey(l.Id)) is { } undescribed)
                throw yaml.Error(descriptorNode, $"descriptors of '{id}' do not describe level {undescribed.Id}");
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
            var signal = ParseSignal(yaml, yaml.Mapping(item, "a signal"), lexicon);
            if (signals.Any(s => s.Id == signal.Id)) throw yaml.Error(item, $"duplicate signal id '{signal.Id}' in '{id}'");
            signals.Add(signal);
        }
        if (signals.Count == 0) throw yaml.Error(signalsNode, $"criterion '{id}' needs at least one signal");

        return new Criterion(id, yaml.String(map, "name"), weight, descriptors.ToImmutable(), ordered, signals.ToImmutable())
        {
            NegativeSignals = yaml.Optional(map, "negativeSignals") is { } negative ? ParseNegativeSignals(yaml, negative, lexicon) : null,
        };
    }

    private static Signal ParseSignal(YamlNodeReader yaml, YamlMappingNode map, Language.Lexicon lexicon)
    {
        yaml.AllowOnly(map, "id", "kind", "description", "points", "keywords", "pattern", "quantity", "accept", "min", "granted", "drafted", "lacking");
        var id = yaml.String(map, "id");
        var keywords = yaml.Strings(map, "keywords");
        var pattern = yaml.Optional(map, "pattern") is { } p ? yaml.Regex(p, "pattern") : null;
        QuantityRule? quantity = null;
        if (yaml.Optional(map, "quantity") is { } q)
        {
            var qmap = yaml.Mapping(q, "'quantity'");
            yaml.AllowOnly(qmap, "units", "min", "max");
            var units = yaml.Strings(qmap, "units");
            if (units.IsEmpty) throw yaml.Error(q, $"quantity of signal '{id}' needs 'units'");
            // A unit the quantity reader cannot produce would make the rule unsatisfiable: refuse it here.
            var unknown = units.FirstOrDefault(u => !lexicon.Evidence.Units.IsKnown(u));
            if (unknown is not null)
                throw yaml.Error(q, $"unit '{unknown}' in signal '{id}' is not a unit of {lexicon.SourceFile} (one of {string.Join(", ", lexicon.Evidence.Units.Units)}), so no quantity could satisfy it");
            quantity = new QuantityRule(units, yaml.OptionalNumber(qmap, "min"), yaml.OptionalNumber(qmap, "max"));
        }
        var kind = ParseKind(yaml, map, quantity);
        var credential = ParseCredential(yaml, map, id, kind, lexicon.Evidence.Credentials);
        if (keywords.IsEmpty && pattern is null && quantity is null && credential is null && kind != SignalKind.Change)
            throw yaml.Error(map, $"signal '{id}' needs keywords, a pattern, a quantity or a credential kind");

        var pointsNode = yaml.Optional(map, "points");
        var points = pointsNode is null ? 1 : yaml.Number(pointsNode, "points");
        if (points <= 0) throw yaml.Error(pointsNode!, $"signal '{id}' points must be positive");
        return new Signal(
            Id: id,
            Description: yaml.String(map, "description"),
            Points: points,
            Keywords: keywords,
            Pattern: pattern,
            Quantity: quantity,
            Lacking: yaml.OptionalString(map, "lacking") ?? $"未见“{yaml.String(map, "description")}”方面的证据")
        {
            Kind = kind,
            Credential = credential,
        };
    }

    private static readonly Dictionary<string, SignalKind> Kinds = new(StringComparer.Ordinal)
    {
        ["keyword"] = SignalKind.Keyword,
        ["quantity"] = SignalKind.Quantity,
        ["change"] = SignalKind.Change,
        ["certification"] = SignalKind.Certification,
        ["standard"] = SignalKind.Standard,
        ["patent"] = SignalKind.Patent,
        ["software-copyright"] = SignalKind.SoftwareCopyright,
    };

    public static string KindName(SignalKind kind) => Kinds.First(k => k.Value == kind).Key;

    private static SignalKind ParseKind(YamlNodeReader yaml, YamlMappingNode map, QuantityRule? quantity)
    {
        if (yaml.Optional(map, "kind") is not { } node) return quantity is null ? SignalKind.Keyword : SignalKind.Quantity;
        var text = (node as YamlScalarNode)?.Value ?? "";
        if (!Kinds.TryGetValue(text, out var kind))
            throw yaml.Error(node, $"unknown signal kind '{text}' (one of {string.Join(", ", Kinds.Keys)})");
        if (kind == SignalKind.Quantity && quantity is null) throw yaml.Error(node, "a quantity signal needs 'quantity'");
        return kind;
    }

    /// <summary>The credential keys (accept, min, granted, drafted) and what each kind allows.</summary>
    private static CredentialRule? ParseCredential(YamlNodeReader yaml, YamlMappingNode map, string id, SignalKind kind, Evidence.CredentialReader credentials)
    {
        var isCredential = kind is SignalKind.Certification or SignalKind.Standard or SignalKind.Patent or SignalKind.SoftwareCopyright;
        foreach (var key in new[] { "accept", "min", "granted", "drafted" })
        {
            if (!isCredential && yaml.Optional(map, key) is { } stray)
                throw yaml.Error(stray, $"'{key}' of signal '{id}' only applies to certification, standard, patent or software-copyright signals");
        }
        if (!isCredential) return null;

        var accept = ImmutableArray.CreateBuilder<AcceptedCredential>();
        if (yaml.Optional(map, "accept") is { } acceptNode)
        {
            if (kind == SignalKind.SoftwareCopyright) throw yaml.Error(acceptNode, $"a software-copyright signal ('{id}') accepts no list");
            var items = acceptNode is YamlSequenceNode seq ? seq.Children : [acceptNode];
            foreach (var item in items)
            {
                var text = (item as YamlScalarNode)?.Value?.Trim() ?? throw yaml.Error(item, "'accept' items must be texts");
                accept.Add(ParseAccepted(yaml, item, id, kind, text, credentials));
            }
        }
        int? min = null;
        if (yaml.Optional(map, "min") is { } minNode)
        {
            if (kind is SignalKind.Certification or SignalKind.Standard)
                throw yaml.Error(minNode, $"'min' of signal '{id}' applies to patent or software-copyright signals");
            var value = yaml.Number(minNode, "min");
            if (value < 1 || value != Math.Floor(value)) throw yaml.Error(minNode, $"'min' of signal '{id}' must be a whole number ≥ 1");
            min = (int)value;
        }
        var granted = yaml.Optional(map, "granted") is { } g ? Bool(yaml, g, "granted") : kind == SignalKind.Patent;
        if (granted && kind != SignalKind.Patent) throw yaml.Error(yaml.Required(map, "granted"), $"'granted' of signal '{id}' applies to patents");
        var drafted = yaml.Optional(map, "drafted") is { } d && Bool(yaml, d, "drafted");
        if (drafted && kind != SignalKind.Standard) throw yaml.Error(yaml.Required(map, "drafted"), $"'drafted' of signal '{id}' applies to standards");
        return new CredentialRule(accept.ToImmutable(), min, granted, drafted);
    }

    private static AcceptedCredential ParseAccepted(YamlNodeReader yaml, YamlNode node, string id, SignalKind kind, string text, Evidence.CredentialReader credentials)
    {
        switch (kind)
        {
            case SignalKind.Certification:
            {
                // 「DSMM 3」: scheme DSMM at level 3 or above; 「ISO27001」: the scheme at any level.
                var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (credentials.Schemes.All(s => s.Id != parts[0]))
                    throw yaml.Error(node, $"unknown certification '{parts[0]}' in signal '{id}' (one of {string.Join(", ", credentials.Schemes.Select(s => s.Id))}; the lexicon's credentials.certifications)");
                if (parts.Length == 1) return new AcceptedCredential(parts[0], null);
                if (parts.Length != 2 || !int.TryParse(parts[1], out var level) || level is < 1 or > 5)
                    throw yaml.Error(node, $"certification level in '{text}' must be a whole number from 1 to 5, e.g. 'DSMM 3'");
                return new AcceptedCredential(parts[0], level);
            }
            case SignalKind.Standard:
                if (!credentials.StandardSeries.Contains(text, StringComparer.OrdinalIgnoreCase) && !credentials.StandardTypes.Contains(text))
                    throw yaml.Error(node, $"unknown standard series '{text}' in signal '{id}' (one of {string.Join(", ", credentials.StandardSeries.Concat(credentials.StandardTypes))}; the lexicon's credentials)");
                return new AcceptedCredential(text, null);
            default:
                if (!credentials.PatentTypes.Contains(text))
                    throw yaml.Error(node, $"unknown patent type '{text}' in signal '{id}' (one of {string.Join(", ", credentials.PatentTypes)}; the lexicon's credentials.patents)");
                return new AcceptedCredential(text, null);
        }
    }

    private static bool Bool(YamlNodeReader yaml, YamlNode node, string key) =>
        (node as YamlScalarNode)?.Value switch
        {
            "true" => true,
            "false" => false,
            var other => throw yaml.Error(node, $"'{key}' must be true or false, not '{other}'"),
        };

    public static EligibilityRules LoadEligibility(string path) => ParseEligibility(path, File.ReadAllBytes(path));

    /// <summary>The word lists each rule reads, and which of them it cannot do without.</summary>
    private static readonly Dictionary<EligibilityRule, (string[] Required, string[] Optional)> RuleWords = new()
    {
        [EligibilityRule.Location] = (["about", "inside", "outside"], ["ambiguous", "moves", "former", "ignore", "notPlace", "near", "licenceIssuer", "licence", "lapsed", "pending", "nameSuffixes", "except", "premises", "branch", "headOffice", "copula", "legalPerson", "described", "internalUnits", "now", "relocations", "inNameOf", "applicantIs", "still", "regardless"]),
        [EligibilityRule.Denial] = (["events", "levels", "occurred", "penalties", "penalised"], ["narrowLevels", "lesserLevels", "scale", "handling", "prevention", "risk", "needsContext", "context", "grading", "unknowing", "described", "copula", "among", "graveData", "pending", "topicNouns", "followUp", "results", "decisions", "eventVerbs", "presupposing", "outage", "outageScale", "sinceStart", "unrelated", "others", "guardedAgainst", "notOccurrence", "ownCause", "specific", "existential", "documents", "findings", "reported", "consequence", "ignore"]),
        [EligibilityRule.Operation] = (["operation", "construction"], ["start", "usage", "projectNouns", "stopped", "building", "underway", "completed", "pending", "nextPhase", "inProgress", "underwayWork", "trial", "testEnvironments", "production", "period", "postponed", "notYet", "before", "timeNouns", "notProject", "alongside", "unused", "planFor", "work", "ignore"]),
        [EligibilityRule.Patterns] = ([], ["ignore"]),
    };

    private static readonly Dictionary<string, EligibilityRule> RuleNames = new(StringComparer.Ordinal)
    {
        ["location"] = EligibilityRule.Location,
        ["denial"] = EligibilityRule.Denial,
        ["operation"] = EligibilityRule.Operation,
        ["patterns"] = EligibilityRule.Patterns,
    };

    public static EligibilityRules ParseEligibility(string path, byte[] content)
    {
        var yaml = new YamlNodeReader(path);
        var root = YamlNodeReader.LoadRoot(path, DecodeRuleFile(path, content));
        // The form's sections moved to the lexicon, which the casebook reads too: say where, rather than "unknown key".
        if (yaml.Optional(root, "sections") is { } moved)
            throw yaml.Error(moved, $"'sections' now lives in {Language.Lexicon.FileName} as 'formSections' (the casebook reads it too); move it there");
        yaml.AllowOnly(root, "checks");

        var checks = ImmutableArray.CreateBuilder<EligibilityCheck>();
        foreach (var item in yaml.Sequence(yaml.Required(root, "checks"), "'checks'").Children)
        {
            var check = ParseCheck(yaml, yaml.Mapping(item, "a check"));
            if (checks.Any(c => c.Id == check.Id)) throw yaml.Error(item, $"duplicate check id '{check.Id}'");
            checks.Add(check);
        }
        if (checks.Count == 0) throw yaml.Error(root, "'checks' must list at least one check");

        return new EligibilityRules(checks.ToImmutable(), path,
            Convert.ToHexStringLower(SHA256.HashData(content)));
    }

    private static EligibilityCheck ParseCheck(YamlNodeReader yaml, YamlMappingNode map)
    {
        yaml.AllowOnly(map, "id", "name", "rule", "coverField", "passReason", "failReason", "missingReason", "ask",
            "alternativeReason", "years", "words", "about", "pass", "fail", "precedence");
        var id = yaml.String(map, "id");
        var ruleNode = yaml.Required(map, "rule");
        var ruleName = (ruleNode as YamlScalarNode)?.Value ?? "";
        if (!RuleNames.TryGetValue(ruleName, out var rule))
            throw yaml.Error(ruleNode, $"unknown rule '{ruleName}' for check '{id}' (one of {string.Join(", ", RuleNames.Keys)})");

        var (required, optional) = RuleWords[rule];
        var words = ImmutableDictionary.CreateBuilder<string, ImmutableArray<string>>(StringComparer.Ordinal);
        if (yaml.Optional(map, "words") is { } wordsNode)
        {
            var wordsMap = yaml.Mapping(wordsNode, $"'words' of '{id}'");
            yaml.AllowOnly(wordsMap, [.. required, .. optional]);
            foreach (var (key, _) in wordsMap.Children)
            {
                var name = ((YamlScalarNode)key).Value!;
                var list = yaml.Strings(wordsMap, name);
                if (list.IsEmpty) throw yaml.Error(key, $"'{name}' of check '{id}' must list at least one word");
                words[name] = list;
            }
        }
        if (required.FirstOrDefault(r => !words.ContainsKey(r)) is { } missing)
            throw yaml.Error(map, $"check '{id}' (rule {ruleName}) needs the word list '{missing}' under 'words'");

        // Regular expressions belong to pattern checks only: the built-in rules read words, clause by clause.
        foreach (var key in new[] { "about", "pass", "fail", "precedence" })
        {
            if (rule != EligibilityRule.Patterns && yaml.Optional(map, key) is { } stray)
                throw yaml.Error(stray, $"'{key}' applies to rule 'patterns' only (check '{id}' is rule {ruleName})");
        }
        if (rule == EligibilityRule.Patterns && yaml.Optional(map, "about") is null)
            throw yaml.Error(map, $"pattern check '{id}' needs 'about'");
        if (yaml.Optional(map, "alternativeReason") is { } alt && !words.ContainsKey("licence"))
            throw yaml.Error(alt, $"check '{id}' has 'alternativeReason' but no alternative ('licenceIssuer' and 'licence' words)");
        if (words.ContainsKey("licence") != words.ContainsKey("licenceIssuer"))
            throw yaml.Error(map, $"check '{id}' needs both 'licenceIssuer' and 'licence' words, or neither");

        var yearsNode = yaml.Optional(map, "years");
        var years = yearsNode is null ? 3 : yaml.Number(yearsNode, "years");
        if (yearsNode is not null && (years < 1 || years != Math.Floor(years)))
            throw yaml.Error(yearsNode, $"'years' of check '{id}' must be a whole number ≥ 1");
        var precedence = yaml.OptionalString(map, "precedence") ?? "fail-first";

        return new EligibilityCheck(
            Id: id,
            Name: yaml.String(map, "name"),
            Rule: rule,
            CoverField: yaml.OptionalString(map, "coverField"),
            PassReason: yaml.String(map, "passReason"),
            FailReason: yaml.String(map, "failReason"),
            MissingReason: yaml.String(map, "missingReason"),
            Ask: yaml.String(map, "ask"))
        {
            Words = words.ToImmutable(),
            Years = (int)years,
            AlternativeReason = yaml.OptionalString(map, "alternativeReason"),
            About = yaml.Optional(map, "about") is { } about ? yaml.Regex(about, "about") : null,
            Pass = yaml.Regexes(map, "pass"),
            Fail = yaml.Regexes(map, "fail"),
            Precedence = precedence switch
            {
                "fail-first" => Precedence.FailFirst,
                "pass-first" => Precedence.PassFirst,
                _ => throw yaml.Error(yaml.Required(map, "precedence"), $"precedence must be fail-first or pass-first, not '{precedence}'"),
            },
        };
    }
}
