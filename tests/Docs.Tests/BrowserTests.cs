using System.Text.Json;
using Microsoft.Playwright;
using ModelDsl.Catalog;
using ModelDsl.Graph;


namespace EventStream.Docs.Tests;

/// <summary>The warehouse's docs site in a real headless Chromium, opened from disk.</summary>
[Collection(DocsSiteCollection.Name)]
public sealed class BrowserTests(DocsSiteFixture site)
{
    private static ModelCatalog Catalog => EventStreamProject.Catalog;

    private static Task WaitForGraph(IPage page, string id) =>
        page.WaitForFunctionAsync($"() => document.getElementById('{id}')?.dataset.ready === 'true'");

    [Fact]
    public async Task Search_finds_dim_users_whose_page_shows_its_columns_sql_graph_and_column_lineage()
    {
        var (page, network) = await site.NewPage();
        await page.GotoAsync(site.Index);

        // Search by name, open the node.
        await page.FillAsync("#search", "dim_users");
        var result = page.Locator(".search-result", new() { HasText = "dim_users" }).First;
        await result.ClickAsync();
        await Assertions.Expect(page.Locator("#node-name")).ToHaveTextAsync("dim_users");

        var dimUsers = Catalog.Find("dim_users")!;
        Assert.Equal(dimUsers.Description, await page.TextContentAsync("#description"));
        Assert.Contains("Analytics/DimUsers.cs:", await page.TextContentAsync("#location"));
        Assert.Contains("success", await page.TextContentAsync("#run-status"));
        // Every declared column, with its description and the type the database has.
        foreach (var column in dimUsers.Columns)
        {
            var row = page.Locator($"#column-{column.Name}");
            Assert.Equal(column.Name, await row.Locator(".column-name").TextContentAsync());
            Assert.Equal(column.Description, await row.Locator(".column-description").TextContentAsync());
            Assert.NotEqual("", await row.Locator(".database-type").TextContentAsync());
        }
        // The compiled SQL, highlighted.
        Assert.Equal(dimUsers.Sql.TrimEnd(), (await page.TextContentAsync("#compiled-sql"))!.TrimEnd());
        Assert.True(await page.Locator("#compiled-sql .token.keyword").CountAsync() > 10);

        // A metric column's lineage: dim_users.like_ratio comes from the post aggregates, down to raw.event.event_type.
        var likeRatio = page.Locator("#column-like_ratio .column-lineage");
        Assert.Contains("raw.event.event_type", await likeRatio.Locator(".lineage-sources").TextContentAsync());
        Assert.Contains("dim_posts.", await likeRatio.TextContentAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(DocsSiteFixture.Artifacts, "page-dim_users.png"), FullPage = true });

        // The lineage graph of +dim_users draws what the CLI's selector selects (tests aside) and the edges between them.
        await page.FillAsync("#search", "");
        await page.GotoAsync(site.Index + "#!/graph");
        await page.FillAsync("#select", "+dim_users");
        await page.PressAsync("#select", "Enter");
        await WaitForGraph(page, "graph");
        var selected = Selector.Select(Catalog, ["+dim_users"], []).Where(n => n.Kind != NodeKind.Test).ToList();
        var names = selected.Select(n => n.Name).ToHashSet();
        var edges = selected.Sum(n => n.DependsOn.Count(names.Contains));
        Assert.Equal(selected.Count, await page.EvaluateAsync<int>("() => docsGraph.nodes().length"));
        Assert.Equal(edges, await page.EvaluateAsync<int>("() => docsGraph.edges().length"));
        Assert.Equal($"{selected.Count} nodes, {edges} edges", await page.TextContentAsync("#graph-count"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(DocsSiteFixture.Artifacts, "lineage-graph-dim_users.png") });

        // Follow an edge with the mouse: clicking it opens the node it feeds.
        var edge = await page.EvaluateAsync<JsonElement>("""
            () => { const e = docsGraph.edges().filter(e => e.target().id() === 'dim_users' && e.source().id() === 'dim_posts')[0];
                    const m = e.renderedMidpoint(); const box = document.getElementById('graph').getBoundingClientRect();
                    return { x: box.left + m.x, y: box.top + m.y, target: e.target().id() }; }
            """);
        await page.Mouse.ClickAsync(edge.GetProperty("x").GetSingle(), edge.GetProperty("y").GetSingle());
        await Assertions.Expect(page.Locator("#node-name")).ToHaveTextAsync(edge.GetProperty("target").GetString()!);

        // From the page, an upstream link leads to that node's page.
        await page.Locator("#upstream a", new() { HasText = "dim_posts" }).ClickAsync();
        await Assertions.Expect(page.Locator("#node-name")).ToHaveTextAsync("dim_posts");
        await WaitForNeighbourhood(page);

        // Column lineage leads on column by column: dim_posts.like_ratio is computed from agg_post_metrics_daily.likes.
        await page.Locator("#column-like_ratio .lineage-link", new() { HasText = "agg_post_metrics_daily.likes" }).ClickAsync();
        await Assertions.Expect(page.Locator("#node-name")).ToHaveTextAsync("agg_post_metrics_daily");
        await Assertions.Expect(page.Locator("#column-likes")).ToHaveClassAsync("column target");
        Assert.Contains("raw.event.event_type", await page.Locator("#column-likes .lineage-sources").TextContentAsync());
        Assert.Empty(network);
    }

    private static Task WaitForNeighbourhood(IPage page) => page.WaitForFunctionAsync("() => window.docsNeighbourhood && !window.docsNeighbourhood.destroyed()");

    [Fact]
    public async Task Clicking_a_node_of_the_whole_graph_opens_its_page_and_a_screenshot_is_kept()
    {
        var (page, network) = await site.NewPage();
        // Wide: the whole project reads left to right.
        await page.SetViewportSizeAsync(1800, 720);
        await page.GotoAsync(site.Index);
        await WaitForGraph(page, "graph");
        Assert.Equal(Catalog.Nodes.Count(n => n.Kind != NodeKind.Test), await page.EvaluateAsync<int>("() => docsGraph.nodes().length"));
        // The README's picture (docs/lineage-graph.png) is this one.
        await page.Locator("#graph").ScreenshotAsync(new() { Path = Path.Combine(DocsSiteFixture.Artifacts, "lineage-graph.png") });

        var node = await page.EvaluateAsync<JsonElement>("""
            () => { const p = docsGraph.$id('fct_sessions').renderedPosition(); const box = document.getElementById('graph').getBoundingClientRect();
                    return { x: box.left + p.x, y: box.top + p.y }; }
            """);
        await page.Mouse.ClickAsync(node.GetProperty("x").GetSingle(), node.GetProperty("y").GetSingle());
        await Assertions.Expect(page.Locator("#node-name")).ToHaveTextAsync("fct_sessions");
        Assert.Empty(network);
    }

    [Fact]
    public async Task Every_kind_of_node_has_a_page_with_its_description_and_location()
    {
        var (page, network) = await site.NewPage();
        await page.GotoAsync(site.Index + "#!/node/dim_users");
        // One node of each resource type and layer: sources, seeds, models of each layer, snapshots, data tests, analyses.
        var kinds = Catalog.Nodes.GroupBy(n => (Names.ResourceType(n), n.Layer)).Select(g => g.First()).ToList();
        Assert.True(kinds.Count >= 10, string.Join(", ", kinds.Select(n => n.Name)));
        foreach (var node in kinds)
        {
            await page.EvaluateAsync("name => { location.hash = '#!/node/' + encodeURIComponent(name); }", node.Name);
            await Assertions.Expect(page.Locator("#node-name")).ToHaveTextAsync(node.Name);
            Assert.Equal(node.Description ?? "No description.", await page.TextContentAsync("#description"));
            Assert.Equal(node.Location, await page.TextContentAsync("#location"));
        }
        Assert.Empty(network);
    }

    [Fact]
    public async Task Search_finds_nodes_by_description_and_by_column_name()
    {
        var (page, _) = await site.NewPage();
        await page.GotoAsync(site.Index);

        await page.FillAsync("#search", "avg_session_seconds");
        Assert.Contains(await page.Locator(".search-result").AllTextContentsAsync(), r => r.StartsWith("agg_activity_daily", StringComparison.Ordinal));

        await page.FillAsync("#search", "soft-deleted");
        var byDescription = await page.Locator(".search-result").AllTextContentsAsync();
        Assert.Contains(byDescription, r => r.StartsWith("dim_users", StringComparison.Ordinal));
    }

    // Names, graph operators, methods, intersections, unions, case, and errors (which both must refuse).
    private static readonly string[] Selectors =
    [
        "dim_users", "+dim_users", "dim_users+", "2+dim_users", "fct_events+1", "@int_users", "analytics.dim_posts",
        "tag:nonexistent", "layer:staging", "layer:analytics", "layer:intermediate,+dim_posts", "resource_type:source",
        "resource_type:analysis", "resource_type:snapshot", "path:Analytics/", "path:./Staging", "stg_users stg_posts",
        "+fct_sessions,resource_type:model", "DIM_USERS", "resource_type:test,+stg_events", "unknown_node", "layer:",
        "bogus:x", "+dim_users+", "1+dim_posts+1",
    ];

    [Fact]
    public async Task The_filter_box_selects_what_the_command_line_selects()
    {
        var (page, _) = await site.NewPage();
        await page.GotoAsync(site.Index + "#!/node/stg_users");
        foreach (var selector in Selectors)
        {
            string expected;
            try
            {
                expected = string.Join(" ", Selector.Select(Catalog, [selector], []).Select(n => n.Name));
            }
            catch (ModelDsl.Runtime.BadInputException)
            {
                expected = "error";
            }
            var actual = await page.EvaluateAsync<string>(
                "s => { try { return DocsSelector.select(Object.values(DOCS.manifest.nodes), s).join(' '); } catch (e) { return 'error'; } }", selector);
            Assert.True(expected == actual, $"{selector}: the CLI selects [{expected}], the site [{actual}]");
        }
    }
}
