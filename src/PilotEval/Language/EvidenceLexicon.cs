using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using PilotEval.Evidence;
using PilotEval.Rubrics;
using YamlDotNet.RepresentationModel;

namespace PilotEval.Language;

/// <summary>
/// The evidence sections of the one lexicon (<c>rubrics/lexicon.yaml</c>): units and the quantity markers, plan and
/// slogan markers, synonym groups, names that hide keywords, and cover labels. Every rule that needs one of these
/// lists reads it here; none is repeated in code.
/// </summary>
public sealed class EvidenceLexicon
{
    public const string FileName = "lexicon.yaml";

    private readonly FrozenDictionary<string, ImmutableArray<string>> _groups;

    private EvidenceLexicon(QuantityReader quantities, Regex plan, Regex slogan, ImmutableArray<ImmutableArray<string>> synonyms,
        ImmutableArray<Regex> names, ImmutableArray<(string Label, ImmutableArray<string> Spellings)> coverLabels, string sourceFile, string sha256)
    {
        Quantities = quantities;
        Plan = plan;
        Slogan = slogan;
        Synonyms = synonyms;
        Names = names;
        CoverLabels = coverLabels;
        SourceFile = sourceFile;
        Sha256 = sha256;
        _groups = synonyms.SelectMany(g => g.Select(w => (Word: w, Group: g))).ToFrozenDictionary(x => x.Word, x => x.Group, StringComparer.OrdinalIgnoreCase);
        var spellings = coverLabels.SelectMany(l => l.Spellings).Distinct().OrderByDescending(s => s.Length)
            .Select(s => string.Join(@"\s*", s.Select(c => Regex.Escape(c.ToString()))));
        CoverLabelPattern = new Regex($@"(?<label>{string.Join("|", spellings)})\s*(?<colon>[：:])?\s*", RegexOptions.CultureInvariant);
    }

    public QuantityReader Quantities { get; }

    public UnitTable Units => Quantities.Units;

    /// <summary>Marks a plan or goal; governs its clause and those after it (see <see cref="ClauseScope"/>).</summary>
    public Regex Plan { get; }

    /// <summary>Praise words; a sentence with one and no number is a slogan.</summary>
    public Regex Slogan { get; }

    public ImmutableArray<ImmutableArray<string>> Synonyms { get; }

    /// <summary>Patterns of names (schools attended, addresses, company names) inside which keywords are not words.</summary>
    public ImmutableArray<Regex> Names { get; }

    /// <summary>Canonical cover label → its spellings, longest first.</summary>
    public ImmutableArray<(string Label, ImmutableArray<string> Spellings)> CoverLabels { get; }

    /// <summary>Any spelling of any cover label, letters optionally spaced apart, then an optional colon.</summary>
    public Regex CoverLabelPattern { get; }

    public string SourceFile { get; }

    public string Sha256 { get; }

    /// <summary>The keyword and the words of its synonym group.</summary>
    public ImmutableArray<string> WordsFor(string keyword) => _groups.TryGetValue(keyword, out var group) ? group : [keyword];

    /// <summary>The text with every name blanked out (same length, so positions still hold).</summary>
    public string WithoutNames(string text)
    {
        if (Names.IsEmpty) return text;
        var chars = text.ToCharArray();
        foreach (var name in Names)
        {
            foreach (Match m in name.Matches(text))
            {
                for (var i = m.Index; i < m.Index + m.Length; i++) chars[i] = '□';
            }
        }
        return new string(chars);
    }

    /// <summary>The canonical label a spelling means, whitespace ignored; null when it is no cover label.</summary>
    public string? CanonicalCoverLabel(string spelled)
    {
        var compact = string.Concat(spelled.Where(c => !char.IsWhiteSpace(c)));
        foreach (var (label, spellings) in CoverLabels)
        {
            if (spellings.Contains(compact)) return label;
        }
        return null;
    }

    private static readonly Lazy<EvidenceLexicon> Shipped = new(() =>
    {
        using var stream = typeof(EvidenceLexicon).Assembly.GetManifestResourceStream("PilotEval.lexicon.yaml")
            ?? throw new InvalidOperationException("the lexicon is not embedded in PilotEval.dll");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return Parse(FileName, memory.ToArray());
    });

    /// <summary>
    /// The lexicon shipped with PilotEval (<c>rubrics/lexicon.yaml</c>, embedded at build), for code that reads without a
    /// rubric directory. A run reads the lexicon of its rubric directory instead (<see cref="RubricSet.Lexicon"/>).
    /// </summary>
    public static EvidenceLexicon Default => Shipped.Value;

    public static EvidenceLexicon Load(string path) => Parse(path, File.ReadAllBytes(path));

    public static EvidenceLexicon Parse(string file, byte[] content)
    {
        var yaml = new YamlNodeReader(file);
        var root = YamlNodeReader.LoadRoot(file, Encoding.UTF8.GetString(content));
        var units = ParseUnits(yaml, yaml.Mapping(yaml.Required(root, "units"), "'units'"));
        var markers = ParseQuantity(yaml, yaml.Mapping(yaml.Required(root, "quantity"), "'quantity'"), units);
        var markerMap = yaml.Mapping(yaml.Required(root, "markers"), "'markers'");
        var plan = yaml.Regex(yaml.Required(markerMap, "plan"), "plan");
        var slogan = yaml.Regex(yaml.Required(markerMap, "slogan"), "slogan");
        var quantityMarkers = markers with { Plan = plan };

        var synonyms = ImmutableArray.CreateBuilder<ImmutableArray<string>>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        if (yaml.Optional(root, "synonyms") is { } synonymNode)
        {
            foreach (var item in yaml.Sequence(synonymNode, "'synonyms'").Children)
            {
                var words = yaml.Sequence(item, "a synonym group").Children
                    .Select(w => (w as YamlScalarNode)?.Value?.Trim() ?? throw yaml.Error(w, "a synonym must be a word")).ToImmutableArray();
                if (words.Length < 2) throw yaml.Error(item, "a synonym group needs at least two words");
                foreach (var word in words)
                {
                    if (seen.TryGetValue(word, out var line))
                        throw yaml.Error(item, $"'{word}' is already in the synonym group on line {line}; a word belongs to one group");
                    seen[word] = (int)item.Start.Line;
                }
                synonyms.Add(words);
            }
        }

        var names = ImmutableArray.CreateBuilder<Regex>();
        if (yaml.Optional(root, "names") is { } namesNode)
        {
            foreach (var item in yaml.Sequence(namesNode, "'names'").Children) names.Add(yaml.Regex(item, "names"));
        }

        var coverLabels = ImmutableArray.CreateBuilder<(string, ImmutableArray<string>)>();
        var coverNode = yaml.Mapping(yaml.Required(root, "coverLabels"), "'coverLabels'");
        foreach (var (key, value) in coverNode.Children)
        {
            var label = ((YamlScalarNode)key).Value ?? "";
            var spellings = yaml.Sequence(value, $"spellings of {label}").Children
                .Select(s => (s as YamlScalarNode)?.Value?.Trim() ?? throw yaml.Error(s, "a spelling must be a text"))
                .Append(label).Distinct().OrderByDescending(s => s.Length).ToImmutableArray();
            coverLabels.Add((label, spellings));
        }
        var missing = Evidence.CoverLabels.Canonical.FirstOrDefault(l => coverLabels.All(c => c.Item1 != l));
        if (missing is not null) throw yaml.Error(coverNode, $"cover label '{missing}' is missing (the reports and eligibility checks name it)");

        return new EvidenceLexicon(new QuantityReader(units, quantityMarkers), plan, slogan, synonyms.ToImmutable(), names.ToImmutable(),
            coverLabels.ToImmutable(), file, Convert.ToHexStringLower(SHA256.HashData(content)));
    }

    private static UnitTable ParseUnits(YamlNodeReader yaml, YamlMappingNode map)
    {
        yaml.AllowOnly(map, "dimensions", "spellings");
        var dimensions = new List<UnitDimension>();
        var units = new List<UnitDefinition>();
        foreach (var (key, value) in yaml.Mapping(yaml.Required(map, "dimensions"), "'dimensions'").Children)
        {
            var id = ((YamlScalarNode)key).Value ?? "";
            var dim = yaml.Mapping(value, $"dimension {id}");
            yaml.AllowOnly(dim, "base", "interchangeable", "units");
            var baseUnit = yaml.String(dim, "base");
            var interchangeable = yaml.OptionalString(dim, "interchangeable") switch
            {
                null or "false" => false,
                "true" => true,
                var other => throw yaml.Error(yaml.Required(dim, "interchangeable"), $"'interchangeable' must be true or false, not '{other}'"),
            };
            var unitsNode = yaml.Mapping(yaml.Required(dim, "units"), $"units of {id}");
            foreach (var (unitKey, factorNode) in unitsNode.Children)
            {
                var unit = ((YamlScalarNode)unitKey).Value ?? "";
                if (units.Any(u => u.Unit == unit)) throw yaml.Error(unitKey, $"unit '{unit}' is already in dimension {units.First(u => u.Unit == unit).Dimension}");
                var factor = yaml.Number(factorNode, unit);
                if (factor <= 0) throw yaml.Error(factorNode, $"unit '{unit}' needs a positive factor");
                units.Add(new UnitDefinition(unit, id, factor));
            }
            if (!units.Any(u => u.Dimension == id && u.Unit == baseUnit && Math.Abs(u.Factor - 1) < 1e-12))
                throw yaml.Error(dim, $"the base unit '{baseUnit}' of {id} must be among its units with factor 1");
            dimensions.Add(new UnitDimension(id, baseUnit, interchangeable));
        }
        var spellings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (yaml.Optional(map, "spellings") is { } spellingNode)
        {
            foreach (var (key, value) in yaml.Mapping(spellingNode, "'spellings'").Children)
            {
                var unit = (value as YamlScalarNode)?.Value ?? "";
                if (units.All(u => u.Unit != unit)) throw yaml.Error(value, $"spelling of an unknown unit '{unit}'");
                spellings[((YamlScalarNode)key).Value ?? ""] = unit;
            }
        }
        return new UnitTable(dimensions, units, spellings);
    }

    private static QuantityMarkers ParseQuantity(YamlNodeReader yaml, YamlMappingNode map, UnitTable units)
    {
        yaml.AllowOnly(map, "baseline", "baselineEnd", "comparison", "planEnd", "perYear", "measures");
        var perYear = ImmutableDictionary.CreateBuilder<string, double>();
        foreach (var (key, value) in yaml.Mapping(yaml.Required(map, "perYear"), "'perYear'").Children)
            perYear[((YamlScalarNode)key).Value ?? ""] = yaml.Number(value, "perYear");
        var measures = ImmutableArray.CreateBuilder<(string, string)>();
        foreach (var (key, value) in yaml.Mapping(yaml.Required(map, "measures"), "'measures'").Children)
        {
            var unit = (value as YamlScalarNode)?.Value ?? "";
            if (!units.IsKnown(unit)) throw yaml.Error(value, $"measure '{((YamlScalarNode)key).Value}' names an unknown unit '{unit}'");
            measures.Add((((YamlScalarNode)key).Value ?? "", unit));
        }
        return new QuantityMarkers(
            Words(yaml, map, "baseline"),
            Words(yaml, map, "baselineEnd"),
            new Regex($"(?:{string.Join("|", yaml.Strings(map, "comparison").Select(Regex.Escape))})$"),
            Plan: new Regex("(?!)"),
            Words(yaml, map, "planEnd"),
            perYear.ToImmutable(),
            measures.ToImmutable());
    }

    /// <summary>A word list as one pattern, longest words first.</summary>
    private static Regex Words(YamlNodeReader yaml, YamlMappingNode map, string key)
    {
        var words = yaml.Strings(map, key);
        if (words.IsEmpty) throw yaml.Error(yaml.Required(map, key), $"'{key}' needs at least one word");
        return new Regex(string.Join("|", words.OrderByDescending(w => w.Length).Select(Regex.Escape)), RegexOptions.CultureInvariant);
    }
}
