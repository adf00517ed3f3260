using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ModelDsl;
using ModelDsl.Generators;

namespace EventStream.Benchmarks.Scenarios;

/// <summary>
/// The source generator on a synthetic project of 500 models (a chain of 250, each reading the one before, and a
/// fan-out of 250 reading one staging model), driven in-process as the compiler drives it: a full run, an edit to
/// one model's SQL, and a whitespace-only edit, each on a warm driver.
/// </summary>
public sealed class Generator : IScenario
{
    public string Name => "generator";

    private const int Chain = 250, FanOut = 250;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public void Run(Harness harness)
    {
        var project = Project();
        var edited = Replace(project, "Chain125", "where id > 0", "where id > 1");
        var whitespace = Replace(project, "Chain125", "where id > 0", "where  id > 0");

        var full = harness.Report.Add(Name, $"full run, {Chain + FanOut} models", Sample.Of(harness.Runs * 5, () => Time(NewDriver(), project).Seconds));
        var edit = harness.Report.Add(Name, "run after an edit to one model's SQL", Sample.Of(harness.Runs * 5, () =>
        {
            var (driver, _) = Time(NewDriver(), project);
            return Time(driver, edited).Seconds;
        }));
        harness.Report.Add(Name, "run after a whitespace-only edit", Sample.Of(harness.Runs * 5, () =>
        {
            var (driver, _) = Time(NewDriver(), project);
            return Time(driver, whitespace).Seconds;
        }));

        harness.Report.Compare(Name, "full run (ms)", full.Median * 1000, "<=", 200);
        harness.Report.Compare(Name, "edit run / full run", edit.Median / full.Median, "<=", 1);
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

    private static GeneratorDriver NewDriver() =>
        CSharpGeneratorDriver.Create([new ModelGenerator().AsSourceGenerator()], parseOptions: ParseOptions);

    private static Compilation Replace(Compilation compilation, string model, string from, string to)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath.EndsWith($"/{model}.cs", StringComparison.Ordinal));
        return compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(tree.GetText().ToString().Replace(from, to), ParseOptions, tree.FilePath));
    }

    private static Compilation Project()
    {
        var files = new List<(string Name, string Text)>
        {
            ("Usings", "global using System;\nglobal using ModelDsl;\n"),
            ("RawItems", """
                namespace Bench;
                [Source("raw", "items")]
                public sealed partial class RawItems : SourceTable
                {
                    [Unique, NotNull] public required int Id { get; init; }
                }
                """),
            ("StgItems", Model("StgItems", "Staging", "{Source<RawItems>()}")),
        };
        for (var i = 0; i < Chain; i++)
            files.Add(($"Chain{i}", Model($"Chain{i}", "Dimension", i == 0 ? "{Ref<StgItems>()}" : $"{{Ref<Chain{i - 1}>()}}")));
        for (var i = 0; i < FanOut; i++)
            files.Add(($"Fan{i}", Model($"Fan{i}", "Dimension", "{Ref<StgItems>()}")));
        return CSharpCompilation.Create("Bench",
            files.Select(f => CSharpSyntaxTree.ParseText(f.Text, ParseOptions, $"/src/Bench/{f.Name}.cs")),
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    private static string Model(string name, string layer, string from) => $$""""
        namespace Bench;
        [{{layer}}]
        public sealed partial class {{name}} : SqlModel
        {
            [NotNull] public required int Id { get; init; }

            public override string Sql => $"""
                select id from {{from}} where id > 0
                """;
        }
        """";

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
