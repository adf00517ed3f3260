using System.Diagnostics;
using DuckDB.NET.Data;
using EventStream.Ingestion;
using ModelDsl.Runtime;

/// <summary>
/// The physical limit: an Appender loop writing the rows the generator wrote (their users, posts, times and types,
/// so the same cardinalities reach DuckDB; event ids formatted as the generator does), day by day in a transaction
/// and an Appender of each day's own, as the generator must — with no generation logic.
/// </summary>
static class BareAppender
{
    sealed record Rows(string[] Users, string[] Posts, DateTime[] Times, string[] Types);

    /// <returns>The time to append and flush the rows, excluding the commits, like the generator's event stage.</returns>
    public static TimeSpan Write(string path, IReadOnlyList<long> eventsPerDay)
    {
        using var warehouse = Warehouse.Open(path);
        // The event table's own definition (NOT NULL constraints included) under another name.
        warehouse.Execute((RawTables.Event with { Name = "bare_event" }).Ddl);
        var rows = Load(warehouse);

        // A rolled-back warm-up so that JIT compilation is not measured (the generator is warmed up too).
        using (var warmUp = warehouse.Connection.BeginTransaction())
            Append(warehouse.Connection, rows, 0, Math.Min(rows.Users.Length, 50_000));

        var elapsed = TimeSpan.Zero;
        var first = 0;
        foreach (var count in eventsPerDay)
        {
            using var transaction = warehouse.Connection.BeginTransaction();
            var clock = Stopwatch.StartNew();
            Append(warehouse.Connection, rows, first, (int)count);
            elapsed += clock.Elapsed;
            transaction.Commit();
            first += (int)count;
        }
        return elapsed;
    }

    // Loaded before the clock starts: reading them back is not part of writing them.
    static Rows Load(Warehouse warehouse)
    {
        var all = warehouse.Rows("SELECT user_id, post_id, created_at, event_type FROM raw.event ORDER BY event_id");
        return new Rows(
            all.Select(r => (string)r[0]!).ToArray(),
            all.Select(r => (string)r[1]!).ToArray(),
            all.Select(r => (DateTime)r[2]!).ToArray(),
            all.Select(r => (string)r[3]!).ToArray());
    }

    static void Append(DuckDBConnection connection, Rows rows, int first, int count)
    {
        using var appender = connection.CreateAppender("raw", "bare_event");
        for (var i = first; i < first + count; i++)
            appender.CreateRow().AppendValue(Ids.Event(1, i)).AppendValue(rows.Users[i]).AppendValue(rows.Posts[i])
                .AppendValue(rows.Times[i]).AppendValue(rows.Types[i]).EndRow();
    }
}
