using EventStream.Sources;
using ModelDsl;

namespace EventStream.Utilities;

/// <summary>One row per calendar day from the first ingested day to a year after the last, with its calendar attributes.</summary>
[Utility]
public sealed partial class DateSpine : SqlModel
{
    [Unique, NotNull] public DateOnly DateDay { get; init; }
    /// <summary>1–12.</summary>
    [NotNull] public int Month { get; init; }
    /// <summary>1–4.</summary>
    [NotNull] public int Quarter { get; init; }
    [NotNull] public int Year { get; init; }
    /// <summary>English month name, e.g. <c>January</c>.</summary>
    [NotNull] public required string MonthName { get; init; }
    [NotNull] public int DayOfYear { get; init; }
    /// <summary>ISO weekday: 1 is Monday, 7 is Sunday.</summary>
    [NotNull] public int IsoWeekday { get; init; }
    [NotNull] public bool IsWeekend { get; init; }

    public override string Sql => $"""
        select
            cast(day as date) as date_day,
            cast(month(day) as integer) as month,
            cast(quarter(day) as integer) as quarter,
            cast(year(day) as integer) as year,
            monthname(day) as month_name,
            cast(dayofyear(day) as integer) as day_of_year,
            cast(isodow(day) as integer) as iso_weekday,
            isodow(day) >= 6 as is_weekend
        from (
            select unnest(generate_series(
                cast(min(ingest_date) as timestamp),
                cast(max(ingest_date) as timestamp) + interval 1 year,
                interval 1 day)) as day
            from {Source<RawIngestionAudit>()}
        )
        """;
}
