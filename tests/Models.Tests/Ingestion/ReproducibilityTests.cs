namespace EventStream.Models.Tests.Ingestion;

public class ReproducibilityTests
{
    [Fact]
    public void Same_seed_gives_identical_tables_whether_days_are_ingested_one_run_at_a_time_or_at_once()
    {
        using TempDatabase oneByOne = new(), atOnce = new();
        for (var i = 0; i < 4; i++) oneByOne.Ingest(seed: 5, scale: 1.5);
        atOnce.Ingest(days: 4, seed: 5, scale: 1.5);

        Assert.Equal(oneByOne.Fingerprint(), atOnce.Fingerprint());
        Assert.Equal(4 * 3, atOnce.Scalar<long>("SELECT count(*) FROM raw.ingestion_audit"));
    }

    [Fact]
    public void Identical_tables_compare_equal_row_by_row_too()
    {
        using TempDatabase first = new(), second = new();
        first.Ingest(days: 2, seed: 5);
        second.Ingest(days: 2, seed: 5);

        // EXCEPT ALL both ways over every column, independently of the fingerprint's hash.
        using var warehouse = DuckDbWarehouse.Open(first.Path);
        var connection = warehouse.Connection;
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            ATTACH '{second.Path}' AS other (READ_ONLY);
            SELECT (SELECT count(*) FROM (SELECT * FROM raw."user" EXCEPT ALL SELECT * FROM other.raw."user"))
                 + (SELECT count(*) FROM (SELECT * FROM other.raw."user" EXCEPT ALL SELECT * FROM raw."user"))
                 + (SELECT count(*) FROM (SELECT * FROM raw.post EXCEPT ALL SELECT * FROM other.raw.post))
                 + (SELECT count(*) FROM (SELECT * FROM other.raw.post EXCEPT ALL SELECT * FROM raw.post))
                 + (SELECT count(*) FROM (SELECT * FROM raw.event EXCEPT ALL SELECT * FROM other.raw.event))
                 + (SELECT count(*) FROM (SELECT * FROM other.raw.event EXCEPT ALL SELECT * FROM raw.event))
            """;
        Assert.Equal(0L, Convert.ToInt64(command.ExecuteScalar()));
    }

    [Fact]
    public void Different_seeds_give_different_tables()
    {
        using TempDatabase a = new(), b = new();
        a.Ingest(days: 2, seed: 1);
        b.Ingest(days: 2, seed: 2);

        var differing = a.Fingerprint().Split('\n').Zip(b.Fingerprint().Split('\n')).Count(pair => pair.First != pair.Second);
        Assert.Equal(4, differing);
    }

    [Fact]
    public void Tiny_scales_still_ingest_consistent_days()
    {
        using var db = new TempDatabase();
        var reports = db.Ingest(days: 6, seed: 9, scale: 0.01);

        Assert.Equal(2, reports[0].User.Inserted);  // 200 × 0.01
        Assert.Equal(6 * 3, db.Scalar<long>("SELECT count(*) FROM raw.ingestion_audit"));
    }
}
