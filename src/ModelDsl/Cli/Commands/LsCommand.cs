using System.CommandLine;
using System.Text.Json;
using ModelDsl.Artifacts;
using ModelDsl.Catalog;
using ModelDsl.Graph;

namespace ModelDsl.Cli.Commands;

/// <summary><c>ls</c>: list the selected nodes, as text or as JSON for tools.</summary>
internal static class LsCommand
{
    public static Command Create(ModelCatalog catalog, TextWriter stdout)
    {
        var select = CliOptions.Select();
        var exclude = CliOptions.Exclude();
        var resourceType = CliOptions.ResourceType();
        var format = CliOptions.Output("text", "json");
        var command = new Command("ls", "List the selected nodes, each with the nodes it depends on") { select, exclude, resourceType, format };
        command.Aliases.Add("list");
        command.SetAction(result =>
        {
            var nodes = Selector.OfResourceTypes(Selector.Select(catalog, result.GetValue(select)!, result.GetValue(exclude)!), result.GetValue(resourceType)!);
            if (result.GetValue(format) == "json")
                stdout.WriteLine(JsonSerializer.Serialize(nodes.Select(Describe), ArtifactJson.WithoutNulls));
            else
                foreach (var node in nodes)
                    stdout.WriteLine(Line(node));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A node as one line of text: its resource type and relation and materialization, or a test's or an
    /// analysis' name and description; then the nodes it depends on directly, if any (<c>&lt;- a, b</c>).</summary>
    internal static string Line(Node node) =>
        (Names.Relation(node) is { } relation
            ? $"{Names.ResourceType(node)} {relation} ({Names.Lower(node.Materialization)})"
            : $"{Names.ResourceType(node)} {node.Name} ({node.Description})")
        + (node.DependsOn.Count > 0 ? $" <- {string.Join(", ", node.DependsOn)}" : "");

    private static NodeListing Describe(Node node) => new(
        node.Name,
        Names.Relation(node),
        node.Schema,
        Names.ResourceType(node),
        Names.Lower(node.Layer),
        Names.Lower(node.Materialization),
        node.DependsOn,
        node.Config.Tags,
        node.File,
        node.Line,
        node.Description,
        node.Columns.Select(c => new ColumnListing(c.Name, c.SqlType, c.Nullable, c.Description, c.Tests.Select(t => t.Kind).ToList())).ToList(),
        node.Config.Test);

    private sealed record NodeListing(
        string Name,
        string? Relation,
        string Schema,
        string ResourceType,
        string Layer,
        string Materialization,
        IReadOnlyList<string> DependsOn,
        IReadOnlyList<string> Tags,
        string File,
        int Line,
        string? Description,
        IReadOnlyList<ColumnListing> Columns,
        TestConfig? Test);

    private sealed record ColumnListing(string Name, string Type, bool Nullable, string? Description, IReadOnlyList<string> Tests);
}
