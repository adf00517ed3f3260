namespace EventStream.Ingestion;

/// <summary>One day of the fictional calendar. <see cref="Number"/> counts from 1 at the first ingested day.</summary>
public readonly record struct FictionalDay(int Number, DateOnly Date)
{
    public const int Seconds = 86_400;

    public bool IsFirst => Number == 1;
    public DateTime Start => Date.ToDateTime(TimeOnly.MinValue);

    /// <summary>The last microsecond of the day (DuckDB's resolution): no event is later, and builds run "as of" it.</summary>
    public DateTime End => Start.AddDays(1).AddTicks(-10);

    public DateTime At(int second) => Start.AddSeconds(second);

    public DateTime RandomTime(Random random) => At(random.Next(Seconds));

    /// <summary>The first whole second of this day strictly after <paramref name="time"/>; <see cref="Seconds"/> if none.</summary>
    public int FirstSecondAfter(DateTime time) =>
        time < Start ? 0 : (int)Math.Min(Seconds, Math.Floor((time - Start).TotalSeconds) + 1);
}
