using System.Collections.Frozen;
using System.Collections.Immutable;

namespace PilotEval.Evidence;

/// <summary>A measure quantities are compared in, e.g. time with base unit 分钟.</summary>
/// <param name="Interchangeable">
/// Without a bound, a rule listing one unit of this dimension accepts the others too (4.8亿元 is an amount of money
/// as much as 360万元 is); time and counts stay strict, because 「近三年」 is not teaching time.
/// </param>
public sealed record UnitDimension(string Id, string BaseUnit, bool Interchangeable);

/// <summary>A unit, its dimension and how many base units one of it is (1 小时 = 60 分钟).</summary>
public sealed record UnitDefinition(string Unit, string Dimension, double Factor);

/// <summary>
/// The units a quantity can carry, by dimension, with their spellings (％ for %, 个星期 for 周). The one copy lives in
/// <c>rubrics/lexicon.yaml</c>; the quantity reader recognises exactly these units, so a rubric rule can only name a unit
/// that can be read.
/// </summary>
public sealed class UnitTable
{
    /// <summary>The dimension of head counts (人, 名, 位), which code reads by name: a staff count is no result.</summary>
    public const string People = "people";

    private readonly FrozenDictionary<string, UnitDefinition> _units;
    private readonly FrozenDictionary<string, UnitDimension> _dimensions;
    private readonly FrozenDictionary<string, string> _spellings;

    public UnitTable(IEnumerable<UnitDimension> dimensions, IEnumerable<UnitDefinition> units, IReadOnlyDictionary<string, string> spellings)
    {
        _dimensions = dimensions.ToFrozenDictionary(d => d.Id, StringComparer.Ordinal);
        _units = units.ToFrozenDictionary(u => u.Unit, StringComparer.Ordinal);
        _spellings = spellings.ToFrozenDictionary(StringComparer.Ordinal);
        // Longest first, so 个工作日 wins over 个 and 人次 over 人.
        Written = [.. _units.Keys.Concat(_spellings.Keys).Distinct().OrderByDescending(u => u.Length).ThenBy(u => u, StringComparer.Ordinal)];
    }

    /// <summary>Every unit and spelling as it may be written, longest first.</summary>
    public ImmutableArray<string> Written { get; }

    public IEnumerable<string> Units => _units.Keys;

    public bool IsKnown(string unit) => _units.ContainsKey(unit);

    /// <summary>The canonical unit for a written one (％ → %, 个星期 → 周), or null when it is no unit.</summary>
    public string? Canonical(string written)
    {
        if (_units.ContainsKey(written)) return written;
        if (_spellings.TryGetValue(written, out var unit)) return unit;
        var upper = written.ToUpperInvariant();
        return _units.ContainsKey(upper) ? upper : null;
    }

    public double Factor(string unit) => _units.TryGetValue(unit, out var u) ? u.Factor : 1;

    public string? Dimension(string unit) => _units.TryGetValue(unit, out var u) ? u.Dimension : null;

    public UnitDimension? DimensionOf(string unit) => Dimension(unit) is { } id ? _dimensions.GetValueOrDefault(id) : null;

    public string BaseUnit(string unit) => DimensionOf(unit)?.BaseUnit ?? unit;
}
