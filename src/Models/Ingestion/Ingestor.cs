using System.Diagnostics;
using DuckDB.NET.Data;
using ModelDsl.Runtime;

namespace EventStream.Ingestion;

/// <summary>
/// Ingests the next fictional days of mock raw data (WAREHOUSE.md §1) into a DuckDB file: each day after the
/// last <c>ingest_date</c> of <c>raw.ingestion_audit</c>, each in one transaction with its audit rows.
/// </summary>
public sealed class Ingestor(TextWriter log)
{
    /// <summary>Test hook, called inside a day's transaction after each stage ("user", "post", "event", "audit").</summary>
    internal Action<string>? AfterStage { get; init; }

    /// <exception cref="BadInputException">Bad options, a file that is not DuckDB, or raw tables of another shape; nothing was written.</exception>
    public IReadOnlyList<DayReport> Run(IngestOptions options)
    {
        options.Validate();
        if (File.Exists(options.DbPath))
        {
            // Opening read-only checks it is a DuckDB file and reads the raw tables' shape without writing a byte.
            using (var existing = Warehouse.Open(options.DbPath, readOnly: true))
            {
                if (!options.FullRefresh)
                    RawTables.EnsureShape(existing.Connection);
            }
            if (options.FullRefresh)
                DeleteDatabase(options.DbPath);
        }

        using var warehouse = Warehouse.Open(options.DbPath);
        var connection = warehouse.Connection;
        RawTables.Create(connection);

        var reports = new List<DayReport>();
        for (var i = 0; i < options.Days; i++)
        {
            var report = IngestDay(connection, NextDay(connection, options.StartDate ?? IngestOptions.DefaultStartDate), options);
            log.WriteLine(report);
            reports.Add(report);
        }
        if (reports.Count > 1) log.WriteLine(DayReport.Total(reports));
        return reports;
    }

    DayReport IngestDay(DuckDBConnection connection, FictionalDay day, IngestOptions options)
    {
        var clock = Stopwatch.StartNew();
        var context = new DayContext(connection, day, options.Seed, new Volumes(options.Scale), log);
        using var transaction = connection.BeginTransaction();

        var (users, liveUsers) = UserGenerator.Run(context);
        AfterStage?.Invoke("user");
        var (posts, catalog) = PostGenerator.Run(context, liveUsers);
        AfterStage?.Invoke("post");
        var events = EventGenerator.Run(context, liveUsers, catalog);
        AfterStage?.Invoke("event");
        WriteAudit(context, (RawTables.User, users), (RawTables.Post, posts), (RawTables.Event, events));
        AfterStage?.Invoke("audit");

        transaction.Commit();
        return new DayReport(day, users, posts, events, clock.Elapsed);
    }

    static void WriteAudit(DayContext context, params (RawTables.Table Table, TableChanges Changes)[] tables)
    {
        using var appender = context.Appender(RawTables.IngestionAudit.Name);
        var now = DateTime.UtcNow;
        foreach (var (table, changes) in tables)
            appender.CreateRow().AppendValue(context.Day.Date).AppendValue(table.Name)
                .AppendValue(changes.Inserted).AppendValue(changes.Updated).AppendValue(changes.Deleted)
                .AppendValue(now).EndRow();
    }

    static void DeleteDatabase(string path)
    {
        File.Delete(path);
        File.Delete(path + ".wal");
    }

    /// <summary>The end of the latest ingested day: the event-stream project's default run time; null before any day.</summary>
    public static DateTime? LatestDayEnd(Warehouse warehouse)
    {
        if (warehouse.FindRelation(RawTables.Schema, RawTables.IngestionAudit.Name) == RelationType.None)
            return null;
        var latest = warehouse.Scalar<DateOnly?>($"SELECT max(ingest_date) FROM {RawTables.IngestionAudit.QualifiedName}");
        return latest is { } date ? new FictionalDay(0, date).End : null;
    }

    /// <summary>The day after the last one audited, numbered from the first; day 1 on <paramref name="startDate"/> in an empty database.</summary>
    static FictionalDay NextDay(DuckDBConnection connection, DateOnly startDate)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT min(ingest_date), max(ingest_date) FROM raw.ingestion_audit";
        using var reader = command.ExecuteReader();
        reader.Read();
        if (reader.IsDBNull(0)) return new FictionalDay(1, startDate);
        var first = reader.GetFieldValue<DateOnly>(0);
        var next = reader.GetFieldValue<DateOnly>(1).AddDays(1);
        return new FictionalDay(next.DayNumber - first.DayNumber + 1, next);
    }
}
