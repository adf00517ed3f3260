using System.Collections.Generic;
using System.Linq;

namespace Generators.Tests.Harness;

/// <summary>
/// A synthetic project for the generator at scale: a source, a staging model, a chain of <c>chain</c> dimensions each
/// reading the one before, and a fan-out of <c>fanOut</c> dimensions reading the staging model. Also compiled into the
/// benchmark harness (benchmarks/EventStream.Benchmarks), so both measure the same project.
/// </summary>
public static class SyntheticProject
{
    /// <summary>Text every model's SQL carries, so an edit can find it.</summary>
    public const string Filter = "where id > 0";

    /// <summary>The files as (path, text), under <c>/src/Bench/</c>, a file per class named after it.</summary>
    public static IReadOnlyList<(string Path, string Text)> Files(int chain, int fanOut)
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
        for (var i = 0; i < chain; i++)
            files.Add(($"Chain{i}", Model($"Chain{i}", "Dimension", i == 0 ? "{Ref<StgItems>()}" : $"{{Ref<Chain{i - 1}>()}}")));
        for (var i = 0; i < fanOut; i++)
            files.Add(($"Fan{i}", Model($"Fan{i}", "Dimension", "{Ref<StgItems>()}")));
        return files.Select(f => (Path(f.Name), f.Text)).ToList();
    }

    /// <summary>The path of the file that holds <paramref name="className"/>.</summary>
    public static string Path(string className) => $"/src/Bench/{className}.cs";

    private static string Model(string name, string layer, string from) => $$""""
        namespace Bench;
        [{{layer}}]
        public sealed partial class {{name}} : SqlModel
        {
            [NotNull] public required int Id { get; init; }

            public override string Sql => $"""
                select id from {{from}} {{Filter}}
                """;
        }
        """";
}
