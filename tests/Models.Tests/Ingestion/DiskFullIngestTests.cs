using ModelDslTests;

namespace EventStream.Models.Tests.Ingestion;

/// <summary><c>ingest</c> on a disk that fills up (a real one: <see cref="SmallDisk"/>).</summary>
public sealed class DiskFullIngestTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("disk-full-ingest-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [SmallDiskFact]
    public void A_full_disk_stops_the_ingest_with_one_line_saying_so_and_what_was_kept()
    {
        var program = Path.Combine(AppContext.BaseDirectory, "EventStream.Models.dll");

        var (exitCode, stdout, stderr) = SmallDisk.Run(Path.Combine(folder, "disk"), program, "ingest", "--days", "1000", "--db", "{disk}/x.duckdb");

        Assert.Equal(1, exitCode);
        var days = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(days.Length is > 0 and < 1000, stdout);
        var error = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"^error: the disk is full \(.*No space left on device\): \d+ of 1000 days ingested and kept \(to 2100-\d\d-\d\d\); " +
                       @"2100-\d\d-\d\d, the day being ingested, was rolled back$", error);
        Assert.Contains($": {days.Length} of 1000 days", error);
    }
}
