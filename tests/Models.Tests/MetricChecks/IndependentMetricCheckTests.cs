namespace EventStream.Models.Tests.MetricChecks;

/// <summary>
/// The independent check: every analytics table built by ten <c>daily</c> runs equals, row by row, the same metrics
/// recomputed in C# from the raw rows captured after each day (<see cref="MetricRecompute"/>).
/// </summary>
[Collection(DailyWarehouseCollection.Name)]
public sealed class IndependentMetricCheckTests(DailyWarehouse warehouse)
{
    public static TheoryData<string> Tables => new(TableSpec.All.Select(t => t.Name));

    public static TheoryData<string> DayGrainTables => new(TableSpec.DayGrain.Select(t => t.Name));

    [Fact]
    public void Every_daily_build_succeeds()
    {
        var failed = warehouse.Runs.Where(r => r.ExitCode != 0).ToList();
        Assert.True(failed.Count == 0, string.Join("\n\n", failed.Select(r => $"day {r.Number}: exit code {r.ExitCode}\n{Failures(r.Output)}")));
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void The_table_after_the_last_day_equals_the_recompute(string table) => AssertMatches(DailyWarehouse.Days, table);

    [Theory]
    [MemberData(nameof(Tables))]
    public void The_table_after_an_earlier_day_equals_the_recompute_as_of_that_day(string table) => AssertMatches(DailyWarehouse.EarlierDay, table);

    [Theory]
    [MemberData(nameof(DayGrainTables))]
    public void Later_days_leave_the_rows_of_earlier_days_unchanged(string table)
    {
        var spec = TableSpec.Named(table);
        var lastEarlierDay = warehouse.Runs[DailyWarehouse.EarlierDay - 1].Raw.Day;
        var before = warehouse.Built(DailyWarehouse.EarlierDay, spec).UpTo(lastEarlierDay);
        var after = warehouse.Built(DailyWarehouse.Days, spec).UpTo(lastEarlierDay);

        Assert.NotEmpty(before.Rows);
        var differences = TableComparison.Differences(before, after,
            $"days up to {lastEarlierDay:yyyy-MM-dd}, after day {DailyWarehouse.Days} (expected: as built after day {DailyWarehouse.EarlierDay})");
        Assert.True(differences is null, differences);
    }

    [Fact]
    public void Session_ids_are_unique_and_not_null()
    {
        using var db = DuckDbWarehouse.Open(warehouse.Database, readOnly: true);
        var ids = db.Rows("select session_id from analytics.fct_sessions").Select(r => r[0]).ToList();

        Assert.NotEmpty(ids);
        Assert.DoesNotContain(null, ids);
        var repeated = ids.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => $"{g.Key} ({g.Count()}x)").Take(8).ToList();
        Assert.True(repeated.Count == 0, "repeated session_id: " + string.Join(", ", repeated));
    }

    [Fact]
    public void Some_user_has_several_sessions_on_a_day()
    {
        var expected = warehouse.Recompute(DailyWarehouse.Days);
        var busiest = expected.Sessions.GroupBy(s => (s.UserId, s.Date)).MaxBy(g => g.Count())!;

        Assert.True(busiest.Count() >= 2,
            $"no user has two sessions on a day: the session split is not exercised; change {nameof(DailyWarehouse)}'s seed or scale");
        var built = warehouse.Built(DailyWarehouse.Days, TableSpec.FctSessions).Rows
            .Count(r => Equals(r[0], busiest.Key.UserId) && Equals(r[2], busiest.Key.Date));
        Assert.Equal(busiest.Count(), built);
    }

    [Fact]
    public void A_creator_who_moves_to_another_region_keeps_the_events_before_the_move_in_the_old_region()
    {
        var expected = warehouse.Recompute(DailyWarehouse.Days);
        var move = CreatorMoves(expected).FirstOrDefault(m => m.Before.Count > 0 && m.After.Count > 0 && m.OldRegion != m.NewRegion);
        Assert.True(move is not null,
            $"no creator moves to another region with events on their posts on both sides of the move; change {nameof(DailyWarehouse)}'s seed or scale");

        var built = warehouse.Built(DailyWarehouse.Days, TableSpec.AggCreatorMetricsDaily).Rows
            .Where(r => Equals(r[1], move.CreatorId)).ToList();
        foreach (var (events, code, region) in new[] { (move.Before, move.OldCode, move.OldRegion), (move.After, move.NewCode, move.NewRegion) })
            foreach (var day in events.GroupBy(e => e.Day))
            {
                var row = built.SingleOrDefault(r => Equals(r[0], day.Key) && Equals(r[2], code));
                var context = $"creator {move.CreatorId} moved {move.OldCode} ({move.OldRegion}) -> {move.NewCode} ({move.NewRegion}) at {move.At:yyyy-MM-dd HH:mm:ss}; "
                    + $"{day.Count()} event(s) on {day.Key:yyyy-MM-dd} as {code}. Built rows of the creator:\n  "
                    + string.Join("\n  ", built.Select(r => string.Join(", ", r.Select(TableRows.Format))));
                Assert.True(row is not null, "no row for " + context);
                Assert.True(Equals(region, row[3]), $"region {TableRows.Format(row[3])} instead of {region} for " + context);
            }
    }

    [Fact]
    public void On_the_day_a_creator_moves_the_creator_has_a_row_per_country()
    {
        var expected = warehouse.Recompute(DailyWarehouse.Days);
        var split = CreatorMoves(expected).FirstOrDefault(m =>
            m.Before.Any(e => e.Day == DateOnly.FromDateTime(m.At)) && m.After.Any(e => e.Day == DateOnly.FromDateTime(m.At)));
        Assert.True(split is not null,
            $"no creator has events on their posts on the day they move, before and after the move; change {nameof(DailyWarehouse)}'s seed or scale");

        var day = DateOnly.FromDateTime(split.At);
        var codes = warehouse.Built(DailyWarehouse.Days, TableSpec.AggCreatorMetricsDaily).Rows
            .Where(r => Equals(r[0], day) && Equals(r[1], split.CreatorId)).Select(r => (string?)r[2]).Order().ToList();
        Assert.Equal(new[] { split.OldCode, split.NewCode }.Order(), codes);
    }

    /// <summary>A creator's change of country: the events on their posts attributed to the old and to the new version.</summary>
    private sealed record Move(string CreatorId, DateTime At, string OldCode, string OldRegion, string NewCode, string NewRegion,
        List<EventRow> Before, List<EventRow> After);

    private static IEnumerable<Move> CreatorMoves(MetricRecompute expected)
    {
        var eventsByCreator = expected.Events.ToLookup(expected.CreatorOf);
        foreach (var creator in eventsByCreator)
        {
            var versions = expected.VersionsOf(creator.Key);
            for (var i = 1; i < versions.Count; i++)
            {
                var (oldCode, newCode) = (MetricRecompute.CountryCode(versions[i - 1].CountryCode), MetricRecompute.CountryCode(versions[i].CountryCode));
                if (oldCode == newCode) continue;
                var (old, @new) = (versions[i - 1], versions[i]);
                yield return new Move(creator.Key, @new.UpdatedAt, oldCode, expected.Region(oldCode), newCode, expected.Region(newCode),
                    creator.Where(e => expected.VersionAt(creator.Key, e.CreatedAt) == old).ToList(),
                    creator.Where(e => expected.VersionAt(creator.Key, e.CreatedAt) == @new).ToList());
            }
        }
    }

    private void AssertMatches(int day, string table)
    {
        var spec = TableSpec.Named(table);
        var expected = warehouse.Recompute(day).Table(spec);
        Assert.NotEmpty(expected.Rows);
        var differences = TableComparison.Differences(expected, warehouse.Built(day, spec), $"after day {day}");
        Assert.True(differences is null, differences);
    }

    /// <summary>The lines of a build's output that say what failed (the whole output is too long to read in a test report).</summary>
    private static string Failures(string output) => string.Join("\n", output.Split('\n')
        .Where(l => l.Contains("FAIL", StringComparison.Ordinal) || l.Contains("ERROR", StringComparison.Ordinal)
                    || l.Contains("SKIP", StringComparison.Ordinal) || l.StartsWith("  ", StringComparison.Ordinal))
        .Take(40));
}
