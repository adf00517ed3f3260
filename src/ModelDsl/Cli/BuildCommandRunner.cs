using ModelDsl.Catalog;
using ModelDsl.Graph;
using ModelDsl.Runtime;

namespace ModelDsl.Cli;

/// <summary>
/// Runs a build the way the <c>build</c> verb does, for a project's own verbs too. Returns the exit code
/// (0 all built, 1 a node failed); bad input throws <see cref="BadInputException"/>, which the CLI maps to 2.
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
        TextWriter output,
        RefreshOptions? refresh = null)
    {
        refresh = (refresh ?? RefreshOptions.None).Validated();
        // Resolve the selection before opening the database: a typo must not create a file.
        var selected = Selector.Select(catalog, select, exclude).Select(n => n.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        using var warehouse = Warehouse.Open(databasePath);
        var runTime = asOf ?? project.DefaultRunTime?.Invoke(warehouse) ?? DateTime.UtcNow;
        var result = ProjectBuilder.Build(warehouse, catalog, new BuildOptions(runTime, selected, refresh), output);
        return result.Succeeded ? ExitCodes.Success : ExitCodes.NodeFailed;
    }
}
