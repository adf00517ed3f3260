using System.Text.Json;
using ModelDsl.Catalog;
using ModelDsl.Lineage;
using ModelDsl.Materializations;

namespace EventStream.Docs.Tests;

/// <summary>The warehouse's column lineage: every analytics column the database has is traced to source columns or
/// reported untraceable, and known columns trace to what their SQL reads.</summary>
[Collection(DocsSiteCollection.Name)]
public sealed class WarehouseLineageTests(DocsSiteFixture site)
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<ColumnLineage>> Lineage = ProjectLineage.Compute(EventStreamProject.Catalog, () => new ModelDsl.DuckDb.DuckDbParseTree());

    private static ColumnLineage Of(string node, string column) => Lineage[node].Single(c => c.Column == column);

    [Fact]
    public void Every_analytics_column_in_the_database_is_traced_to_sources_or_reported_untraceable()
    {
        using var catalogJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(site.Target, "catalog.json")));
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(site.Target, "manifest.json")));
        var untraceable = new List<string>();
        var checkedColumns = 0;
        foreach (var built in catalogJson.RootElement.GetProperty("nodes").EnumerateObject()
                     .Where(n => n.Value.GetProperty("relation").GetString()!.StartsWith("analytics.", StringComparison.Ordinal)))
        {
            var lineage = manifest.RootElement.GetProperty("nodes").GetProperty(built.Name).GetProperty("column_lineage").EnumerateArray()
                .ToDictionary(c => c.GetProperty("column").GetString()!);
            foreach (var column in built.Value.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()!))
            {
                checkedColumns++;
                Assert.True(lineage.TryGetValue(column, out var trace), $"{built.Name}.{column} has no lineage");
                if (trace.GetProperty("untraceable").ValueKind == JsonValueKind.String)
                {
                    untraceable.Add($"{built.Name}.{column}");
                    continue;
                }
                // Traced: every source column is a column of a source or seed.
                foreach (var source in trace.GetProperty("sources").EnumerateArray())
                {
                    var node = EventStreamProject.Catalog.Find(source.GetProperty("node").GetString()!)!;
                    Assert.True(node.Kind is NodeKind.Source or NodeKind.Seed, $"{built.Name}.{column} ends at {node.Name}");
                    Assert.Contains(node.Columns, c => c.Name == source.GetProperty("column").GetString());
                }
            }
        }
        Assert.True(checkedColumns > 100, $"only {checkedColumns} analytics columns built");
        // All that cannot be traced are the SCD2 snapshots' meta columns, which the snapshot sets, not the query.
        var snapshots = EventStreamProject.Catalog.Nodes.Where(n => n.Schema == "analytics" && n.Config.Scd2 is not null);
        Assert.Equal(snapshots.SelectMany(s => SnapshotMaterialization.MetaColumns.Select(c => $"{s.Name}.{c}")).Order(), untraceable.Order());
    }

    [Fact]
    public void A_metric_traces_through_the_aggregates_to_the_raw_events()
    {
        var likeRatio = Of("dim_posts", "like_ratio");
        Assert.Equal([new ColumnRef("agg_post_metrics_daily", "likes"), new ColumnRef("agg_post_metrics_daily", "views")], likeRatio.DependsOn);
        Assert.Equal([new ColumnRef("event", "event_type")], likeRatio.Sources);
        Assert.Null(likeRatio.Untraceable);

        // Through an inlined ephemeral and a seed join.
        Assert.Equal([new ColumnRef("int_posts_current", "creator_region")], Of("dim_posts", "creator_region").DependsOn);
        Assert.Equal([new ColumnRef("countries", "region")], Of("dim_posts", "creator_region").Sources);
        // A window function's partition and order.
        Assert.Equal([new ColumnRef("event", "created_at"), new ColumnRef("event", "user_id")], Of("fct_sessions", "session_id").Sources);
        // `*` of a snapshot: its input's columns, and the meta columns reported.
        Assert.Equal(Of("dim_users", "region").Sources, Of("dim_users_snapshots", "region").Sources);
        Assert.NotNull(Of("dim_users_snapshots", "valid_from").Untraceable);
    }
}
