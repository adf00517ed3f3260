using Microsoft.Playwright;

namespace EventStream.Docs.Tests;

/// <summary>
/// The warehouse built on a few days of mock data, its docs site generated with that database (columns, run results), and
/// the system's headless Chromium driven by Playwright. Playwright never downloads a browser: it starts
/// <see cref="Chromium"/>.
/// </summary>
public sealed class DocsSiteFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private readonly string _folder = Directory.CreateTempSubdirectory("docs-site-").FullName;
    private IPlaywright? _playwright;

    public string Database => Path.Combine(_folder, "warehouse.duckdb");

    public string Target => Path.Combine(_folder, "target");

    /// <summary>The site's page as a file:// address: the site must work opened from disk.</summary>
    public string Index => new Uri(Path.Combine(Target, "docs", "index.html")).AbsoluteUri;

    /// <summary>Where screenshots are kept after the run (a test artifact).</summary>
    public static string Artifacts => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Run("ingest", "--days", "3", "--scale", "0.2", "--db", Database);
        Run("build", "--db", Database, "--target-dir", Target, "--quiet");
        Run("docs", "generate", "--db", Database, "--target-dir", Target);

        if (!File.Exists(Chromium))
            throw new InvalidOperationException($"the browser tests need Debian's Chromium at {Chromium}: apt-get install -y chromium");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // Containers run tests as root, where Chromium's sandbox cannot start.
            Args = ["--no-sandbox"],
        });
    }

    /// <summary>A page that records every request that would leave the disk (the site must work offline) and refuses it.</summary>
    public async Task<(IPage Page, List<string> Network)> NewPage()
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        var network = new List<string>();
        await page.RouteAsync(url => !url.StartsWith("file://", StringComparison.Ordinal), async route =>
        {
            network.Add(route.Request.Url);
            await route.AbortAsync();
        });
        page.PageError += (_, error) => network.Add($"script error: {error}");
        return (page, network);
    }

    private static void Run(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = EventStreamProject.Run(args, stdout, stderr);
        if (code != 0)
            throw new InvalidOperationException($"{string.Join(' ', args)} exited {code}: {stderr}{stdout}");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class DocsSiteCollection : ICollectionFixture<DocsSiteFixture>
{
    public const string Name = "docs site";
}
