using Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using ModelDsl.Generators;

namespace Generators.Tests;

/// <summary>
/// The pipeline's values are plain records: an edit that does not touch a model must leave every tracked
/// step's outputs Cached or Unchanged, so the IDE does no work on unrelated keystrokes.
/// </summary>
public class CacheabilityTests
{
    private static readonly string[] TrackedSteps = [ModelGenerator.ParseStep, ModelGenerator.CatalogStep];

    private static readonly SourceFile Unrelated = new("/src/Models/Helpers.cs", """
        namespace Shop;

        // A helper that has nothing to do with models.
        public static class Helpers
        {
            public static int Twice(int x) => 2 * x;
        }
        """);

    /// <summary>Runs the driver on <paramref name="before"/>, then again on <c>edit(before)</c>; returns the second run.</summary>
    private static GeneratorRunResult RunTwice(Func<Compilation, Compilation> edit)
    {
        var before = GeneratorHarness.Compile([.. Fixtures.Warehouse, Unrelated]);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(before);
        return driver.RunGenerators(edit(before)).GetRunResult().Results.Single();
    }

    private static IEnumerable<(string Step, IncrementalStepRunReason Reason)> Outputs(GeneratorRunResult run, string step) =>
        run.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => (step, o.Reason));

    private static void AssertAllCachedOrUnchanged(GeneratorRunResult run)
    {
        Assert.Null(run.Exception);
        foreach (var step in TrackedSteps)
        {
            var outputs = Outputs(run, step).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(
                o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{o.Step} output was {o.Reason}"));
        }
    }

    private static Compilation Replace(Compilation compilation, string path, Func<string, string> edit)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        var edited = GeneratorHarness.Parse(new SourceFile(path, edit(tree.GetText().ToString())));
        return compilation.ReplaceSyntaxTree(tree, edited);
    }

    [Fact]
    public void Adding_an_unrelated_file_leaves_every_step_cached()
    {
        var run = RunTwice(c => c.AddSyntaxTrees(GeneratorHarness.Parse(new SourceFile("/src/Models/More.cs", "namespace Shop; public sealed class More { }"))));

        AssertAllCachedOrUnchanged(run);
    }

    [Fact]
    public void Editing_an_unrelated_file_leaves_every_step_cached()
    {
        var run = RunTwice(c => Replace(c, Unrelated.Path, text => text.Replace("2 * x", "x + x").Replace("nothing to do", "no relation")));

        AssertAllCachedOrUnchanged(run);
    }

    [Fact]
    public void Editing_a_models_sql_modifies_the_catalog()
    {
        var run = RunTwice(c => Replace(c, Fixtures.StgUsers.Path, text => text.Replace("trim(name)", "lower(name)")));

        Assert.Contains((ModelGenerator.ParseStep, IncrementalStepRunReason.Modified), Outputs(run, ModelGenerator.ParseStep));
        Assert.Contains((ModelGenerator.CatalogStep, IncrementalStepRunReason.Modified), Outputs(run, ModelGenerator.CatalogStep));
    }
}
