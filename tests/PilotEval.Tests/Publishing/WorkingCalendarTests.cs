using PilotEval.Publishing;
using PilotEval.Rubrics;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Publishing;

/// <summary>The official holiday schedules as data: what counts as a working day, and a bad file named with its line.</summary>
public sealed class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Load(Path.Combine(RepoPaths.Rubrics, WorkingCalendar.FileName));

    [Theory]
    [InlineData("2024-02-04", true)]   // Sunday, adjusted working day before 春节
    [InlineData("2024-02-12", false)]  // Monday inside 春节
    [InlineData("2025-10-08", false)]  // the eighth day of 国庆节、中秋节 2025
    [InlineData("2026-02-28", true)]   // Saturday, adjusted working day after 春节 2026
    [InlineData("2026-03-02", true)]   // an ordinary Monday
    [InlineData("2026-03-01", false)]  // an ordinary Sunday
    public void Working_days_follow_the_state_councils_schedule(string day, bool working)
    {
        Assert.Equal(working, Calendar.IsWorkingDay(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void The_schedules_of_2024_to_2026_are_known()
    {
        Assert.Equal([2024, 2025, 2026], Calendar.Years.Order());
    }

    [Fact]
    public void A_working_day_that_is_not_a_weekend_is_refused_with_its_line()
    {
        using var dir = new TempDirectory();
        var path = dir.File("holidays.yaml");
        File.WriteAllText(path, "years:\n  - year: 2024\n    holidays: []\n    workdays: [2024-02-05]\n");

        var ex = Assert.Throws<RubricFileException>(() => WorkingCalendar.Load(path));

        Assert.Equal(4, ex.Line);
        Assert.Contains("Saturday or Sunday", ex.Reason);
    }
}
