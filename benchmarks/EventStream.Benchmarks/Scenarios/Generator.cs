using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ModelDsl;
using Generators.Tests.Harness;
using ModelDsl.Generators;

namespace EventStream.Benchmarks.Scenarios;

/// <summary>
/// The source generator on a synthetic project of 500 models (tests/ModelDsl.Generators.Tests/Harness/SyntheticProject.cs:
/// a chain of 250, each reading the one before, and a fan-out of 250 reading one staging model), driven in-process as the
/// compiler drives it: a full run on a new driver, then on a warm driver a run after an edit to one model's SQL and one
/// after a whitespace-only edit (a blank line in a model's class, outside its SQL), which must write the same files.
/// </summary>
public sealed class Generator : IScenario
{
    public string Name => "generator";

    private const int Chain = 250, FanOut = 250;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public void Run(Harness harness)
    {
        var project = Project();
        var edited = Replace(project, "Chain125", SyntheticProject.Filter, "where id > 1");
        var whitespace = Replace(project, "Chain125", "{\n    [NotNull]", "{\n\n    [NotNull]");
        AssertSameSources(project, whitespace);

        var full = harness.Report.Add(Name, $"full run, {Chain + FanOut} models", Sample.Of(harness.Runs * 5, () => Time(NewDriver(), project).Seconds));
        var edit = harness.Report.Add(Name, "run after an edit to one model's SQL", Sample.Of(harness.Runs * 5, () =>
        {
            var (driver, _) = Time(NewDriver(), project);
            return Time(driver, edited).Seconds;
        }));
        var moved = harness.Report.Add(Name, "run after a whitespace-only edit", Sample.Of(harness.Runs * 5, () =>
        {
            var (driver, _) = Time(NewDriver(), project);
            return Time(driver, whitespace).Seconds;
        }));

        harness.Report.Compare(Name, "full run (ms)", full.Median * 1000, "<=", 200);
        // Not near 0: on every new compilation Roslyn runs each ForAttributeWithMetadataName transform (the parse of
        // each class) again and caches only what follows by equality; see benchmarks/README.md.
        harness.Report.Compare(Name, "edit run / full run", edit.Median / full.Median, "<=", 1);
        harness.Report.Compare(Name, "whitespace run / full run", moved.Median / full.Median, "<=", 1);
    }

    private static (GeneratorDriver Driver, double Seconds) Time(GeneratorDriver driver, Compilation compilation)
    {
        var clock = Stopwatch.StartNew();
        driver = driver.RunGenerators(compilation);
        clock.Stop();
        if (driver.GetRunResult().Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } error)
            throw new InvalidOperationException($"the synthetic project does not compile: {error}");
        return (driver, clock.Elapsed.TotalSeconds);
    }

    // A whitespace-only edit that writes other files would measure a different thing than it claims.
    private static void AssertSameSources(Compilation before, Compilation after)
    {
        var (driver, _) = Time(NewDriver(), before);
        var first = Sources(driver);
        if (!first.SequenceEqual(Sources(Time(driver, after).Driver)))
            throw new InvalidOperationException("the whitespace-only edit changed the generated files");
    }

    private static IEnumerable<(string, string)> Sources(GeneratorDriver driver) =>
        driver.GetRunResult().GeneratedTrees.Select(t => (t.FilePath, t.GetText().ToString())).ToList();

    private static GeneratorDriver NewDriver() =>
        CSharpGeneratorDriver.Create([new ModelGenerator().AsSourceGenerator()], parseOptions: ParseOptions);

    private static Compilation Replace(Compilation compilation, string model, string from, string to)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == SyntheticProject.Path(model));
        var text = tree.GetText().ToString();
        if (!text.Contains(from, StringComparison.Ordinal))
            throw new InvalidOperationException($"{model} has no '{from}' to edit");
        return compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(text.Replace(from, to), ParseOptions, tree.FilePath));
    }

    private static Compilation Project() =>
        CSharpCompilation.Create("Bench",
            SyntheticProject.Files(Chain, FanOut).Select(f => CSharpSyntaxTree.ParseText(f.Text, ParseOptions, f.Path)),
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    // The runtime's own assemblies plus the DSL, as a project referencing ModelDsl compiles against.
    private static ImmutableArray<MetadataReference> References()
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => Path.GetDirectoryName(path) == runtime)
            .Append(typeof(SqlModel).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
