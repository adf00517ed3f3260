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
    public void A_preexisting_conflicting_row_fails_the_day_and_rolls_it_back()
    {
        using var db = new TempDatabase();
        db.Ingest();
        // Day 2's first new user id is already taken: the primary key stops the Appender midway through the day.
        db.Execute("""
            INSERT INTO raw."user" VALUES ('u00002-000000000', 'A', 'B', TIMESTAMP '2099-12-31', TIMESTAMP '2099-12-31', NULL, 'US', 'red')
            """);
        var before = db.Fingerprint(withAuditClock: true);

        Assert.ThrowsAny<Exception>(() => db.Ingest());
        Assert.Equal(before, db.Fingerprint(withAuditClock: true));
    }
}
