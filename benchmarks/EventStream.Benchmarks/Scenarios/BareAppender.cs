using System.Diagnostics;
using System.Text;
using DuckDB.NET.Data;
using EventStream.Ingestion;
using ModelDsl.DuckDb;
using ModelDsl.Runtime;

namespace EventStream.Benchmarks.Scenarios;

/// <summary>
/// The physical limit: one Appender loop writing the rows the generator wrote, read back and packed before the clock
/// starts into the same <see cref="EventBatch"/>es the generator appends (so the same values reach DuckDB through the
/// same calls), day by day in a transaction and an Appender of each day's own, as the generator must — with no
/// generation at all.
/// </summary>
static class BareAppender
{
    const int BatchSize = 1024;

    /// <returns>The time to append and flush the rows, excluding the commits, like the generator's event stage.</returns>
    public static TimeSpan Write(string path, IReadOnlyList<long> eventsPerDay)
    {
        using var warehouse = DuckDbWarehouse.Open(path);
        // The event table's own definition (NOT NULL constraints included) under another name.
        warehouse.Execute((RawTables.Event with { Name = "bare_event" }).Ddl);
        var days = Load(warehouse, eventsPerDay);

        // A rolled-back warm-up so that JIT compilation is not measured (the generator is warmed up too).
        using (var warmUp = warehouse.Connection.BeginTransaction())
            Append(warehouse.Connection, days[0]);

        var elapsed = TimeSpan.Zero;
        foreach (var batches in days)
        {
            using var transaction = warehouse.Connection.BeginTransaction();
            var clock = Stopwatch.StartNew();
            Append(warehouse.Connection, batches);
            elapsed += clock.Elapsed;
            transaction.Commit();
        }
        return elapsed;
    }

    // Packed before the clock starts: reading them back is not part of writing them.
    static List<List<EventBatch>> Load(DuckDbWarehouse warehouse, IReadOnlyList<long> eventsPerDay)
    {
        var rows = warehouse.Rows("SELECT event_id, user_id, post_id, created_at, event_type FROM raw.event ORDER BY event_id");
        var days = new List<List<EventBatch>>();
        var next = 0;
        foreach (var count in eventsPerDay)
        {
            var batches = new List<EventBatch>();
            foreach (var row in rows.Skip(next).Take((int)count))
            {
                if (batches.Count == 0 || batches[^1].IsFull) batches.Add(new EventBatch(BatchSize));
                batches[^1].Add(Utf8(row[0]), Utf8(row[1]), Utf8(row[2]), (DateTime)row[3]!, Utf8(row[4]));
            }
            days.Add(batches);
            next += (int)count;
        }
        return days;
    }

    static byte[] Utf8(object? text) => Encoding.UTF8.GetBytes((string)text!);

    static void Append(DuckDBConnection connection, List<EventBatch> batches)
    {
        using var appender = connection.CreateAppender("raw", "bare_event");
        foreach (var batch in batches) batch.AppendTo(appender);
    }
}
