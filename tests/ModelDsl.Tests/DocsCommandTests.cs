using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ModelDsl.Catalog;
using ModelDsl.Cli;
using ModelDsl.Docs;
using ModelDsl.Runtime;
using static ModelDslTests.TestNodes;

namespace ModelDslTests;

/// <summary><c>docs generate</c> and the server behind <c>docs serve</c> (the site itself is tested in a browser, in Docs.Tests).</summary>
public sealed class DocsCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static readonly ModelCatalog Catalog = TestNodes.Catalog(
        Source("raw_users"),
        Model("stg_users", """select id, id * 2 as doubled from "raw"."raw_users" """, Materialization.Table, "staging", "raw_users"));

    private string Target => _folder.File("target");

    public void Dispose() => _folder.Dispose();

    private (int Code, string Out, string Err) Cli(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = ModelCli.Run(args, Catalog, TestProject.Options() with { DefaultDatabase = _folder.File("default.duckdb") }, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Generate_without_a_database_writes_the_site_with_the_manifest_and_an_empty_catalog()
    {
        var (code, output, _) = Cli("docs", "generate", "--target-dir", Target);

        Assert.Equal(0, code);
        Assert.Contains("no database", output);
        Assert.False(File.Exists(_folder.File("default.duckdb")));
        foreach (var file in new[] { "index.html", "app.js", "selector.js", "style.css", "data.js", "vendor/cytoscape.min.js", "vendor/elk.bundled.js", "vendor/prism-core.min.js" })
            Assert.True(new FileInfo(Path.Combine(Target, "docs", file)).Length > 0, file);
        using var catalog = JsonDocument.Parse(File.ReadAllText(Path.Combine(Target, "catalog.json")));
        Assert.Empty(catalog.RootElement.GetProperty("nodes").EnumerateObject());
        var data = File.ReadAllText(Path.Combine(Target, "docs", "data.js"));
        Assert.StartsWith("window.DOCS = {", data);
        Assert.Contains("\"run_results\": null", data);
        Assert.Contains("\"column_lineage\"", data);
    }

    [Fact]
    public void Generate_with_a_database_lists_the_columns_it_has_and_leaves_it_unchanged()
    {
        var db = _folder.File("w.duckdb");
        using (var warehouse = DuckDbWarehouse.Open(db))
            warehouse.Execute("""CREATE SCHEMA raw; CREATE TABLE raw.raw_users (id INTEGER, name VARCHAR); CREATE SCHEMA staging; CREATE TABLE staging.stg_users AS SELECT 1 AS id, 2::BIGINT AS doubled""");
        var before = File.ReadAllBytes(db);

        var (code, _, _) = Cli("docs", "generate", "--db", db, "--target-dir", Target);

        Assert.Equal(0, code);
        Assert.Equal(before, File.ReadAllBytes(db));
        using var catalog = JsonDocument.Parse(File.ReadAllText(Path.Combine(Target, "catalog.json")));
        var nodes = catalog.RootElement.GetProperty("nodes");
        Assert.Equal(["id:INTEGER", "name:VARCHAR"], Columns(nodes.GetProperty("raw_users")));
        Assert.Equal(["id:INTEGER", "doubled:BIGINT"], Columns(nodes.GetProperty("stg_users")));
        Assert.Equal(db, catalog.RootElement.GetProperty("metadata").GetProperty("database").GetString());
    }

    private static List<string> Columns(JsonElement node) =>
        node.GetProperty("columns").EnumerateArray().Select(c => $"{c.GetProperty("name").GetString()}:{c.GetProperty("type").GetString()}").ToList();

    [Fact]
    public void A_database_named_that_does_not_exist_is_bad_input()
    {
        CliTests.AssertOneLineError(Cli("docs", "generate", "--db", _folder.File("missing.duckdb"), "--target-dir", Target), "missing.duckdb");
        Assert.False(File.Exists(_folder.File("missing.duckdb")));
    }

    [Fact]
    public void Serve_without_a_generated_site_is_bad_input()
    {
        CliTests.AssertOneLineError(Cli("docs", "serve", "--target-dir", Target), "run 'docs generate' first");
        CliTests.AssertOneLineError(Cli("docs", "serve", "--port", "70000"), "--port must be a port number from 1 to 65535, not '70000'");
    }

    [Fact]
    public async Task The_server_serves_the_site_on_127_0_0_1_and_nothing_outside_it()
    {
        Assert.Equal(0, Cli("docs", "generate", "--target-dir", Target).Code);
        File.WriteAllText(_folder.File("secret.txt"), "not for the browser");
        using var server = new DocsServer(Path.Combine(Target, "docs"), FreePort());
        using var http = new HttpClient();

        Assert.StartsWith("http://127.0.0.1:", server.Address);
        var index = await http.GetAsync(server.Address);
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<script src=\"app.js\"></script>", await index.Content.ReadAsStringAsync());
        Assert.StartsWith("window.DOCS = {", await http.GetStringAsync(server.Address + "data.js"));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(server.Address + "..%2F..%2Fsecret.txt")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(server.Address + "nothing.js")).StatusCode);
    }

    [Fact]
    public async Task Docs_serve_prints_its_address_serves_until_ctrl_c_and_exits_0()
    {
        if (OperatingSystem.IsWindows())
            return; // no kill -INT
        Assert.Equal(0, ModelCli.Run(["docs", "generate", "--target-dir", Target], ChildProcess.SlowCatalog, TestProject.Options(), TextWriter.Null, TextWriter.Null));
        var port = FreePort();
        using var child = Process.Start(new ProcessStartInfo(
            "dotnet", ["exec", ChildProcess.Program, "docs-serve", Target, port.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        try
        {
            Assert.Equal($"Serving the docs at http://127.0.0.1:{port}/ (Ctrl-C to stop)", child.StandardOutput.ReadLine());
            using var http = new HttpClient();
            Assert.Contains("<title>", await http.GetStringAsync($"http://127.0.0.1:{port}/index.html"));

            Process.Start("kill", ["-INT", child.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();

            Assert.True(child.WaitForExit(TimeSpan.FromSeconds(30)), "the server stops on Ctrl-C");
            Assert.Equal(0, child.ExitCode);
            Assert.Equal("", await child.StandardError.ReadToEndAsync());
        }
        finally
        {
            if (!child.HasExited)
                child.Kill(entireProcessTree: true);
            child.WaitForExit();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
