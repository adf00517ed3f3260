using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using ModelDsl.Artifacts;
using ModelDsl.Catalog;
using ModelDsl.Graph;
using ModelDsl.Runtime;
using ModelDsl.Testing;

namespace ModelDsl.Cli.Commands;

/// <summary><c>source freshness</c>: how old each selected source's newest row is at the run time, as lines or JSON, and
/// in <c>target/sources.json</c>. Exit 1 if any is past its error limit or cannot be read.</summary>
internal static class SourceFreshnessCommand
{
    public static Command Create(ModelCatalog catalog, ProjectOptions project, TextWriter stdout)
    {
        var select = CliOptions.Select();
        var exclude = CliOptions.Exclude();
        var database = CliOptions.Database(project);
        var target = CliOptions.Target();
        var asOf = CliOptions.AsOf();
        var output = CliOptions.Output("text", "json");
        var targetDir = CliOptions.TargetDir();
        var freshness = new Command("freshness", "Report how old each source's latest loaded row is (and write sources.json)")
        {
            select, exclude, database, target, asOf, output, targetDir,
        };
        freshness.SetAction(result =>
        {
            var sources = Selector.Select(catalog, result.GetValue(select)!, result.GetValue(exclude)!).Where(SourceFreshness.Applies).ToList();
            var total = Stopwatch.StartNew();
            using var warehouse = Targets.Resolve(project, result, database, target).Open(readOnly: true);
            var runTime = BuildCommandRunner.RunTimeFor(result.GetValue(asOf), project, warehouse);
            var checks = sources.Select(s =>
            {
                var watch = Stopwatch.StartNew();
                return (Result: SourceFreshness.Check(warehouse, s, runTime), watch.Elapsed);
            }).ToList();
            var document = SourcesFile.Document(runTime, total.Elapsed, checks);
            SourcesFile.Write(result.GetValue(targetDir)!, document);
            var results = checks.Select(c => c.Result).ToList();
            if (result.GetValue(output) == "json")
                stdout.WriteLine(JsonSerializer.Serialize(document, ArtifactJson.Options));
            else
            {
                for (var i = 0; i < results.Count; i++)
                    stdout.WriteLine($"{i + 1} of {results.Count} {results[i].Status.ToString().ToUpperInvariant()} freshness of {results[i].Source.Relation} [{results[i].Message}]");
                stdout.WriteLine($"Done: {results.Count(r => r.Status == FreshnessStatus.Pass)} PASS, {results.Count(r => r.Status == FreshnessStatus.Warn)} WARN, " +
                                 $"{results.Count(r => r.Status == FreshnessStatus.Error)} ERROR, {results.Count} total");
            }
            return results.Any(r => r.Status == FreshnessStatus.Error) ? ExitCodes.NodeFailed : ExitCodes.Success;
        });
        return new Command("source", "Commands about sources") { freshness };
    }
}
