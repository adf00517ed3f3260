using ModelDsl.Catalog;
using ModelDsl.Engines;
using ModelDsl.Runtime;

namespace ModelDsl.Materializations;

/// <summary>
/// The days an incremental model is processing, as the build variables <c>partition_start</c> (inclusive) and
/// <c>partition_end</c> (exclusive). The generator compiles narrowed references to filters on them (placeholders the
/// engine renders), so compiled SQL stays static; the runtime sets them per day, or to the whole range on a rebuild.
/// </summary>
public static class PartitionWindow
{
    public static void Set(Warehouse warehouse, DateOnly first, DateOnly endExclusive) => warehouse.SetWindow(first, endExclusive);

    public static void SetDay(Warehouse warehouse, DateOnly day) => Set(warehouse, day, Plus(day, 1));

    /// <summary><paramref name="day"/> moved by <paramref name="days"/>, kept inside the calendar: a run at its edge must
    /// not throw.</summary>
    public static DateOnly Plus(DateOnly day, int days) =>
        DateOnly.FromDayNumber((int)Math.Clamp((long)day.DayNumber + days, DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber));

    /// <summary>
    /// A window that lets every row through (a model without event time). Finite bounds: an engine may not compare a
    /// DATE column with an infinite TIMESTAMP.
    /// </summary>
    public static void SetUnbounded(Warehouse warehouse) => Set(warehouse, DateOnly.MinValue, DateOnly.MaxValue);

    /// <summary>The predicate that keeps rows of <paramref name="column"/> inside the window, as the generator writes it.</summary>
    public static string Contains(string column) => Narrowing.Predicate(column);

    /// <summary>As <see cref="Contains(string)"/>, in <paramref name="dialect"/>'s SQL.</summary>
    public static string Contains(SqlDialect dialect, string column) => dialect.Render(Contains(column));

    /// <summary>The day a row of <paramref name="column"/> belongs to (the window's days start at midnight).</summary>
    public static string Day(string column) => $"CAST({SqlIdentifier.Quote(column)} AS DATE)";

    /// <summary>The days from <paramref name="first"/> to <paramref name="last"/>, inclusive.</summary>
    public static IEnumerable<DateOnly> Days(DateOnly first, DateOnly last)
    {
        for (var number = first.DayNumber; number <= last.DayNumber; number++)
            yield return DateOnly.FromDayNumber(number);
    }
}
