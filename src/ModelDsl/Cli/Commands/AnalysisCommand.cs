using System.CommandLine;
using System.Data.Common;
using ModelDsl.Catalog;
using ModelDsl.Graph;
using ModelDsl.Runtime;

namespace ModelDsl.Cli.Commands;

/// <summary>
/// <c>analysis run NAME</c>: run an analysis' compiled SQL on a built database, opened read-only, with the logical run
/// time set as <c>build</c> sets it, and print its rows; <c>analysis ls</c>: list the analyses.
/// </summary>
internal static class AnalysisCommand
{
    public static Command Create(ModelCatalog catalog, ProjectOptions project, TextWriter stdout)
    {
        var name = new Argument<string>("name") { Description = "The analysis to run (analysis ls lists them)" };
        var database = CliOptions.Database(project);
        var target = CliOptions.Target();
        var asOf = CliOptions.AsOf();
        var output = CliOptions.Output(ResultWriter.Formats);
        var limit = CliOptions.Limit("Print at most this many rows (default: all)", null);
        var run = new Command("run", "Run an analysis on the database (read-only) and print its rows") { name, database, target, asOf, output, limit };
        run.SetAction(result =>
        {
            var analysis = Resolve(catalog, result.GetValue(name)!);
            using var warehouse = Targets.Resolve(project, result, database, target).Open(readOnly: true);
            CheckBuilt(warehouse, catalog, analysis);
            warehouse.SetRunTime(BuildCommandRunner.RunTimeFor(result.GetValue(asOf), project, warehouse));
            QueryResult rows;
            try
            {
                rows = warehouse.Query(warehouse.Dialect.Render(analysis.Sql), result.GetValue(limit));
            }
            catch (DbException e)
            {
                result.InvocationConfiguration.Error.WriteLine(
                    $"error: analysis {analysis.Name} ({analysis.Location}) failed: {Warehouse.FirstLine(e.Message)}");
                return ExitCodes.NodeFailed;
            }
            ResultWriter.Write(result.GetValue(output)!, rows, analysis.Name, stdout);
            return ExitCodes.Success;
        });

        var list = new Command("ls", "List the analyses");
        list.Aliases.Add("list");
        list.SetAction(_ =>
        {
            foreach (var analysis in catalog.Nodes.Where(IsAnalysis))
                stdout.WriteLine(LsCommand.Line(analysis));
            return ExitCodes.Success;
        });
        return new Command("analysis", "Run the project's analyses: queries compiled like models, never built") { run, list };
    }

    private static bool IsAnalysis(Node node) => node.Kind == NodeKind.Analysis;

    private static Node Resolve(ModelCatalog catalog, string name)
    {
        var analyses = catalog.Nodes.Where(IsAnalysis).ToList();
        if (analyses.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase)) is { } analysis)
            return analysis;
        if (catalog.Find(name) is { } other)
            throw new BadInputException($"'{other.Name}' is a {Names.ResourceType(other)}, not an analysis (analysis ls lists them)");
        throw Selector.Unknown($"unknown analysis '{name}'", name, analyses.Select(a => a.Name));
    }

    // Before anything runs: a relation the analysis reads (through ephemeral models too) that is not in the database.
    private static void CheckBuilt(Warehouse warehouse, ModelCatalog catalog, Node analysis)
    {
        var missing = catalog.Reads(analysis)
            .Where(n => warehouse.FindRelation(n.Schema, n.Name) == RelationType.None)
            .Select(n => n.Relation)
            .ToList();
        if (missing.Count > 0)
            throw new BadInputException($"analysis {analysis.Name} reads {string.Join(", ", missing)}, not built in '{warehouse.Path}' (run build first)");
    }
}
