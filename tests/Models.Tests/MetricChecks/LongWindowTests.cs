using ModelDsl.Runtime;

namespace EventStream.Models.Tests.MetricChecks;

/// <summary>
/// Thirty-five days ingested at once and built in one <c>build</c>: enough days for the 28- and 30-day windows
/// (mau, active creators, active viewers and creators) to leave days out, which ten days cannot. One build captures
/// one state of the users, so their history is that single version (valid from the beginning of time).
/// </summary>
public sealed class LongWindowWarehouse : IDisposable
{
    public const int Days = 35;

    private readonly string _folder = Directory.CreateTempSubdirectory("metric-window-").FullName;

    public LongWindowWarehouse()
    {
        var database = Path.Combine(_folder, "event_stream.duckdb");
        var output = new StringWriter();
        BuildExitCode = EventStreamProject.Run(["ingest", "--days", $"{Days}", "--scale", "0.3", "--seed", "1", "--db", database], output, output);
        if (BuildExitCode == 0)
            BuildExitCode = EventStreamProject.Run(["build", "--db", database, "--target-dir", Path.Combine(_folder, "target"), "--quiet"], output, output);
        BuildOutput = output.ToString();

        using var warehouse = DuckDbWarehouse.Open(database, readOnly: true);
        Recompute = new MetricRecompute([RawState.Read(warehouse)]);
        Built = TableRead.All(warehouse);
    }

    public int BuildExitCode { get; }
    public string BuildOutput { get; }
    public MetricRecompute Recompute { get; }
    public IReadOnlyDictionary<string, TableRead> Built { get; }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

public sealed class LongWindowTests(LongWindowWarehouse warehouse) : IClassFixture<LongWindowWarehouse>
{
    public static TheoryData<string> Tables => new(TableSpec.All.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(Tables))]
    public void The_table_equals_the_recompute(string table)
    {
        Assert.True(warehouse.BuildExitCode == 0, warehouse.BuildOutput);
        var spec = TableSpec.Named(table);
        var read = warehouse.Built[table];
        Assert.True(read.Rows is not null, $"cannot read {spec.Relation}: {read.Error}");

        var expected = warehouse.Recompute.Table(spec);
        Assert.NotEmpty(expected.Rows);
        var differences = TableComparison.Differences(expected, read.Rows!, $"after {LongWindowWarehouse.Days} days in one build");
        Assert.True(differences is null, differences);
    }

    [Fact]
    public void The_windows_leave_days_out()
    {
        var expected = warehouse.Recompute;
        var activity = expected.Table(TableSpec.AggActivityDaily).Rows[^1];
        var users = expected.Table(TableSpec.DimUsers).Rows;
        var columns = TableSpec.DimUsers.Columns.ToList();
        object? Column(object?[] row, string name) => row[columns.IndexOf(name)];

        Assert.True((long)activity[3]! < expected.Events.Select(e => e.UserId).Distinct().Count(), "mau counts every viewer ever");
        Assert.True((long)activity[7]! < expected.Posts.Select(p => p.UserId).Distinct().Count(), "active_creators counts every creator ever");
        Assert.Contains(users, u => Column(u, "last_active_date") is not null && Equals(Column(u, "is_active_viewer"), false));
        Assert.Contains(users, u => (long)Column(u, "posts")! > 0 && Equals(Column(u, "is_active_creator"), false));
    }
}
