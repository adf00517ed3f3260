using System.Diagnostics;
using EventStream.Ingestion;

namespace EventStream.Benchmarks.Scenarios;

/// <summary>
/// The mock-data ingestion (3 days at scale 1000; quick: 2 days at scale 10) in-process: its event stage (generating,
/// packing and appending the events) against a bare Appender loop writing the same rows into a same-shaped table
/// (<see cref="BareAppender"/>), the physical limit, in the same run.
/// </summary>
public sealed class Ingestion : IScenario
{
    public string Name => "ingestion";

    public void Run(Harness harness)
    {
        var (days, scale) = harness.Quick ? (2, 10.0) : (3, 1000.0);
        var stage = new List<double>();
        var bare = new List<double>();
        long events = 0;
        var whole = harness.Report.Add(Name, $"whole ingestion, {days} days at scale {scale}", Sample.Of(harness.Runs, () =>
        {
            var database = harness.Copy(null);
            var eventStage = TimeSpan.Zero;
            var stageClock = new Stopwatch();
            var ingestor = new Ingestor(TextWriter.Null)
            {
                AfterStage = name =>
                {
                    if (name == "event")
                        eventStage += stageClock.Elapsed;
                    stageClock.Restart();
                },
            };
            var clock = Stopwatch.StartNew();
            stageClock.Start();
            var reports = ingestor.Run(new IngestOptions(database, days, Scale: scale));
            clock.Stop();
            events = reports.Sum(r => r.Event.Inserted);
            stage.Add(eventStage.TotalSeconds);
            bare.Add(BareAppender.Write(database, reports.Select(r => r.Event.Inserted).ToList()).TotalSeconds);
            Harness.Delete(database);
            return clock.Elapsed.TotalSeconds;
        }));
        // The warm-up's figures are dropped with it.
        var generator = harness.Report.Add(Name, $"event stage ({events:N0} events)", new Sample(stage.Skip(1).ToList()));
        var limit = harness.Report.Add(Name, "bare Appender, same rows", new Sample(bare.Skip(1).ToList()));
        harness.Report.Compare(Name, "event stage / bare Appender", generator.Median / limit.Median, "<=", 2);
        harness.Report.Add(Name, "whole ingestion, events per second", new Sample([events / whole.Median]), "events/s");
    }
}
