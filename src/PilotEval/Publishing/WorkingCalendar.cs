using System.Collections.Immutable;
using System.Globalization;
using PilotEval.Rubrics;
using YamlDotNet.RepresentationModel;

namespace PilotEval.Publishing;

/// <summary>
/// Working days as the State Council's holiday schedules define them (rubrics/holidays.yaml): weekends are off unless
/// they are adjusted working days (调休上班), and official holidays are off. A regulator extends the file each year;
/// a date outside its years is counted by weekends alone and said so.
/// </summary>
public sealed class WorkingCalendar
{
    public const string FileName = "holidays.yaml";

    private readonly ImmutableHashSet<DateOnly> _holidays;
    private readonly ImmutableHashSet<DateOnly> _workdays;

    private WorkingCalendar(ImmutableHashSet<int> years, ImmutableHashSet<DateOnly> holidays, ImmutableHashSet<DateOnly> workdays)
    {
        Years = years;
        _holidays = holidays;
        _workdays = workdays;
    }

    /// <summary>Weekends only: what is known without the schedules.</summary>
    public static WorkingCalendar WeekendsOnly { get; } = new([], [], []);

    /// <summary>The years whose official schedule is known.</summary>
    public ImmutableHashSet<int> Years { get; }

    public bool Covers(DateOnly day) => Years.Contains(day.Year);

    public bool IsWorkingDay(DateOnly day) =>
        _workdays.Contains(day) || !_holidays.Contains(day) && day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>The first working day on or after <paramref name="from"/>, and the last of <paramref name="days"/> working days from it.</summary>
    public (DateOnly Start, DateOnly End) Period(DateOnly from, int days)
    {
        var start = from;
        while (!IsWorkingDay(start)) start = start.AddDays(1);
        var end = start;
        for (var counted = 1; counted < days; counted++)
        {
            do end = end.AddDays(1);
            while (!IsWorkingDay(end));
        }
        return (start, end);
    }

    public static WorkingCalendar Load(string path)
    {
        var content = File.ReadAllBytes(path);
        var yaml = new YamlNodeReader(path);
        var root = YamlNodeReader.LoadRoot(path, RubricLoader.DecodeRuleFile(path, content));
        yaml.AllowOnly(root, "years");
        var years = ImmutableHashSet.CreateBuilder<int>();
        var holidays = ImmutableHashSet.CreateBuilder<DateOnly>();
        var workdays = ImmutableHashSet.CreateBuilder<DateOnly>();
        foreach (var item in yaml.Sequence(yaml.Required(root, "years"), "'years'").Children)
        {
            var entry = yaml.Mapping(item, "a year");
            yaml.AllowOnly(entry, "year", "notice", "holidays", "workdays");
            var year = (int)yaml.Number(yaml.Required(entry, "year"), "year");
            if (!years.Add(year)) throw yaml.Error(item, $"year {year} is listed twice");
            foreach (var h in yaml.Sequence(yaml.Required(entry, "holidays"), "'holidays'").Children)
            {
                var holiday = yaml.Mapping(h, "a holiday");
                yaml.AllowOnly(holiday, "name", "from", "to");
                var from = Date(yaml, holiday, "from", year);
                var to = Date(yaml, holiday, "to", year);
                if (to < from) throw yaml.Error(h, $"'{yaml.String(holiday, "name")}' ends before it starts");
                for (var d = from; d <= to; d = d.AddDays(1)) holidays.Add(d);
            }
            foreach (var w in yaml.Sequence(yaml.Required(entry, "workdays"), "'workdays'").Children)
            {
                var day = ParseDate(yaml, w, year);
                if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                    throw yaml.Error(w, $"{day:yyyy-MM-dd} is a {day.DayOfWeek}: only a Saturday or Sunday can be an adjusted working day");
                workdays.Add(day);
            }
        }
        return new WorkingCalendar(years.ToImmutable(), holidays.ToImmutable(), workdays.ToImmutable());
    }

    private static DateOnly Date(YamlNodeReader yaml, YamlMappingNode map, string key, int year) => ParseDate(yaml, yaml.Required(map, key), year);

    private static DateOnly ParseDate(YamlNodeReader yaml, YamlNode node, int year)
    {
        var text = (node as YamlScalarNode)?.Value;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            throw yaml.Error(node, $"'{text}' is not a date like 2024-10-01");
        // A schedule may reach into the next January (a 元旦 that starts on 31 December), never further.
        if (day.Year != year && !(day.Year == year + 1 && day.Month == 1) && !(day.Year == year - 1 && day.Month == 12))
            throw yaml.Error(node, $"{text} does not belong to the schedule of {year}");
        return day;
    }
}
