using ModelDsl.Artifacts;
using ModelDsl.Catalog;
using ModelDsl.Graph;
using ModelDsl.Materializations;
using ModelDsl.Runtime;
using ModelDsl.Runtime.Reporting;
using Spectre.Console;

namespace ModelDsl.Cli;

/// <summary>
/// Runs a build the way the <c>build</c> verb does, for a project's own verbs too. Returns the exit code
/// (0 all built and passed, warnings allowed; 1 a node or test failed); bad input throws
/// <see cref="BadInputException"/>, which the CLI maps to 2.
/// </summary>
public static class BuildCommandRunner
{
    public static int Run(
        ModelCatalog catalog,
        ProjectOptions project,
        string databasePath,
        IReadOnlyList<string> select,
        IReadOnlyList<string> exclude,
        DateTime? asOf,
        TextWriter output) =>
        Run(catalog, project, new BuildRequest(databasePath, select, exclude, asOf), output);

    public static int Run(ModelCatalog catalog, ProjectOptions project, BuildRequest request, TextWriter output)
    {
        // Check the options and resolve the selection before opening the database: a typo must not create a file.
        var refresh = (request.Refresh ?? RefreshOptions.None).Validated();
        var selection = Selector.Select(catalog, request.Select, request.Exclude);
        var nodes = Selector.OfResourceTypes(selection, request.ResourceTypes)
            .Where(n => request.Command switch
            {
                "test" => n.Kind == NodeKind.Test,
                "run" => n.Kind != NodeKind.Test,
                "seed" or "snapshot" => Names.ResourceType(n) == request.Command,
                _ => true,
            })
            .ToList();
        var selected = nodes.Select(n => n.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);

        // Tests only read what a build made (a mistyped path must not create an empty database), unless they store failures.
        var mustExist = request.Command == "test";
        // Every source the selection reads must be there before anything is written: a database without the raw data, or of
        // another project, is left as it is (a missing file is not created). The selection's, before the verb or
        // --resource-type narrows it: `seed` must not write the seeds into another project's database either.
        var sources = selection.Where(n => n.Kind != NodeKind.Analysis).SelectMany(catalog.Reads).Where(n => n.Kind == NodeKind.Source).Distinct().ToList();
        var engine = request.Engine ?? project.Engine;
        if (!mustExist && engine.WouldCreate(request.Database))
            CheckSources(sources, _ => false, request.Database, project);
        using var recorder = request.RecordSql is { } file ? new SqlRecorder(file, engine.Dialect) : null;
        using var warehouse = engine.Open(request.Database, mustExist, readOnly: request.Empty || (mustExist && !request.StoreFailures));
        warehouse.Recorder = recorder;
        warehouse.Configure(request.EngineSettings);
        // One read of the database's relations, not one query per source.
        var relations = warehouse.Relations().ToHashSet(StringComparer.OrdinalIgnoreCase);
        CheckSources(sources, s => relations.Contains($"{s.Schema}.{s.Name}"), request.Database, project);
        var runTime = RunTimeFor(request.AsOf, project, warehouse);
        CheckRunTime(runTime, request.MaxDaysPastData ?? project.MaxDaysPastData,
            project.DataRange?.Invoke(warehouse) ?? SourceDays(warehouse, sources));

        using var cancel = new CancellationTokenSource();
        using var ctrlC = CtrlC.Cancels(cancel);
        var options = new BuildOptions(runTime, selected, request.Threads, request.FailFast, request.StoreFailures, refresh, Cancellation: cancel.Token)
        {
            TestFailuresSkipDownstream = !request.Empty,
        };
        using var sandbox = request.Empty ? EmptyBuild.Sandbox(warehouse, catalog, nodes) : null;
        if (sandbox is not null && request.LogFormat == "text" && !request.Quiet)
            output.WriteLine($"--empty: every model with zero rows, in a scratch database with the inputs' columns; '{request.Database}' is not written");
        // The manifest describes the compiled project, not the build: it is written beside the build (column lineage parses
        // every model), not before it, and its errors are reported once the build is over.
        var manifest = request.TargetDir is { } target
            ? Task.Run(() => Manifest.Write(target, catalog, nodes, project.LineageParser))
            : Task.CompletedTask;
        BuildResult result;
        try
        {
            result = ProjectBuilder.Build(sandbox ?? warehouse, sandbox is null ? catalog : EmptyBuild.Catalog(catalog), options, Reporter(request, output));
        }
        catch
        {
            Task.WaitAny(manifest); // never a half-written manifest when the process ends; the build's error is the one to report
            throw;
        }
        manifest.GetAwaiter().GetResult();
        var written = WriteRunResults(request, runTime, result);
        if (result.DiskFull is { } full)
            throw new DiskFullException($"{full.Message}; the build stopped there ({result.Nodes.Count(n => n.Status != NodeStatus.Skipped)} " +
                                        $"of {result.Nodes.Count} nodes ran, the failed one was rolled back): free some space and run it again" +
                                        written);
        if (cancel.IsCancellationRequested)
            throw new OperationCanceledException($"cancelled (Ctrl-C): {result.Nodes.Count(n => n.Status != NodeStatus.Skipped)} " +
                                                 $"of {result.Nodes.Count} nodes finished, the running ones were rolled back" +
                                                 written);
        return result.Succeeded ? ExitCodes.Success : ExitCodes.NodeFailed;
    }

    // run_results.json, if the command writes artifacts; what to add to a message about the build: where it is, or that the
    // disk had no room for it either (null: no artifacts).
    private static string? WriteRunResults(BuildRequest request, DateTime runTime, BuildResult result)
    {
        if (request.TargetDir is not { } target)
            return null;
        try
        {
            RunResults.Write(target, request.Empty ? $"{request.Command} --empty" : request.Command, runTime, result);
            return $"; {Path.Combine(target, RunResults.FileName)} says which";
        }
        catch (DiskFullException) when (result.DiskFull is not null)
        {
            return $"; {Path.Combine(target, RunResults.FileName)} could not be written either";
        }
    }

    private static void CheckSources(IEnumerable<Node> sources, Func<Node, bool> exists, string database, ProjectOptions project)
    {
        var missing = sources.Where(s => !exists(s)).Select(s => s.Relation).ToList();
        if (missing.Count == 0)
            return;
        var what = missing.Count == 1 ? $"source {missing[0]} does not exist" : $"sources {string.Join(", ", missing)} do not exist";
        throw new BadInputException($"{what} in '{database}'" + (project.MissingSourceHint is { } hint ? $": {hint}" : ""));
    }

    // A run time far past the data would walk every day up to it in each incremental model, writing empty days.
    private static void CheckRunTime(DateTime runTime, int maxDays, (DateOnly First, DateOnly Last)? data)
    {
        if (data is not var (first, last))
            return;
        var runDay = DateOnly.FromDateTime(runTime);
        if (runDay.DayNumber - last.DayNumber <= maxDays)
            return;
        throw new BadInputException($"the run time {runTime:yyyy-MM-dd HH:mm:ss} is {TextReporter.Number(runDay.DayNumber - last.DayNumber)} days " +
                                    $"after the data's last day (the data covers {first:yyyy-MM-dd} to {last:yyyy-MM-dd}); at most " +
                                    $"{maxDays} days are allowed (--max-days-past-data)");
    }

    // The days of the sources' event times: one min/max of one column per source (a column store scans only that column), the
    // range of the data the selection reads without reading the rows themselves. Null when no source has an event time
    // or rows.
    private static (DateOnly First, DateOnly Last)? SourceDays(Warehouse warehouse, IEnumerable<Node> sources)
    {
        var days = sources.Where(s => s.Config.EventTime is not null)
            .Select(s => (Source: s, Day: PartitionWindow.Day(s.Config.EventTime!)))
            .Select(s => warehouse.Rows($"SELECT min({s.Day}), max({s.Day}) FROM {s.Source.QuotedRelation}")[0])
            .Where(row => row[0] is not null)
            .Select(row => (First: Warehouse.AsDate(row[0]!), Last: Warehouse.AsDate(row[1]!)))
            .ToList();
        return days.Count == 0 ? null : (days.Min(d => d.First), days.Max(d => d.Last));
    }

    internal static DateTime RunTimeFor(DateTime? asOf, ProjectOptions project, Warehouse warehouse) =>
        asOf ?? project.DefaultRunTime?.Invoke(warehouse) ?? DateTime.UtcNow;

    private static IBuildReporter Reporter(BuildRequest request, TextWriter output) =>
        request.LogFormat == "json" ? new JsonReporter(output, request.Quiet)
        : request.Live && !request.Quiet ? new LiveReporter(AnsiConsole.Console)
        : new TextReporter(output, request.Quiet);
}
