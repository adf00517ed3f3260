// The performance harness (see benchmarks/README.md):
//   dotnet run -c Release --project benchmarks/EventStream.Benchmarks -- [--quick] [--runs N] [--only a,b] [--results DIR]
// Every scenario prepares its data with the project's own CLI, measures after a warm-up, and prints medians, spreads
// and ratios measured in the same run; the results (markdown, CSV, charts) go to benchmarks/results/.
using EventStream.Benchmarks;
using EventStream.Benchmarks.Scenarios;

IScenario[] scenarios = [new EngineLimit(), new StartUp(), new IncrementalCost(), new Scale(), new Generator(), new Ingestion()];

var quick = args.Contains("--quick");
var runs = Option("--runs") is { } r ? int.Parse(r) : quick ? 2 : 3;
var only = Option("--only")?.Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
var results = Option("--results") ?? Path.Combine(RepositoryRoot(), "benchmarks", "results", quick ? "quick" : "full");
if (only is not null && only.Except(scenarios.Select(s => s.Name), StringComparer.OrdinalIgnoreCase).FirstOrDefault() is { } unknown)
{
    Console.Error.WriteLine($"error: no scenario '{unknown}' (scenarios: {string.Join(", ", scenarios.Select(s => s.Name))})");
    return 2;
}

var report = new Report();
using (var harness = new Harness(quick, runs, report))
{
    foreach (var scenario in scenarios.Where(s => only is null || only.Contains(s.Name)))
    {
        Console.WriteLine($"\n== {scenario.Name}{(quick ? " (quick)" : "")}");
        scenario.Run(harness);
    }
}
report.Write(results, $"EventStream benchmarks{(quick ? " (quick)" : "")}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores");
return 0;

string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

// benchmarks/results of this checkout: the folder holding EventStream.sln, above the binaries.
static string RepositoryRoot()
{
    for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        if (File.Exists(Path.Combine(folder.FullName, "EventStream.sln")))
            return folder.FullName;
    return Directory.GetCurrentDirectory();
}
