using ModelDsl.Runtime.Reporting;

namespace EventStream.Ingestion;

/// <summary>Rows a run inserted, updated and (soft-)deleted in one table.</summary>
public readonly record struct TableChanges(long Inserted, long Updated = 0, long Deleted = 0)
{
    public static TableChanges operator +(TableChanges a, TableChanges b) =>
        new(a.Inserted + b.Inserted, a.Updated + b.Updated, a.Deleted + b.Deleted);

    public static string Count(long n) => TextReporter.Number(n);

    /// <summary>"+73 ~12 -3" — just "+73" for a table that was only inserted into.</summary>
    public override string ToString() => Updated == 0 && Deleted == 0
        ? $"+{Count(Inserted)}"
        : $"+{Count(Inserted)} ~{Count(Updated)} -{Count(Deleted)}";
}

/// <summary>What one ingested day changed.</summary>
public sealed record DayReport(FictionalDay Day, TableChanges User, TableChanges Post, TableChanges Event, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"day {Day.Date:yyyy-MM-dd}: user {User} | post {Post} | event {Event} ({Elapsed.TotalSeconds:0.0} s)";

    public static string Total(IReadOnlyList<DayReport> days) =>
        $"total {days.Count} days: user {Sum(days, d => d.User)} | post {Sum(days, d => d.Post)} | event {Sum(days, d => d.Event)}"
        + $" ({days.Sum(d => d.Elapsed.TotalSeconds):0.0} s)";

    static TableChanges Sum(IReadOnlyList<DayReport> days, Func<DayReport, TableChanges> table) =>
        days.Aggregate(new TableChanges(0), (sum, d) => sum + table(d));
}
