using ModelDsl.Catalog;
using ModelDsl.Runtime;

namespace EventStream.Models.Tests.Pipeline;

/// <summary>The warehouse's models built by the real runtime on a small raw fixture; values checked by hand.</summary>
public sealed class PipelineTests
{
    private static readonly DateTime RunTime = new(2100, 1, 2, 23, 59, 59, DateTimeKind.Utc);

    private static (DuckDbWarehouse Warehouse, BuildResult Result) BuildAll()
    {
        var warehouse = RawFixture.Create();
        var result = ProjectBuilder.Build(warehouse, EventStreamProject.Catalog, new BuildOptions(RunTime), new StringWriter());
        return (warehouse, result);
    }

    private static List<string> Rows(DuckDbWarehouse warehouse, string sql)
    {
        using var command = warehouse.Connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        return rows;
    }

    [Fact]
    public void Every_model_builds_on_the_fixture()
    {
        var (warehouse, result) = BuildAll();
        using (warehouse)
        {
            Assert.True(result.Succeeded, string.Join("\n", result.Nodes.Select(n => $"{n.Node.Name}: {n.Status} {n.Message}")));
            var models = EventStreamProject.Catalog.Nodes.Where(n => n.Kind == NodeKind.Model).Select(n => n.Name);
            Assert.Equal(models.Order(), result.Nodes.Where(n => n.Node.Kind == NodeKind.Model).Select(n => n.Node.Name).Order());
        }
    }

    [Fact]
    public void Stg_users_standardizes_names_and_country_codes()
    {
        var (warehouse, _) = BuildAll();
        using (warehouse)
        {
            Assert.Equal(
                ["u1|Ada Lovelace|GB|red", "u2|Alan Turing|GB|null", "u3|Grace Hopper|US|blue"],
                Rows(warehouse, "select user_id, full_name, country_code, fav_color from staging.stg_users order by user_id"));
        }
    }

    [Fact]
    public void Stg_events_flags_likes_and_their_day()
    {
        var (warehouse, _) = BuildAll();
        using (warehouse)
        {
            Assert.Equal(
                ["e1|False|2100-01-01", "e2|True|2100-01-01", "e3|False|2100-01-02", "e4|False|2100-01-02"],
                Rows(warehouse, "select event_id, is_like, strftime(partition_date, '%Y-%m-%d') from staging.stg_events order by event_id"));
        }
    }

    [Fact]
    public void Dim_users_holds_current_users_without_soft_deleted_ones()
    {
        var (warehouse, _) = BuildAll();
        using (warehouse)
        {
            Assert.Equal(
                ["u1|Ada Lovelace|GB", "u2|Alan Turing|GB"],
                Rows(warehouse, "select user_id, full_name, country_code from analytics.dim_users order by user_id"));
        }
    }

    [Fact]
    public void Ephemeral_int_events_attributes_each_event_to_the_posts_creator()
    {
        var (warehouse, _) = BuildAll();
        using (warehouse)
        {
            // Ephemeral models are not built; their compiled SQL (with inlined CTEs) runs as it stands.
            var intEvents = EventStreamProject.Catalog.Find("int_events")!;
            Assert.Equal(
                ["e1|u2|p1|u1", "e2|u2|p1|u1", "e3|u1|p2|u3", "e4|u3|p1|u1"],
                Rows(warehouse, $"select event_id, viewer_id, post_id, creator_id from ({intEvents.Sql}) order by event_id"));
        }
    }

    [Fact]
    public void A_failing_staging_model_skips_what_depends_on_it_and_builds_the_rest()
    {
        using var warehouse = RawFixture.Create();
        // Rename a column no source test looks at: the source passes its tests, stg_users' SQL no longer binds.
        warehouse.Execute("""alter table raw."user" rename column favorite_color to colour""");

        var result = ProjectBuilder.Build(warehouse, EventStreamProject.Catalog, new BuildOptions(RunTime), new StringWriter());

        var stgUsers = result.For("stg_users")!;
        Assert.Equal(NodeStatus.Error, stgUsers.Status);
        Assert.Contains("staging.stg_users (Staging/StgUsers.cs:", stgUsers.Message);
        Assert.Contains("favorite_color", stgUsers.Message);
        Assert.Equal(NodeStatus.Skipped, result.For("dim_users")!.Status);
        Assert.Equal(NodeStatus.Success, result.For("stg_events")!.Status);
        Assert.Equal(NodeStatus.Success, result.For("stg_posts")!.Status);
    }
}
