using System.Globalization;
using ModelDsl.Runtime;

namespace EventStream.Models.Tests.MetricChecks;

/// <summary>An analytics table as read after a day's build, or why it could not be read.</summary>
public sealed record TableRead(TableRows? Rows, string? Error)
{
    /// <summary>Every table of <see cref="TableSpec.All"/>, each read or its error's first line.</summary>
    public static IReadOnlyDictionary<string, TableRead> All(Warehouse warehouse) => TableSpec.All.ToDictionary(t => t.Name, t =>
    {
        try
        {
            return new TableRead(TableRows.Read(warehouse, t), null);
        }
        catch (Exception e)
        {
            return new TableRead(null, e.Message.Split('\n')[0]);
        }
    });
}

/// <summary>One <c>daily --days 1</c>: its exit code and output, the raw layer after it, and (on checked days) the analytics tables.</summary>
public sealed record DayRun(int Number, int ExitCode, string Output, RawState Raw, IReadOnlyDictionary<string, TableRead>? Analytics);

/// <summary>
/// A warehouse built the way production builds it: <c>daily --days 1</c> through the real CLI, <see cref="Days"/>
/// times, in a temp folder. After each day the raw tables are read back, so the history of every user and post is
/// known as it was captured; after <see cref="EarlierDay"/> and the last day the analytics tables are read too.
/// Shared by the tests of <see cref="DailyWarehouseCollection"/>.
/// </summary>
public sealed class DailyWarehouse : IDisposable
{
    public const int Days = 10;
    public const int EarlierDay = 5;
    // Seed and scale chosen so that the data holds every case the check must see (a creator who moves to another
    // region with events on their posts on both sides of the move, several sessions of a user on a day).
    public const int Seed = 1;
    public const double Scale = 1;

    private readonly string _folder = Directory.CreateTempSubdirectory("metric-check-").FullName;
    private readonly Dictionary<int, MetricRecompute> _recomputes = [];

    public DailyWarehouse()
    {
        var runs = new List<DayRun>();
        for (var day = 1; day <= Days; day++)
        {
            var (output, error) = (new StringWriter(), new StringWriter());
            var exitCode = EventStreamProject.Run(
                ["daily", "--days", "1", "--db", Database, "--seed", Seed.ToString(CultureInfo.InvariantCulture),
                 "--scale", Scale.ToString(CultureInfo.InvariantCulture)], output, error);

            using var warehouse = DuckDbWarehouse.Open(Database, readOnly: true);
            var analytics = day is EarlierDay or Days ? TableRead.All(warehouse) : null;
            runs.Add(new DayRun(day, exitCode, output + error.ToString(), RawState.Read(warehouse), analytics));
        }
        Runs = runs;
    }

    public string Folder => _folder;

    public string Database => Path.Combine(_folder, "event_stream.duckdb");

    public IReadOnlyList<DayRun> Runs { get; }

    /// <summary>The metrics recomputed from the raw states after days 1 … <paramref name="day"/>.</summary>
    public MetricRecompute Recompute(int day)
    {
        lock (_recomputes)
        {
            if (!_recomputes.TryGetValue(day, out var recompute))
                _recomputes[day] = recompute = new MetricRecompute(Runs.Take(day).Select(r => r.Raw).ToList());
            return recompute;
        }
    }

    /// <summary>The built table after <paramref name="day"/> (<see cref="EarlierDay"/> or <see cref="Days"/>); fails the test if it could not be read.</summary>
    public TableRows Built(int day, TableSpec spec)
    {
        var read = Runs[day - 1].Analytics?[spec.Name] ?? throw new ArgumentException($"analytics tables are read after days {EarlierDay} and {Days} only");
        Assert.True(read.Rows is not null, $"cannot read {spec.Relation} after day {day}: {read.Error}");
        return read.Rows!;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

/// <summary>The tests that share one <see cref="DailyWarehouse"/> (built once; they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class DailyWarehouseCollection : ICollectionFixture<DailyWarehouse>
{
    public const string Name = "daily warehouse";
}
