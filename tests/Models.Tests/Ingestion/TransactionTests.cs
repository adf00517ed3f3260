using EventStream.Ingestion;

namespace EventStream.Models.Tests.Ingestion;

public class TransactionTests
{
    [Theory]
    [InlineData("user")]
    [InlineData("event")]
    [InlineData("audit")]
    public void A_day_that_fails_midway_leaves_the_database_as_it_was(string failingStage)
    {
        using var db = new TempDatabase();
        db.Ingest(days: 2);
        var before = db.Fingerprint(withAuditClock: true);

        var failing = new Ingestor(new StringWriter())
        {
            AfterStage = stage => { if (stage == failingStage) throw new InvalidOperationException("forced failure"); },
        };
        Assert.Throws<InvalidOperationException>(() => failing.Run(new IngestOptions(db.Path, Seed: 7)));

        Assert.Equal(before, db.Fingerprint(withAuditClock: true));
    }

    [Fact]
    public void After_a_failed_day_the_next_run_ingests_that_same_day()
    {
        using TempDatabase failedOnce = new(), clean = new();
        failedOnce.Ingest();
        var failing = new Ingestor(new StringWriter()) { AfterStage = stage => throw new InvalidOperationException(stage) };
        Assert.Throws<InvalidOperationException>(() => failing.Run(new IngestOptions(failedOnce.Path, Seed: 7)));
        failedOnce.Ingest();
        clean.Ingest(days: 2);

        Assert.Equal(clean.Fingerprint(), failedOnce.Fingerprint());
    }

    [Fact]
    public void A_row_the_database_refuses_midway_through_the_events_fails_the_day_and_rolls_it_back()
    {
        using var db = new TempDatabase();
        db.Ingest();
        // raw.event again with the same columns, plus a CHECK that refuses one of day 2's events: DuckDB fails the
        // event Appender after the day's users and posts are written.
        var refusing = RawTables.Event with
        {
            Columns = [RawTables.Event.Columns[0] with { Constraint = "NOT NULL CHECK (event_id <> 'e00002-000000010')" }, .. RawTables.Event.Columns.Skip(1)],
        };
        db.Execute($"""
            CREATE TABLE raw.event_copy AS SELECT * FROM raw.event;
            DROP TABLE raw.event;
            {refusing.Ddl};
            INSERT INTO raw.event SELECT * FROM raw.event_copy;
            DROP TABLE raw.event_copy;
            """);
        var before = db.Fingerprint(withAuditClock: true);

        var error = Assert.ThrowsAny<Exception>(() => db.Ingest());
        Assert.Contains("e00002-000000010", error.Message);
        Assert.Equal(before, db.Fingerprint(withAuditClock: true));
    }
}
