using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using ModelDsl;
using ModelDsl.Catalog;
using ModelDsl.Generators;

namespace Generators.Tests.Harness;

/// <summary>A source file of the compiled test project, e.g. <c>("/src/Models/StgUsers.cs", "...")</c>.</summary>
public sealed record SourceFile(string Path, string Text)
{
    /// <summary>A file under <c>/src/Models/</c> named after its (first) class.</summary>
    public static SourceFile Model(string name, string text) => new($"/src/Models/{name}.cs", text);
}

/// <summary>Builds a compilation from source strings and runs <see cref="ModelGenerator"/> on it.</summary>
public static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>Every test project gets these usings, so fixtures stay short.</summary>
    public static readonly SourceFile GlobalUsings = new("/src/Models/GlobalUsings.cs", "global using System;\nglobal using ModelDsl;\n");

    private static readonly ImmutableArray<MetadataReference> References = LoadReferences();

    public static CSharpCompilation Compile(params SourceFile[] files) =>
        CSharpCompilation.Create(
            "TestModels",
            new[] { GlobalUsings }.Concat(files).Select(Parse),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static SyntaxTree Parse(SourceFile file) => CSharpSyntaxTree.ParseText(file.Text, ParseOptions, file.Path);

    public static GeneratorDriver CreateDriver(AnalyzerConfigOptionsProvider? options = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new ModelGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            optionsProvider: options,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorResult Run(params SourceFile[] files) => Run(Compile(files));

    public static GeneratorResult Run(Compilation compilation, GeneratorDriver? driver = null)
    {
        driver = (driver ?? CreateDriver()).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        return new GeneratorResult(driver, output, generatorDiagnostics);
    }

    // The runtime's own assemblies (not the test's dependencies) plus the DSL.
    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return trusted
            .Where(path => Path.GetDirectoryName(path) == runtimeDirectory)
            .Append(typeof(SqlModel).Assembly.Location)
            .Distinct()
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}

/// <summary>What one generator run produced.</summary>
public sealed class GeneratorResult(GeneratorDriver driver, Compilation output, ImmutableArray<Diagnostic> generatorDiagnostics)
{
    public GeneratorDriver Driver { get; } = driver;

    /// <summary>The input compilation with the generated trees added.</summary>
    public Compilation Output { get; } = output;

    /// <summary>Diagnostics the generator reported (MDSL...).</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; } = generatorDiagnostics;

    /// <summary>The compiler's diagnostics for the input plus the generated code.</summary>
    public ImmutableArray<Diagnostic> CompilationDiagnostics => Output.GetDiagnostics();

    /// <summary>Generated files by hint name.</summary>
    public IReadOnlyDictionary<string, string> Sources =>
        Driver.GetRunResult().Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

    public string CatalogSource => Sources["ProjectCatalog.g.cs"];

    /// <summary>Generator diagnostics with the given id.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics(string id) => GeneratorDiagnostics.Where(d => d.Id == id).ToList();

    /// <summary>Fails unless neither the generator nor the compiler reported anything (warnings included), but for MDSL012:
    /// fixtures' analytics models need no descriptions (DiagnosticTests checks MDSL012).</summary>
    public GeneratorResult AssertClean()
    {
        Assert.Empty(GeneratorDiagnostics.Where(d => d.Id != "MDSL012"));
        Assert.Empty(CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        return this;
    }

    /// <summary>
    /// Compiles the output, loads it into a collectible load context and returns
    /// <c>ModelDsl.Generated.ProjectCatalog.Instance</c> (its types are the test's own ModelDsl types).
    /// </summary>
    public ModelCatalog LoadCatalog()
    {
        using var image = new MemoryStream();
        var emit = Output.Emit(image);
        Assert.True(emit.Success, "The generated code does not compile:\n" + string.Join("\n", emit.Diagnostics));
        image.Position = 0;

        var context = new AssemblyLoadContext("generated-models", isCollectible: true);
        try
        {
            var assembly = context.LoadFromStream(image);
            var catalogType = assembly.GetType("ModelDsl.Generated.ProjectCatalog", throwOnError: true)!;
            var instance = catalogType.GetProperty("Instance", BindingFlags.Public | BindingFlags.Static)!;
            return (ModelCatalog)instance.GetValue(null)!;
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>The catalog's node with this name; fails if there is none.</summary>
    public Node Node(string name) => LoadCatalog().Find(name) ?? throw new Xunit.Sdk.XunitException($"No node '{name}' in the catalog.");
}
