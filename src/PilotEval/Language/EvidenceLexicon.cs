using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.RegularExpressions;
using PilotEval.Evidence;
using PilotEval.Rubrics;
using YamlDotNet.RepresentationModel;

namespace PilotEval.Language;

/// <summary>
/// The evidence sections of the one lexicon (<c>rubrics/lexicon.yaml</c>, read by <see cref="Lexicon"/>): units and the
/// quantity markers, slogan markers, synonym groups, names that hide keywords, and cover labels; plans and goals are the
/// lexicon's modality, read clause by clause by its <see cref="ClauseAnalyser"/>. Every rule that needs one of these
/// lists reads it here; none is repeated in code.
/// </summary>
public sealed class EvidenceLexicon
{
    private readonly FrozenDictionary<string, ImmutableArray<string>> _groups;

    private EvidenceLexicon(QuantityReader quantities, Regex slogan, ImmutableArray<ImmutableArray<string>> synonyms,
        ImmutableArray<Regex> names, ImmutableArray<(string Label, ImmutableArray<string> Spellings)> coverLabels, ClauseAnalyser clauses,
        ImmutableArray<FormSection> formSections, ImmutableArray<string> staffWords, CredentialWords credentials)
    {
        Credentials = new CredentialReader(credentials, clauses);
        FormSections = formSections;
        StaffWords = staffWords;
        Quantities = quantities;
        Slogan = slogan;
        Synonyms = synonyms;
        Names = names;
        CoverLabels = coverLabels;
        Clauses = clauses;
        _groups = synonyms.SelectMany(g => g.Select(w => (Word: w, Group: g))).ToFrozenDictionary(x => x.Word, x => x.Group, StringComparer.OrdinalIgnoreCase);
        var spellings = coverLabels.SelectMany(l => l.Spellings).Distinct().OrderByDescending(s => s.Length)
            .Select(s => string.Join(@"\s*", s.Select(c => Regex.Escape(c.ToString()))));
        CoverLabelPattern = new Regex($@"(?<label>{string.Join("|", spellings)})\s*(?<colon>[：:])?\s*", RegexOptions.CultureInvariant);
    }

    /// <summary>The evidence sections of the lexicon shipped with PilotEval.</summary>
    public static EvidenceLexicon Default => Lexicon.Default.Evidence;

    public QuantityReader Quantities { get; }

    public UnitTable Units => Quantities.Units;

    /// <summary>Praise words; a sentence with one and no number is a slogan.</summary>
    public Regex Slogan { get; }

    /// <summary>Reads plans, goals, negation and subjects clause by clause with the lexicon's words.</summary>
    public ClauseAnalyser Clauses { get; }

    public ImmutableArray<ImmutableArray<string>> Synonyms { get; }

    /// <summary>Patterns of names (schools attended, addresses, company names) inside which keywords are not words.</summary>
    public ImmutableArray<Regex> Names { get; }

    /// <summary>Canonical cover label → its spellings, longest first.</summary>
    public ImmutableArray<(string Label, ImmutableArray<string> Spellings)> CoverLabels { get; }

    /// <summary>The sections of the application form, each with the headings that name it, in the form's order.</summary>
    public ImmutableArray<FormSection> FormSections { get; }

    /// <summary>Certifications, standards, patents and software copyrights, read with this lexicon's words.</summary>
    public CredentialReader Credentials { get; }

    /// <summary>Words naming the applicant's own people: a head count beside one describes the company, not a result.</summary>
    public ImmutableArray<string> StaffWords { get; }

    /// <summary>The form section of that id; the ids <see cref="FormSection.Required"/> lists are always there.</summary>
    public FormSection FormSection(string id) => FormSections.First(s => s.Id == id);

    /// <summary>Any spelling of any cover label, letters optionally spaced apart, then an optional colon.</summary>
    public Regex CoverLabelPattern { get; }

    /// <summary>The keyword and the words of its synonym group.</summary>
    public ImmutableArray<string> WordsFor(string keyword) => _groups.TryGetValue(keyword, out var group) ? group : [keyword];

    /// <summary>
    /// Whether a plan or goal governs this position of the sentence: the clause it stands in plans from a marker before it,
    /// or inherits a plan from an earlier clause that no clause of its own time (已、目前、2023年) has ended.
    /// 「已覆盖30家，下一步将扩展至50家」 is a plan only from 下一步 on.
    /// </summary>
    public bool IsPlanAt(string sentence, int position) =>
        AnalysedClauses.PlanAt(AnalysedClauses.Of(Clauses, sentence), position);

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

    /// <summary>Reads the evidence sections of a lexicon file whose word sections <paramref name="lexicon"/> already holds.</summary>
    internal static EvidenceLexicon Read(YamlNodeReader yaml, YamlMappingNode root, Lexicon lexicon)
    {
        var units = ParseUnits(yaml, yaml.Mapping(yaml.Required(root, Lexicon.Sections.Units), "'units'"));
        var markers = ParseQuantity(yaml, yaml.Mapping(yaml.Required(root, Lexicon.Sections.Quantity), "'quantity'"), units);
        var slogan = new Regex(string.Join("|", lexicon.Words(Lexicon.Sections.SloganMarkers).Select(Regex.Escape)), RegexOptions.CultureInvariant);

        var synonyms = lexicon.Has(Lexicon.Sections.Synonyms) ? lexicon.Groups(Lexicon.Sections.Synonyms) : [];
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (yaml.Optional(root, Lexicon.Sections.Synonyms) is YamlSequenceNode groupNodes)
        {
            foreach (var group in groupNodes.Children)
            {
                if (group is YamlSequenceNode words && words.Children.Count < 2) throw yaml.Error(group, "a synonym group needs at least two words");
                foreach (var word in ((YamlSequenceNode)group).Children)
                {
                    if (!seen.Add(((YamlScalarNode)word).Value ?? ""))
                        throw yaml.Error(word, $"'{((YamlScalarNode)word).Value}' is already in another synonym group; a word belongs to one group");
                }
            }
        }

        var names = ImmutableArray.CreateBuilder<Regex>();
        if (yaml.Optional(root, Lexicon.Sections.Names) is { } namesNode)
        {
            foreach (var item in yaml.Sequence(namesNode, "'names'").Children) names.Add(yaml.Regex(item, "names"));
        }

        var coverLabels = ImmutableArray.CreateBuilder<(string, ImmutableArray<string>)>();
        var coverNode = yaml.Mapping(yaml.Required(root, Lexicon.Sections.CoverLabels), "'coverLabels'");
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

        var formSections = ParseFormSections(yaml, yaml.Required(root, Lexicon.Sections.FormSections));

        var clauses = new ClauseAnalyser(lexicon);
        EvidenceLexicon? evidence = null;
        var reader = new QuantityReader(units, markers, (sentence, position) => evidence!.IsPlanAt(sentence, position));
        evidence = new EvidenceLexicon(reader, slogan, synonyms, names.ToImmutable(), coverLabels.ToImmutable(), clauses, formSections,
            lexicon.Words(Lexicon.Sections.StaffWords),
            ParseCredentials(yaml, yaml.Mapping(yaml.Required(root, Lexicon.Sections.Credentials), "'credentials'")));
        return evidence;
    }

    private static CredentialWords ParseCredentials(YamlNodeReader yaml, YamlMappingNode map)
    {
        yaml.AllowOnly(map, "certifications", "applying", "standardSeries", "standardTypes", "drafting", "pending", "patents", "copyrights");
        var schemes = ImmutableArray.CreateBuilder<CertificationScheme>();
        foreach (var (key, value) in yaml.Mapping(yaml.Required(map, "certifications"), "'certifications'").Children)
        {
            var id = ((YamlScalarNode)key).Value ?? "";
            var entry = yaml.Mapping(value, $"certification {id}");
            yaml.AllowOnly(entry, "name", "pattern", "levels", "levelBefore");
            var pattern = yaml.Regex(yaml.Required(entry, "pattern"), $"certification {id}");
            schemes.Add(new CertificationScheme(id, yaml.String(entry, "name"), pattern, Flag(yaml, entry, "levels"), Flag(yaml, entry, "levelBefore")));
        }
        var series = ImmutableArray.CreateBuilder<(string, string)>();
        foreach (var (key, value) in yaml.Mapping(yaml.Required(map, "standardSeries"), "'standardSeries'").Children)
        {
            var name = ((YamlScalarNode)key).Value ?? "";
            series.Add((name, yaml.Regex(value, $"standard series {name}").ToString()));
        }
        return new CredentialWords(schemes.ToImmutable(), series.ToImmutable(),
            NonEmpty(yaml, map, "standardTypes"), NonEmpty(yaml, map, "drafting"), NonEmpty(yaml, map, "pending"),
            NonEmpty(yaml, map, "applying"), NonEmpty(yaml, map, "patents"), NonEmpty(yaml, map, "copyrights"));
    }

    private static bool Flag(YamlNodeReader yaml, YamlMappingNode map, string key) => yaml.OptionalString(map, key) switch
    {
        null or "false" => false,
        "true" => true,
        var other => throw yaml.Error(yaml.Required(map, key), $"'{key}' must be true or false, not '{other}'"),
    };

    private static ImmutableArray<string> NonEmpty(YamlNodeReader yaml, YamlMappingNode map, string key)
    {
        var words = yaml.Strings(map, key);
        if (words.IsEmpty) throw yaml.Error(yaml.Required(map, key), $"'{key}' needs at least one word");
        return words;
    }

    private static ImmutableArray<FormSection> ParseFormSections(YamlNodeReader yaml, YamlNode node)
    {
        var sections = ImmutableArray.CreateBuilder<FormSection>();
        foreach (var item in yaml.Sequence(node, "'formSections'").Children)
        {
            var map = yaml.Mapping(item, "a form section");
            yaml.AllowOnly(map, "id", "name", "headings");
            var id = yaml.String(map, "id");
            var headings = yaml.Strings(map, "headings");
            if (headings.IsEmpty) throw yaml.Error(item, "a form section needs at least one heading name");
            if (sections.Any(s => s.Id == id)) throw yaml.Error(item, $"duplicate form section id '{id}'");
            sections.Add(new FormSection(id, yaml.String(map, "name"), headings));
        }
        var missing = Evidence.FormSection.Required.FirstOrDefault(id => sections.All(s => s.Id != id));
        if (missing is not null) throw yaml.Error(node, $"form section '{missing}' is missing (the casebook reads it)");
        return sections.ToImmutable();
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
        if (dimensions.All(d => d.Id != UnitTable.People))
            throw yaml.Error(map, $"the dimension '{UnitTable.People}' is missing (head counts are read in it)");
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
        yaml.AllowOnly(map, "baseline", "baselineEnd", "comparison", "perYear", "measures");
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
