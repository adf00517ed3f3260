using System.CommandLine;
using ModelDsl.Catalog;
using ModelDsl.Graph;
using ModelDsl.Runtime;
using ModelDsl.Testing;

namespace ModelDsl.Cli.Commands;

/// <summary><c>source freshness</c>: how old each selected source's newest row is at the run time. Exit 1 if any is
/// past its error limit.</summary>
internal static class SourceFreshnessCommand
{
    public static Command Create(ModelCatalog catalog, ProjectOptions project, TextWriter stdout)
    {
        var select = CliOptions.Select();
        var exclude = CliOptions.Exclude();
        var database = CliOptions.Database(project);
        var target = CliOptions.Target();
        var asOf = CliOptions.AsOf();
        var freshness = new Command("freshness", "Report how old each source's latest loaded row is") { select, exclude, database, target, asOf };
        freshness.SetAction(result =>
        {
            var sources = Selector.Select(catalog, result.GetValue(select)!, result.GetValue(exclude)!).Where(SourceFreshness.Applies).ToList();
            using var warehouse = Targets.Resolve(project, result, database, target).Open(readOnly: true);
            var runTime = BuildCommandRunner.RunTimeFor(result.GetValue(asOf), project, warehouse);
            var results = sources.Select(s => SourceFreshness.Check(warehouse, s, runTime)).ToList();
            for (var i = 0; i < results.Count; i++)
                stdout.WriteLine($"{i + 1} of {results.Count} {results[i].Status.ToString().ToUpperInvariant()} freshness of {results[i].Source.Relation} [{results[i].Message}]");
            stdout.WriteLine($"Done: {results.Count(r => r.Status == FreshnessStatus.Pass)} PASS, {results.Count(r => r.Status == FreshnessStatus.Warn)} WARN, " +
                             $"{results.Count(r => r.Status == FreshnessStatus.Error)} ERROR, {results.Count} total");
            return results.Any(r => r.Status == FreshnessStatus.Error) ? ExitCodes.NodeFailed : ExitCodes.Success;
        });
        return new Command("source", "Commands about sources") { freshness };
    }
}
