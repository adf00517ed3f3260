using Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using ModelDsl.Generators;
using static Microsoft.CodeAnalysis.IncrementalStepRunReason;

namespace Generators.Tests;

/// <summary>
/// What each tracked step does on the second run after an edit, output by output: an edit re-runs only the steps of
/// what it changed, locations and diagnostics never reach the outputs' values, and the generated files are the same
/// bytes whenever no step that feeds them was Modified.
/// </summary>
public class CacheabilityTests
{
    private const string Stg = "global::Shop.StgUsers", Int = "global::Shop.IntUsers", Dim = "global::Shop.DimUsers", Raw = "global::Shop.RawUsers";

    private static readonly SourceFile Unrelated = new("/src/Models/Helpers.cs", """
        namespace Shop;

        // A helper that has nothing to do with models.
        public static class Helpers
        {
            public static int Twice(int x) => 2 * x;
        }
        """);

    /// <summary>The second of two runs of one driver: on the warehouse, then on <c>edit(warehouse)</c>.</summary>
    private sealed class Rerun
    {
        public Rerun(Func<Compilation, Compilation> edit, params SourceFile[] extra)
        {
            var before = GeneratorHarness.Compile([.. Fixtures.Warehouse, Unrelated, .. extra]);
            First = GeneratorHarness.Run(before);
            Second = GeneratorHarness.Run(edit(before), First.Driver);
            Result = Second.Driver.GetRunResult().Results.Single();
            Assert.Null(Result.Exception);
        }

        public GeneratorResult First { get; }

        public GeneratorResult Second { get; }

        public GeneratorRunResult Result { get; }

        /// <summary>Each output of a per-node step, by the node it belongs to.</summary>
        public Dictionary<string, IncrementalStepRunReason> PerNode(string step) =>
            Result.TrackedSteps[step].SelectMany(s => s.Outputs).ToDictionary(o => NodeOf(o.Value), o => o.Reason);

        /// <summary>The one output of a whole-project step.</summary>
        public IncrementalStepRunReason Whole(string step) => Assert.Single(Result.TrackedSteps[step].SelectMany(s => s.Outputs)).Reason;

        /// <summary>Asserts every node's output of <paramref name="step"/> is <paramref name="others"/> but the ones named.</summary>
        public void Expect(string step, IncrementalStepRunReason others, params (string Node, IncrementalStepRunReason Reason)[] named)
        {
            var actual = PerNode(step);
            var expected = actual.Keys.ToDictionary(node => node, node => named.FirstOrDefault(n => n.Node == node).Node != null
                ? named.First(n => n.Node == node).Reason
                : others);
            Assert.All(named, n => Assert.Contains(n.Node, actual.Keys));
            Assert.Equal(Describe(expected), Describe(actual));
        }

        /// <summary>
        /// Asserts every output of the steps from <see cref="ModelGenerator.ShapeStep"/> on (and of <paramref name="alsoCached"/>)
        /// is Cached and the generated files are the same text as after the first run.
        /// </summary>
        public void AssertAllCached(params string[] alsoCached)
        {
            foreach (var step in alsoCached.Concat([ModelGenerator.ShapeStep, ModelGenerator.CompileStep, ModelGenerator.EntryStep]))
                Expect(step, Cached);
            Assert.Equal(Cached, Whole(ModelGenerator.GraphStep));
            Assert.Equal(Cached, Whole(ModelGenerator.CatalogStep));
            AssertSameSources();
        }

        /// <summary>Asserts only <paramref name="node"/> was parsed again, to an equal spec, and nothing after it ran.</summary>
        public void AssertOnlyMoved(string node)
        {
            Expect(ModelGenerator.ParseStep, Cached, (node, Modified));
            Expect(ModelGenerator.SpecStep, Cached, (node, Unchanged));
            AssertAllCached();
        }

        /// <summary>Asserts the generated files are the same text as after the first run.</summary>
        public void AssertSameSources() => Assert.Equal(First.Sources, Second.Sources);

        private static string Describe(Dictionary<string, IncrementalStepRunReason> reasons) =>
            string.Join(", ", reasons.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Key + ": " + r.Value));
    }

    // The pipeline's records are the generator's own (internal): a per-node output names its node by TypeName, on
    // itself or on its Spec.
    private static string NodeOf(object value)
    {
        if (value.GetType().GetProperty("TypeName")?.GetValue(value) is string name)
            return name;
        var spec = value.GetType().GetProperty("Spec")!.GetValue(value)!;
        return (string)spec.GetType().GetProperty("TypeName")!.GetValue(spec)!;
    }

    private static Compilation Replace(Compilation compilation, string path, string from, string to)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        var text = tree.GetText().ToString();
        Assert.Contains(from, text);
        return compilation.ReplaceSyntaxTree(tree, GeneratorHarness.Parse(new SourceFile(path, text.Replace(from, to))));
    }

    [Fact]
    public void Adding_an_unrelated_file_leaves_every_step_cached()
    {
        var run = new Rerun(c => c.AddSyntaxTrees(GeneratorHarness.Parse(new SourceFile("/src/Models/More.cs", "namespace Shop; public sealed class More { }"))));

        run.AssertAllCached(ModelGenerator.ParseStep, ModelGenerator.SpecStep);
    }

    [Fact]
    public void Editing_an_unrelated_file_leaves_every_step_cached()
    {
        var run = new Rerun(c => Replace(c, Unrelated.Path, "2 * x", "x + x"));

        run.AssertAllCached(ModelGenerator.ParseStep, ModelGenerator.SpecStep);
    }

    [Fact]
    public void Editing_one_models_sql_compiles_and_writes_only_that_model_again()
    {
        var run = new Rerun(c => Replace(c, Fixtures.StgUsers.Path, "trim(name)", "lower(name)"));

        run.Expect(ModelGenerator.ParseStep, Cached, (Stg, Modified));
        run.Expect(ModelGenerator.SpecStep, Cached, (Stg, Modified));
        // Its references did not change: the graph is not built again.
        run.Expect(ModelGenerator.ShapeStep, Cached, (Stg, Unchanged));
        Assert.Equal(Cached, run.Whole(ModelGenerator.GraphStep));
        run.Expect(ModelGenerator.CompileStep, Cached, (Stg, Modified));
        run.Expect(ModelGenerator.EntryStep, Cached, (Stg, Modified));
        Assert.Equal(Modified, run.Whole(ModelGenerator.CatalogStep));
        Assert.Contains("lower(name)", run.Second.CatalogSource);
        Assert.Equal(run.First.Sources.Where(s => s.Key != "ProjectCatalog.g.cs"), run.Second.Sources.Where(s => s.Key != "ProjectCatalog.g.cs"));
    }

    [Fact]
    public void Editing_an_ephemeral_models_sql_compiles_again_the_models_that_inline_it()
    {
        var run = new Rerun(c => Replace(c, Fixtures.IntUsers.Path, "select user_id, name", "select user_id, upper(name) as name"));

        run.Expect(ModelGenerator.ShapeStep, Cached, (Int, Modified));
        Assert.Equal(Modified, run.Whole(ModelGenerator.GraphStep));
        // Every node is compiled again against the new graph; only the ephemeral and its reader come out different.
        run.Expect(ModelGenerator.CompileStep, Unchanged, (Int, Modified), (Dim, Modified));
        run.Expect(ModelGenerator.EntryStep, Cached, (Int, Modified), (Dim, Modified));
        Assert.Equal(Modified, run.Whole(ModelGenerator.CatalogStep));
        Assert.Contains("upper(name)", run.Second.Node("dim_users").Sql);
    }

    [Fact]
    public void A_whitespace_only_edit_changes_no_output()
    {
        // Below the class's first line, so the catalog's Line stays; the SQL's own text is kept as written, so
        // whitespace inside it is an edit to the SQL.
        var run = new Rerun(c => Replace(c, Fixtures.StgUsers.Path, "{\n    public override", "{\n\n        public  override"));

        run.AssertOnlyMoved(Stg);
    }

    [Fact]
    public void Adding_a_model_builds_the_graph_again_and_writes_only_the_new_entry()
    {
        var added = Fixtures.Model("DimNames", """"
            /// <summary>Distinct names.</summary>
            [Dimension]
            public sealed partial class DimNames : SqlModel
            {
                public override string Sql => $"""
                    select distinct name from {Ref<DimUsers>()}
                    """;
            }
            """");
        var run = new Rerun(c => c.AddSyntaxTrees(GeneratorHarness.Parse(added)));

        const string Names = "global::Shop.DimNames";
        run.Expect(ModelGenerator.ParseStep, Cached, (Names, New));
        run.Expect(ModelGenerator.ShapeStep, Cached, (Names, New));
        Assert.Equal(Modified, run.Whole(ModelGenerator.GraphStep));
        run.Expect(ModelGenerator.CompileStep, Unchanged, (Names, New));
        run.Expect(ModelGenerator.EntryStep, Cached, (Names, New));
        Assert.Equal(Modified, run.Whole(ModelGenerator.CatalogStep));
        Assert.Equal(["dim_users"], run.Second.Node("dim_names").DependsOn);
    }

    [Fact]
    public void A_moved_warning_is_reported_at_its_new_place_and_no_output_runs_again()
    {
        // DimUsers' columns have no summary (MDSL012): a blank line above them moves the warnings.
        var run = new Rerun(c => Replace(c, Fixtures.DimUsers.Path, "{\n    [Unique, NotNull]", "{\n\n    [Unique, NotNull]"));

        run.AssertOnlyMoved(Dim);
        var before = run.First.Diagnostics("MDSL012").Select(d => d.Location.GetLineSpan().StartLinePosition.Line).ToList();
        var after = run.Second.Diagnostics("MDSL012").Select(d => d.Location.GetLineSpan().StartLinePosition.Line).ToList();
        Assert.Equal(2, before.Count);
        Assert.Equal(before.Select(line => line + 1), after);
    }

    [Fact]
    public void A_moved_reference_error_is_reported_at_its_new_place_and_the_graph_stays_cached()
    {
        var broken = MarkedFile.Model("DimBroken", """"
            namespace Shop;

            /// <summary>Reads a type that is no model.</summary>
            [Dimension]
            public sealed partial class DimBroken : SqlModel
            {
                public override string Sql => $"""
                    select * from {Ref<[|Helpers|]>()}
                    """;
            }
            """");
        var run = new Rerun(c => Replace(c, broken.File.Path, "{\n    public override", "{\n\n    public override"), broken.File);

        Assert.Equal(Cached, run.Whole(ModelGenerator.GraphStep));
        Assert.Equal(Cached, run.Whole(ModelGenerator.CatalogStep));
        broken.AssertIsLocationOf(Assert.Single(run.First.Diagnostics("MDSL001")).Location);
        var moved = Assert.Single(run.Second.Diagnostics("MDSL001")).Location.GetLineSpan();
        Assert.Equal(broken.File.Path, moved.Path);
        Assert.Equal(SourceText(broken).Lines.GetLinePosition(broken.Span.Start).Line + 1, moved.StartLinePosition.Line);
    }

    private static Microsoft.CodeAnalysis.Text.SourceText SourceText(MarkedFile file) => Microsoft.CodeAnalysis.Text.SourceText.From(file.File.Text);

    [Fact]
    public void On_500_models_an_edit_to_one_model_compiles_only_that_model_again()
    {
        var files = SyntheticProject.Files(chain: 250, fanOut: 249);
        var before = GeneratorHarness.Compile([.. files.Select(f => new SourceFile(f.Path, f.Text))]);
        var first = GeneratorHarness.Run(before);
        var edited = Replace(before, SyntheticProject.Path("Chain125"), SyntheticProject.Filter, "where id > 1");
        var result = GeneratorHarness.Run(edited, first.Driver).Driver.GetRunResult().Results.Single();

        var compiled = result.TrackedSteps[ModelGenerator.CompileStep].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(501, compiled.Count);
        Assert.Equal("global::Bench.Chain125", NodeOf(Assert.Single(compiled, o => o.Reason != Cached).Value));
        Assert.Equal(Modified, Assert.Single(compiled, o => o.Reason != Cached).Reason);
        Assert.Equal(Cached, Assert.Single(result.TrackedSteps[ModelGenerator.GraphStep].SelectMany(s => s.Outputs)).Reason);
    }
}
