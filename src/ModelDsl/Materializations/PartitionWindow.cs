using ModelDsl.Catalog;
using ModelDsl.Runtime;

namespace ModelDsl.Materializations;

/// <summary>
/// The days an incremental model is processing, as the DuckDB variables <c>partition_start</c> (inclusive) and
/// <c>partition_end</c> (exclusive). The generator compiles narrowed references to filters on them, so compiled
/// SQL stays static; the runtime sets them per day, or to the whole range on a rebuild.
/// </summary>
public static class PartitionWindow
{
    public static void Set(Warehouse warehouse, DateOnly first, DateOnly endExclusive)
    {
        warehouse.Execute($"SET VARIABLE partition_start = {Literal(first)}");
        warehouse.Execute($"SET VARIABLE partition_end = {Literal(endExclusive)}");
    }

    public static void SetDay(Warehouse warehouse, DateOnly day) => Set(warehouse, day, Plus(day, 1));

    /// <summary><paramref name="day"/> moved by <paramref name="days"/>, kept inside the calendar: a run at its edge must
    /// not throw.</summary>
    public static DateOnly Plus(DateOnly day, int days) =>
        DateOnly.FromDayNumber((int)Math.Clamp((long)day.DayNumber + days, DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber));

    /// <summary>
    /// A window that lets every row through (a model without event time). Finite bounds: DuckDB cannot compare
    /// a DATE column with an infinite TIMESTAMP.
    /// </summary>
    public static void SetUnbounded(Warehouse warehouse) => Set(warehouse, DateOnly.MinValue, DateOnly.MaxValue);

    /// <summary>The predicate that keeps rows of <paramref name="column"/> inside the window (as the generator writes it).</summary>
    public static string Contains(string column)
    {
        var quoted = SqlIdentifier.Quote(column);
        return $"{quoted} >= getvariable('partition_start') and {quoted} < getvariable('partition_end')";
    }

    /// <summary>The day a row of <paramref name="column"/> belongs to (the window's days start at midnight).</summary>
    public static string Day(string column) => $"CAST({SqlIdentifier.Quote(column)} AS DATE)";

    /// <summary>The window's first day, as models read it (<c>SqlModel.PartitionDay</c>).</summary>
    public const string FirstDaySql = "CAST(getvariable('partition_start') AS DATE)";

    private static string Literal(DateOnly day) => SqlIdentifier.Timestamp(day.ToDateTime(TimeOnly.MinValue));

    /// <summary>The days from <paramref name="first"/> to <paramref name="last"/>, inclusive.</summary>
    public static IEnumerable<DateOnly> Days(DateOnly first, DateOnly last)
    {
        for (var number = first.DayNumber; number <= last.DayNumber; number++)
            yield return DateOnly.FromDayNumber(number);
    }
}
