using System.Diagnostics;
using System.Data.Common;
using ModelDsl.Cli;
using ModelDsl.DuckDb;
using ModelDsl.Runtime;
using ModelDsl.State;

namespace EventStream.Ingestion;

/// <summary>
/// Ingests the next fictional days of mock raw data (docs/warehouse.md §1) into a DuckDB file or a PostgreSQL database: each day after the
/// last <c>ingest_date</c> of <c>raw.ingestion_audit</c>, each in one transaction with its audit rows.
/// </summary>
public sealed class Ingestor(TextWriter log)
{
    /// <summary>Test hook, called inside a day's transaction after each stage ("user", "post", "event", "audit").</summary>
    internal Action<string>? AfterStage { get; init; }

    /// <exception cref="BadInputException">Bad options, a file that is not DuckDB, a server that refuses, or raw tables of another shape; nothing was written.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> (Ctrl-C): the day being ingested was rolled back, the
    /// days before it are kept; the message says which.</exception>
    public IReadOnlyList<DayReport> Run(IngestOptions options, CancellationToken cancel = default)
    {
        options.Validate();
        var location = options.Location;
        if (!location.Engine.WouldCreate(location.Database))
        {
            // Opening read-only checks it is a database of the engine and reads the raw tables' shape without writing a byte.
            IReadOnlyList<string> dropped;
            using (var existing = location.Open(readOnly: true))
            {
                if (!options.FullRefresh)
                {
                    RawTables.EnsureShape(existing);
                    CheckStartDate(existing, options);
                }
                dropped = options.FullRefresh ? Droppable(existing, options) : [];
            }
            if (options.FullRefresh)
            {
                log.WriteLine(location.Engine is DuckDbEngine
                    ? $"--full-refresh: deleting '{options.DbPath}' and its {dropped.Count} table(s): {string.Join(", ", dropped)}"
                    : $"--full-refresh: dropping the {dropped.Count} table(s) of database '{options.DbPath}': {string.Join(", ", dropped)}");
                DeleteDatabase(location, dropped);
            }
        }

        using var raw = RawConnection.For(location.Open());
        var warehouse = raw.Warehouse;
        RawTables.Create(warehouse);

        var reports = new List<DayReport>();
        // A running statement stops at once; between statements the day checks the token at each stage.
        using var interrupt = cancel.Register(warehouse.Interrupt);
        for (var i = 0; i < options.Days; i++)
        {
            FictionalDay? day = null;
            DayReport report;
            // Choosing the day is inside: a Ctrl-C between two days interrupts that query (DuckDB keeps an interrupt
            // that found no running statement for the next one).
            try
            {
                cancel.ThrowIfCancellationRequested();
                day = NextDay(warehouse, options.StartDate ?? IngestOptions.DefaultStartDate);
                report = IngestDay(raw, day.Value, options, cancel);
            }
            catch (Exception e) when (cancel.IsCancellationRequested && e is OperationCanceledException or DbException)
            {
                throw new OperationCanceledException($"cancelled (Ctrl-C): {Kept(reports, options.Days)}{RolledBack(day)}");
            }
            catch (Exception e) when (DiskFull.Is(e))
            {
                throw new DiskFullException($"{DiskFull.Describe(e)}: {Kept(reports, options.Days)}{RolledBack(day)}");
            }
            catch (Exception e) when (raw.Locked(e) is { } locked)
            {
                throw new RelationLockedException($"{locked.Message}: {Kept(reports, options.Days)}{RolledBack(day)}", e);
            }
            log.WriteLine(report);
            reports.Add(report);
        }
        if (reports.Count > 1) log.WriteLine(DayReport.Total(reports));
        return reports;
    }

    static string RolledBack(FictionalDay? day) => day is { } d ? $"; {d.Date:yyyy-MM-dd}, the day being ingested, was rolled back" : "";

    static string Kept(List<DayReport> reports, int days) => reports.Count == 0
        ? "no day ingested"
        : $"{reports.Count} of {days} days ingested and kept (to {reports[^1].Day.Date:yyyy-MM-dd})";

    // One transaction: a failure or Ctrl-C at any stage leaves no row of the day.
    DayReport IngestDay(RawConnection raw, FictionalDay day, IngestOptions options, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var context = new DayContext(raw, day, options.Seed, new Volumes(options.Scale), log);
        using var transaction = raw.Connection.BeginTransaction();

        void Stage(string name)
        {
            AfterStage?.Invoke(name);
            cancel.ThrowIfCancellationRequested();
        }

        var (users, liveUsers) = UserGenerator.Run(context);
        Stage("user");
        using var activity = EventGenerator.Start(context, liveUsers); // its like look-up runs during the post stage
        var (posts, catalog) = PostGenerator.Run(context, liveUsers);
        Stage("post");
        var events = EventGenerator.Run(context, activity, catalog);
        Stage("event");
        WriteAudit(context, (RawTables.User, users), (RawTables.Post, posts), (RawTables.Event, events));
        Stage("audit");

        transaction.Commit();
        foreach (var table in RawTables.All) raw.Warehouse.RefreshStatistics(table.QualifiedName);
        return new DayReport(day, users, posts, events, clock.Elapsed);
    }

    static void WriteAudit(DayContext context, params (RawTables.Table Table, TableChanges Changes)[] tables)
    {
        var now = DateTime.UtcNow;
        context.Append(RawTables.IngestionAudit.Name, writer =>
        {
            foreach (var (table, changes) in tables)
                writer.Add(context.Day.Date).Add(table.Name).Add(changes.Inserted).Add(changes.Updated).Add(changes.Deleted).Add(now).EndRow();
        });
    }

    // The next day follows the last one ingested, so another start date would be ignored: say so instead.
    static void CheckStartDate(Warehouse warehouse, IngestOptions options)
    {
        if (options.StartDate is { } start && IngestedDays(warehouse) is { } days && start != days.First)
            throw new BadInputException($"--start-date {start:yyyy-MM-dd} only applies to an empty database: '{options.DbPath}' has the days " +
                                        $"{days.First:yyyy-MM-dd} to {days.Last:yyyy-MM-dd} (add --full-refresh to start again)");
    }

    // Everything a full refresh deletes; refused while snapshots hold history that the raw data cannot rebuild, unless the
    // user asked for that too.
    static IReadOnlyList<string> Droppable(Warehouse warehouse, IngestOptions options)
    {
        var history = new RunState(warehouse).SnapshotsWithHistory();
        if (history.Count > 0 && !options.WipeSnapshotHistory)
            throw new BadInputException($"--full-refresh would delete the history of snapshot(s) {string.Join(", ", history)}, " +
                                        "which cannot be rebuilt: add --wipe-snapshot-history to delete it too");
        return warehouse.Relations();
    }

    // A DuckDB database is its file; on a server, the database stays and loses its relations.
    static void DeleteDatabase(WarehouseLocation location, IReadOnlyList<string> relations)
    {
        if (location.Engine is DuckDbEngine)
        {
            File.Delete(location.Database);
            File.Delete(location.Database + ".wal");
            return;
        }
        using var warehouse = location.Open();
        var named = relations.Select(r => (Schema: r[..r.IndexOf('.')], Name: r[(r.IndexOf('.') + 1)..])).ToList();
        // Views first: a table a view reads cannot be dropped before it.
        foreach (var (schema, name) in named.OrderBy(r => warehouse.FindRelation(r.Schema, r.Name) == RelationType.View ? 0 : 1))
            warehouse.DropRelation(schema, name);
    }

    /// <summary>The end of the latest ingested day: the event-stream project's default run time; null before any day.</summary>
    public static DateTime? LatestDayEnd(Warehouse warehouse) =>
        IngestedDays(warehouse) is { } days ? new FictionalDay(days.Last.DayNumber - days.First.DayNumber + 1, days.Last).End : null;

    /// <summary>The day after the last one audited, numbered from the first; day 1 on <paramref name="startDate"/> in an empty database.</summary>
    static FictionalDay NextDay(Warehouse warehouse, DateOnly startDate)
    {
        if (IngestedDays(warehouse) is not { } days) return new FictionalDay(1, startDate);
        var next = days.Last.AddDays(1);
        return new FictionalDay(next.DayNumber - days.First.DayNumber + 1, next);
    }

    /// <summary>The first and last ingested days according to the audit; null when there is none (or no audit table).</summary>
    public static (DateOnly First, DateOnly Last)? IngestedDays(Warehouse warehouse)
    {
        if (warehouse.FindRelation(RawTables.Schema, RawTables.IngestionAudit.Name) == RelationType.None)
            return null;
        var row = warehouse.Rows($"SELECT min(ingest_date), max(ingest_date) FROM {RawTables.IngestionAudit.QualifiedName}")[0];
        return row[0] is null ? null : (Warehouse.AsDate(row[0]!), Warehouse.AsDate(row[1]!));
    }
}
