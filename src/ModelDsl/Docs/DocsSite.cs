using System.Reflection;
using System.Text;
using ModelDsl.Artifacts;
using ModelDsl.Catalog;
using ModelDsl.Runtime;

namespace ModelDsl.Docs;

/// <summary>
/// The documentation site under <c>target/docs/</c>: the page, its scripts, styles and graph libraries (embedded in this
/// assembly at build time) and <c>data.js</c>, which holds the manifest, the database catalog and the last run's results.
/// The data is a script rather than JSON fetched at run time so that the site works opened from disk (<c>file://</c>).
/// </summary>
public static class DocsSite
{
    public const string Folder = "docs";

    private const string ResourcePrefix = "docs/";

    /// <summary>Writes <c>manifest.json</c>, <c>catalog.json</c> and the site; returns the path of its <c>index.html</c>.</summary>
    public static string Generate(ModelCatalog catalog, string targetDirectory, Warehouse? warehouse, Func<Lineage.IQueryParser>? parser = null)
    {
        Manifest.Write(targetDirectory, catalog, parser: parser);
        DatabaseCatalog.Write(targetDirectory, catalog, warehouse);
        var site = Path.Combine(targetDirectory, Folder);
        var assembly = typeof(DocsSite).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            ArtifactJson.WriteText(Path.Combine(site, resource[ResourcePrefix.Length..]), reader.ReadToEnd());
        }
        var data = new StringBuilder("window.DOCS = {\n");
        foreach (var (key, file) in new[] { ("manifest", Manifest.FileName), ("catalog", DatabaseCatalog.FileName), ("run_results", RunResults.FileName) })
        {
            var path = Path.Combine(targetDirectory, file);
            data.Append($"\"{key}\": ").Append(File.Exists(path) ? File.ReadAllText(path) : "null").Append(",\n");
        }
        ArtifactJson.WriteText(Path.Combine(site, "data.js"), data.Append("};\n").ToString());
        return Path.Combine(site, "index.html");
    }
}
