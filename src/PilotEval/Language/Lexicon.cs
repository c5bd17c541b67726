using System.Collections.Immutable;
using System.Security.Cryptography;
using PilotEval.Rubrics;
using YamlDotNet.RepresentationModel;

namespace PilotEval.Language;

/// <summary>The shape of a lexicon section, which decides how the loader reads it.</summary>
public enum LexiconSectionKind
{
    /// <summary>A list of words: <c>negators: [未, 没有, 无]</c>.</summary>
    Words,
    /// <summary>A list of word groups that mean the same: <c>synonyms: [[培训, 参训, 受训], [准确率, 查准率]]</c>.</summary>
    Groups,
    /// <summary>Named entries with text fields: <c>units: { 万元: { dimension: money, factor: "10000" } }</c>.</summary>
    Entries,
    /// <summary>A section with a shape of its own, read and checked by its reader (<see cref="EvidenceLexicon"/>).</summary>
    Structured,
}

/// <summary>
/// A section the lexicon may hold. The table <see cref="Lexicon.Known"/> lists them; a file with a section not listed
/// (a misspelt name) or without a required one is refused with its line.
/// </summary>
public sealed record LexiconSectionSpec(string Name, LexiconSectionKind Kind, bool Required, string Purpose);

/// <summary>
/// The one shared vocabulary of PilotEval, read from <c>rubrics/lexicon.yaml</c> (STYLE.md rule 9): negators, words
/// that only look like negations, modality, time and subject markers, and later units, synonym groups, cover labels
/// and slogans. Sections are named so each rule reads exactly the words it needs from the one copy.
/// </summary>
public sealed class Lexicon
{
    public const string FileName = "lexicon.yaml";

    /// <summary>
    /// Every section the lexicon knows. Adding a section is a row here, an entry in <c>lexicon.schema.json</c> and the
    /// words in <c>lexicon.yaml</c>; the reader of the words is the rule that needs them.
    /// </summary>
    public static readonly ImmutableArray<LexiconSectionSpec> Known =
    [
        new(Sections.Negators, LexiconSectionKind.Words, true, "negate the predicate they stand before, to the end of the clause"),
        new(Sections.CauseMarkers, LexiconSectionKind.Words, true, "open a cause; a negator inside it governs the cause only (因, 由于)"),
        new(Sections.CauseEnds, LexiconSectionKind.Words, true, "close a cause (被, 受到, 导致)"),
        new(Sections.NonCauses, LexiconSectionKind.Words, true, "contain a cause marker but open no cause (因此, 原因)"),
        new(Sections.NonNegations, LexiconSectionKind.Words, true, "contain a negator's character but negate nothing (无法, 不断, 未来)"),
        new(Sections.InabilityMarkers, LexiconSectionKind.Words, true, "the applicant cannot do or state something (无法, 难以)"),
        new(Sections.PlanMarkers, LexiconSectionKind.Words, true, "a plan: the clause speaks of the future"),
        new(Sections.GoalMarkers, LexiconSectionKind.Words, true, "a goal: the clause speaks of the future"),
        new(Sections.GuaranteeMarkers, LexiconSectionKind.Words, true, "a guarantee: the clause promises, it does not report"),
        new(Sections.RequirementMarkers, LexiconSectionKind.Words, true, "a requirement of the call quoted, not a statement about the applicant (应为, 必须)"),
        new(Sections.UnmetMarkers, LexiconSectionKind.Words, true, "say the condition after them is not met (不符合, 不具备)"),
        new(Sections.ConditionNouns, LexiconSectionKind.Words, true, "end a condition said not to be met (条件, 要求)"),
        new(Sections.Refutations, LexiconSectionKind.Words, true, "say the statement before them is untrue (说法不准确, 与事实不符)"),
        new(Sections.NonModals, LexiconSectionKind.Words, true, "contain a modal marker but state none (按计划, 模拟)"),
        new(Sections.ConditionMarkers, LexiconSectionKind.Words, true, "a condition or possibility: the clause says what may happen (如果, 一旦, 可能)"),
        new(Sections.ConditionEnds, LexiconSectionKind.Words, true, "end a clause that states a condition (发生…时, 上线后)"),
        new(Sections.NonConditionEnds, LexiconSectionKind.Words, true, "end like a condition but state none (小时, 及时, 此后)"),
        new(Sections.PastMarkers, LexiconSectionKind.Words, true, "the clause reports what happened"),
        new(Sections.OngoingMarkers, LexiconSectionKind.Words, true, "the clause reports what is the case now"),
        new(Sections.FutureMarkers, LexiconSectionKind.Words, true, "the clause speaks of what is to come"),
        new(Sections.ApplicantSubjects, LexiconSectionKind.Words, true, "the applicant or its project as the subject"),
        new(Sections.CustomerSubjects, LexiconSectionKind.Words, true, "the applicant's customers or users as the subject"),
        new(Sections.NonSubjects, LexiconSectionKind.Words, true, "contain a subject word but name whose data it is, not who acts (用户数据)"),
        new(Sections.PossessedSubjects, LexiconSectionKind.Words, true, "applicant subjects that belong to a customer named just before them (客户某银行的核心系统)"),
        new(Sections.Locatives, LexiconSectionKind.Words, true, "a subject word right after one names a place or recipient, not who acts (在两家合作单位)"),
        new(Sections.ReasonEnds, LexiconSectionKind.Words, true, "close a reason (以…为由): a negator before one governs the reason only"),
        new(Sections.ObjectMarkers, LexiconSectionKind.Words, true, "a subject word right after one is affected or served, not who acts (涉及用户约四万人)"),
        new(Sections.OwnedData, LexiconSectionKind.Words, true, "a customer word before one names whose data it is, not who acts (用户的手机号)"),
        new(Sections.QuestionMarkers, LexiconSectionKind.Words, true, "make a clause a form's question (是否); a short next clause answers it"),
        new(Sections.YesAnswers, LexiconSectionKind.Words, true, "a form's answer affirming its question (是, 有, 存在)"),
        new(Sections.NoAnswers, LexiconSectionKind.Words, true, "a form's answer denying its question (否, 无, 不存在)"),
        new(Sections.AnswerVerbs, LexiconSectionKind.Words, true, "report the answer a form was given (勾选了“是”); the answer follows"),
        new(Sections.ContrastMarkers, LexiconSectionKind.Words, false, "open a clause that states something of its own: an earlier plan does not carry over (但, 然而)"),
        new(Sections.ConcessiveMarkers, LexiconSectionKind.Words, false, "open a concession (虽然, 尽管): the contrast answering it speaks of what it spoke of"),
        new(Sections.DurationMarkers, LexiconSectionKind.Words, false, "ongoing markers of manner or steady state (持续, 运行稳定): after a plan or requirement they go on with it; alone they state the present"),
        new(Sections.TemplateMarkers, LexiconSectionKind.Words, false, "mark a template or a blank to fill in (承诺书（模板）, 请根据实际情况填写): it states nothing"),
        new(Sections.Units, LexiconSectionKind.Structured, true, "units by dimension with their base unit and factors"),
        new(Sections.Quantity, LexiconSectionKind.Structured, true, "baseline and comparison words, rates per year, measure words"),
        new(Sections.SloganMarkers, LexiconSectionKind.Words, true, "praise that proves nothing without a number"),
        new(Sections.Synonyms, LexiconSectionKind.Groups, false, "mean the same to a rubric keyword (培训, 参训, 受训)"),
        new(Sections.Names, LexiconSectionKind.Words, false, "patterns of names inside which keywords are not words (毕业于…大学)"),
        new(Sections.CoverLabels, LexiconSectionKind.Structured, true, "the cover's labels and their spellings"),
        new(Sections.BeneficiaryMarkers, LexiconSectionKind.Words, true, "what follows is done for others (协助客户…, 帮助企业…)"),
        new(Sections.ServiceVerbs, LexiconSectionKind.Words, true, "close a 为… phrase naming those served (为…企业提供)"),
        new(Sections.Credentials, LexiconSectionKind.Structured, true, "certification schemes, standard series, drafting and pending words, patent types"),
        new(Sections.StaffWords, LexiconSectionKind.Words, true, "name the applicant's own people (员工, 团队, 专职讲师): a head count beside one is no result"),
        new(Sections.FormSections, LexiconSectionKind.Structured, true, "the sections of the application form and the headings that name them"),
    ];

    /// <summary>Section names, so a typo in code is a compile error rather than a missing list at run time.</summary>
    public static class Sections
    {
        public const string Negators = "negators";
        public const string NonNegations = "nonNegations";
        public const string CauseMarkers = "causeMarkers";
        public const string CauseEnds = "causeEnds";
        public const string NonCauses = "nonCauses";
        public const string NonSubjects = "nonSubjects";
        public const string InabilityMarkers = "inabilityMarkers";
        public const string PlanMarkers = "planMarkers";
        public const string GoalMarkers = "goalMarkers";
        public const string GuaranteeMarkers = "guaranteeMarkers";
        public const string RequirementMarkers = "requirementMarkers";
        public const string Refutations = "refutations";
        public const string PossessedSubjects = "possessedSubjects";
        public const string Locatives = "locatives";
        public const string ObjectMarkers = "objectMarkers";
        public const string ReasonEnds = "reasonEnds";
        public const string OwnedData = "ownedData";
        public const string QuestionMarkers = "questionMarkers";
        public const string YesAnswers = "yesAnswers";
        public const string NoAnswers = "noAnswers";
        public const string AnswerVerbs = "answerVerbs";
        public const string TemplateMarkers = "templateMarkers";
        public const string ContrastMarkers = "contrastMarkers";
        public const string DurationMarkers = "durationMarkers";
        public const string ConcessiveMarkers = "concessiveMarkers";
        public const string UnmetMarkers = "unmetMarkers";
        public const string ConditionNouns = "conditionNouns";
        public const string NonModals = "nonModals";
        public const string ConditionMarkers = "conditionMarkers";
        public const string ConditionEnds = "conditionEnds";
        public const string NonConditionEnds = "nonConditionEnds";
        public const string PastMarkers = "pastMarkers";
        public const string OngoingMarkers = "ongoingMarkers";
        public const string FutureMarkers = "futureMarkers";
        public const string ApplicantSubjects = "applicantSubjects";
        public const string CustomerSubjects = "customerSubjects";
        public const string Units = "units";
        public const string Quantity = "quantity";
        public const string SloganMarkers = "sloganMarkers";
        public const string Synonyms = "synonyms";
        public const string Names = "names";
        public const string CoverLabels = "coverLabels";
        public const string BeneficiaryMarkers = "beneficiaryMarkers";
        public const string ServiceVerbs = "serviceVerbs";
        public const string FormSections = "formSections";
        public const string StaffWords = "staffWords";
        public const string Credentials = "credentials";
    }

    private readonly ImmutableDictionary<string, ImmutableArray<string>> words;
    private readonly ImmutableDictionary<string, ImmutableArray<ImmutableArray<string>>> groups;
    private readonly ImmutableDictionary<string, ImmutableDictionary<string, ImmutableDictionary<string, string>>> entries;

    private Lexicon(string sourceFile, string sha256,
        ImmutableDictionary<string, ImmutableArray<string>> words,
        ImmutableDictionary<string, ImmutableArray<ImmutableArray<string>>> groups,
        ImmutableDictionary<string, ImmutableDictionary<string, ImmutableDictionary<string, string>>> entries)
    {
        SourceFile = sourceFile;
        Sha256 = sha256;
        this.words = words;
        this.groups = groups;
        this.entries = entries;
    }

    /// <summary>How evidence reads numbers, keywords and covers with this lexicon's words (units, synonyms, names, labels).</summary>
    public EvidenceLexicon Evidence { get; private set; } = null!;

    private static readonly Lazy<Lexicon> Shipped = new(() =>
    {
        using var stream = typeof(Lexicon).Assembly.GetManifestResourceStream("PilotEval.lexicon.yaml")
            ?? throw new InvalidOperationException("the lexicon is not embedded in PilotEval.dll");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return Parse(FileName, memory.ToArray());
    });

    /// <summary>
    /// The lexicon shipped with PilotEval (<c>rubrics/lexicon.yaml</c>, embedded at build), for code that reads without a
    /// rubric directory. A run reads the lexicon of its rubric directory instead (<see cref="RubricSet.Lexicon"/>).
    /// </summary>
    public static Lexicon Default => Shipped.Value;

    /// <summary>The file the lexicon was read from, for messages and the audit.</summary>
    public string SourceFile { get; }

    /// <summary>SHA-256 of the file's bytes, recorded with the run like the rubrics'.</summary>
    public string Sha256 { get; }

    /// <summary>The words of a <see cref="LexiconSectionKind.Words"/> section, longest first (so 已经 is found before 已).</summary>
    public ImmutableArray<string> Words(string section) =>
        words.TryGetValue(section, out var list) ? list : throw Unknown(section, LexiconSectionKind.Words);

    /// <summary>The groups of a <see cref="LexiconSectionKind.Groups"/> section, in file order.</summary>
    public ImmutableArray<ImmutableArray<string>> Groups(string section) =>
        groups.TryGetValue(section, out var list) ? list : throw Unknown(section, LexiconSectionKind.Groups);

    /// <summary>The entries of an <see cref="LexiconSectionKind.Entries"/> section: name → field → text.</summary>
    public ImmutableDictionary<string, ImmutableDictionary<string, string>> Entries(string section) =>
        entries.TryGetValue(section, out var map) ? map : throw Unknown(section, LexiconSectionKind.Entries);

    /// <summary>True when the file holds the (optional) section.</summary>
    public bool Has(string section) => words.ContainsKey(section) || groups.ContainsKey(section) || entries.ContainsKey(section) ||
                                       Known.Any(k => k.Name == section && k.Kind == LexiconSectionKind.Structured && Evidence is not null);

    private InvalidOperationException Unknown(string section, LexiconSectionKind kind) =>
        new($"{SourceFile} has no {kind} section '{section}'" +
            (Known.Any(k => k.Name == section) ? "" : " (it is not in Lexicon.Known)"));

    /// <summary>The lexicon beside the rubrics (<c>rubrics/lexicon.yaml</c>).</summary>
    public static Lexicon LoadDirectory(string rubricsDirectory)
    {
        var path = Path.Combine(rubricsDirectory, FileName);
        if (!File.Exists(path)) throw new RubricFileException(path, 0, "the shared lexicon file is missing");
        return Load(path);
    }

    public static Lexicon Load(string path) => Parse(path, File.ReadAllBytes(path));

    /// <summary>Reads and validates a lexicon; every mistake is a <see cref="RubricFileException"/> with its line.</summary>
    public static Lexicon Parse(string file, byte[] content)
    {
        var yaml = new YamlNodeReader(file);
        var root = YamlNodeReader.LoadRoot(file, RubricLoader.DecodeRuleFile(file, content));
        yaml.AllowOnly(root, [.. Known.Select(k => k.Name)]);

        var words = ImmutableDictionary.CreateBuilder<string, ImmutableArray<string>>(StringComparer.Ordinal);
        var groups = ImmutableDictionary.CreateBuilder<string, ImmutableArray<ImmutableArray<string>>>(StringComparer.Ordinal);
        var entries = ImmutableDictionary.CreateBuilder<string, ImmutableDictionary<string, ImmutableDictionary<string, string>>>(StringComparer.Ordinal);
        foreach (var spec in Known)
        {
            if (yaml.Optional(root, spec.Name) is not { } node)
            {
                if (spec.Required) throw yaml.Error(root, $"missing required section '{spec.Name}' (words that {spec.Purpose})");
                continue;
            }
            switch (spec.Kind)
            {
                case LexiconSectionKind.Words:
                    words[spec.Name] = [.. ReadWords(yaml, node, spec.Name).OrderByDescending(w => w.Length)];
                    break;
                case LexiconSectionKind.Groups:
                    groups[spec.Name] = [.. yaml.Sequence(node, $"section '{spec.Name}'").Children
                        .Select(item => ReadWords(yaml, item, $"a group of '{spec.Name}'"))];
                    break;
                case LexiconSectionKind.Entries:
                    entries[spec.Name] = ReadEntries(yaml, node, spec.Name);
                    break;
            }
        }
        var lexicon = new Lexicon(file, Convert.ToHexStringLower(SHA256.HashData(content)),
            words.ToImmutable(), groups.ToImmutable(), entries.ToImmutable());
        lexicon.Evidence = EvidenceLexicon.Read(yaml, root, lexicon);
        return lexicon;
    }

    private static ImmutableArray<string> ReadWords(YamlNodeReader yaml, YamlNode node, string what)
    {
        var list = yaml.Sequence(node, what);
        if (list.Children.Count == 0) throw yaml.Error(node, $"{what} must list at least one word");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = ImmutableArray.CreateBuilder<string>();
        foreach (var item in list.Children)
        {
            var word = (item as YamlScalarNode)?.Value?.Trim();
            if (string.IsNullOrEmpty(word)) throw yaml.Error(item, $"{what}: every word must be a non-empty text");
            if (!seen.Add(word)) throw yaml.Error(item, $"{what}: '{word}' is listed twice");
            result.Add(word);
        }
        return result.ToImmutable();
    }

    private static ImmutableDictionary<string, ImmutableDictionary<string, string>> ReadEntries(YamlNodeReader yaml, YamlNode node, string section)
    {
        var result = ImmutableDictionary.CreateBuilder<string, ImmutableDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (key, value) in yaml.Mapping(node, $"section '{section}'").Children)
        {
            var name = (key as YamlScalarNode)?.Value?.Trim();
            if (string.IsNullOrEmpty(name)) throw yaml.Error(key, $"an entry of '{section}' needs a name");
            var fields = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            foreach (var (fieldKey, fieldValue) in yaml.Mapping(value, $"entry '{name}' of '{section}'").Children)
            {
                fields[((YamlScalarNode)fieldKey).Value ?? ""] = (fieldValue as YamlScalarNode)?.Value?.Trim()
                    ?? throw yaml.Error(fieldValue, $"field '{((YamlScalarNode)fieldKey).Value}' of '{name}' must be a text");
            }
            result[name] = fields.ToImmutable();
        }
        return result.ToImmutable();
    }
}
