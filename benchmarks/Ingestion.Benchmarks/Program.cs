// Ingests N days (default 3) at a scale (default 1000) into a temp DuckDB file, then writes the same event rows
// (the generated ones) with a bare Appender loop into a same-shaped table: the physical limit the generator is
// compared to. Both are measured in the same run, five times each; the best of each is compared (this VM's
// timings vary by up to 2x from run to run, the best is the least disturbed).
// Usage: dotnet run -c Release --project benchmarks/Ingestion.Benchmarks -- [scale] [days]
using System.Diagnostics;
using System.Globalization;
using EventStream.Ingestion;

const int Repetitions = 5;
var scale = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
var days = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var folder = Directory.CreateTempSubdirectory("ingest-bench-").FullName;

try
{
    // Warm-up: a small throwaway ingestion, so DuckDB and the generator are loaded before anything is timed
    // (the bare Appender loop warms itself up the same way).
    new Ingestor(TextWriter.Null).Run(new IngestOptions(Path.Combine(folder, "warm-up.duckdb"), Days: 2, Scale: 1));

    var runs = Enumerable.Range(1, Repetitions).Select(run => Measure(Path.Combine(folder, $"bench-{run}.duckdb"), run)).ToList();
    var events = runs[0].Events;
    var generator = runs.Min(r => r.EventStage);
    var bare = runs.Min(r => r.Bare);
    var whole = runs.Min(r => r.Whole);

    Console.WriteLine();
    Console.WriteLine($"events                      {events,14:N0}   (best of {Repetitions} runs)");
    Console.WriteLine($"generator, event stage      {events / generator.TotalSeconds,14:N0} events/s  ({generator.TotalSeconds:0.00} s)");
    Console.WriteLine($"bare Appender, same rows    {events / bare.TotalSeconds,14:N0} events/s  ({bare.TotalSeconds:0.00} s)");
    Console.WriteLine($"ratio bare / generator      {generator / bare,14:0.00}x");
    Console.WriteLine($"whole ingestion             {runs[0].Rows / whole.TotalSeconds,14:N0} rows/s    ({runs[0].Rows:N0} rows, {whole.TotalSeconds:0.00} s)");
    Console.WriteLine($"peak working set            {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0,14:N0} MiB");
}
finally
{
    Directory.Delete(folder, recursive: true);
}

(long Events, long Rows, TimeSpan EventStage, TimeSpan Bare, TimeSpan Whole) Measure(string path, int run)
{
    var eventStage = TimeSpan.Zero;
    var stageClock = new Stopwatch();
    var ingestor = new Ingestor(run == 1 ? Console.Out : TextWriter.Null)
    {
        AfterStage = stage =>
        {
            if (stage == "event") eventStage += stageClock.Elapsed;
            stageClock.Restart();
        },
    };

    Console.WriteLine($"run {run}: ingest {days} days at scale {scale} into {path}");
    var total = Stopwatch.StartNew();
    stageClock.Start();
    var reports = ingestor.Run(new IngestOptions(path, days, Scale: scale));
    total.Stop();

    var events = reports.Sum(r => r.Event.Inserted);
    var rows = reports.Sum(r => r.User.Inserted + r.Post.Inserted + r.Event.Inserted);
    var bare = BareAppender.Write(path, reports.Select(r => r.Event.Inserted).ToList());
    Console.WriteLine($"run {run}: generator event stage {eventStage.TotalSeconds:0.000} s, bare Appender {bare.TotalSeconds:0.000} s");
    return (events, rows, eventStage, bare, total.Elapsed);
}
