// Ingests N days (default 3) at a scale (default 1000) into a temp DuckDB file, then writes the same number of
// event rows with a bare Appender loop into a same-shaped table: the physical limit the generator is compared to.
// Usage: dotnet run -c Release --project benchmarks/Ingestion.Benchmarks -- [scale] [days]
using System.Diagnostics;
using System.Globalization;
using EventStream.Ingestion;

var scale = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
var days = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var folder = Directory.CreateTempSubdirectory("ingest-bench-").FullName;
var path = Path.Combine(folder, "bench.duckdb");

try
{
    // Warm-up: a small throwaway ingestion, so DuckDB and the generator are loaded before anything is timed
    // (the bare Appender loop warms itself up the same way).
    new Ingestor(TextWriter.Null).Run(new IngestOptions(Path.Combine(folder, "warm-up.duckdb"), Days: 2, Scale: 1));

    var eventStage = TimeSpan.Zero;
    var stageClock = new Stopwatch();
    var ingestor = new Ingestor(Console.Out)
    {
        AfterStage = stage =>
        {
            if (stage == "event") eventStage += stageClock.Elapsed;
            Console.WriteLine($"  {stage,-6} stage {stageClock.Elapsed.TotalSeconds,6:0.00} s");
            stageClock.Restart();
        },
    };

    Console.WriteLine($"ingest {days} days at scale {scale} into {path}");
    var total = Stopwatch.StartNew();
    stageClock.Start();
    var reports = ingestor.Run(new IngestOptions(path, days, Scale: scale));
    total.Stop();

    var events = reports.Sum(r => r.Event.Inserted);
    var rows = reports.Sum(r => r.User.Inserted + r.Post.Inserted + r.Event.Inserted);
    var bare = BareAppender.Write(path, events);

    var generatorRate = events / eventStage.TotalSeconds;
    var bareRate = events / bare.TotalSeconds;
    Console.WriteLine();
    Console.WriteLine($"events                      {events,14:N0}");
    Console.WriteLine($"generator, event stage      {generatorRate,14:N0} events/s  ({eventStage.TotalSeconds:0.00} s)");
    Console.WriteLine($"bare Appender, same rows    {bareRate,14:N0} events/s  ({bare.TotalSeconds:0.00} s)");
    Console.WriteLine($"ratio bare / generator      {bareRate / generatorRate,14:0.00}x");
    Console.WriteLine($"whole ingestion             {rows / total.Elapsed.TotalSeconds,14:N0} rows/s    ({rows:N0} rows, {total.Elapsed.TotalSeconds:0.00} s)");
    Console.WriteLine($"peak working set            {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0,14:N0} MiB");
}
finally
{
    Directory.Delete(folder, recursive: true);
}
