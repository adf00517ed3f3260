using System.Diagnostics;
using EventStream.Ingestion;

namespace EventStream.Models.Tests.Ingestion;

/// <summary>Ctrl-C during <c>ingest</c>: the day being ingested is rolled back, the days before it are kept.</summary>
public class CancelIngestTests
{
    [Fact]
    public void A_cancelled_ingest_rolls_back_the_day_it_is_on_and_keeps_the_days_before()
    {
        using TempDatabase cancelled = new(), twoDays = new();
        twoDays.Ingest(days: 2);
        using var cancel = new CancellationTokenSource();
        var days = 0;
        var ingestor = new Ingestor(new StringWriter())
        {
            // Ctrl-C in the middle of day 3, after its users and posts are written.
            AfterStage = stage =>
            {
                if (stage == "audit") days++;
                if (days == 2 && stage == "post") cancel.Cancel();
            },
        };

        var e = Assert.Throws<OperationCanceledException>(() => ingestor.Run(new IngestOptions(cancelled.Path, Days: 5, Seed: 7), cancel.Token));

        Assert.Equal("cancelled (Ctrl-C): 2 of 5 days ingested and kept (to 2100-01-02); 2100-01-03, the day being ingested, was rolled back", e.Message);
        Assert.Equal(twoDays.Fingerprint(), cancelled.Fingerprint());
    }

    [Fact]
    public void Ctrl_c_stops_the_ingest_verb_with_one_line_and_exit_130()
    {
        if (OperatingSystem.IsWindows())
            return; // no kill -INT
        using var db = new TempDatabase();
        var program = Path.Combine(AppContext.BaseDirectory, "EventStream.Models.dll");
        using var child = Process.Start(new ProcessStartInfo("dotnet", ["exec", program, "ingest", "--days", "100000", "--db", db.Path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        try
        {
            // Two days done, the third one running.
            var printed = new List<string> { child.StandardOutput.ReadLine()!, child.StandardOutput.ReadLine()! };
            Assert.All(printed, line => Assert.StartsWith("day 2100-01-0", line));

            Process.Start("kill", ["-INT", child.Id.ToString()])!.WaitForExit();
            var stderr = child.StandardError.ReadToEndAsync();
            printed.AddRange(child.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries));

            Assert.True(child.WaitForExit(TimeSpan.FromSeconds(30)), "the ingest stops promptly");
            Assert.Equal(130, child.ExitCode);
            var error = Assert.Single(stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"error: cancelled (Ctrl-C): {printed.Count} of 100000 days ingested and kept", error);
            // Every day printed is kept whole, and nothing of the next one.
            Assert.Equal(printed.Count, db.Scalar<long>("select count(distinct ingest_date) from raw.ingestion_audit"));
            Assert.Equal(printed.Count, db.Scalar<long>("select count(distinct cast(created_at as date)) from raw.\"user\""));
        }
        finally
        {
            if (!child.HasExited)
                child.Kill(entireProcessTree: true);
            child.WaitForExit();
        }
    }
}
