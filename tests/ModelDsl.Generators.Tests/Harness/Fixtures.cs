namespace Generators.Tests.Harness;

/// <summary>A tiny warehouse: a source, a staging table, an ephemeral intermediate model and a dimension.</summary>
public static class Fixtures
{
    public static readonly SourceFile RawUsers = SourceFile.Model("RawUsers", """
        namespace Shop;

        /// <summary>Users as the application stores them.</summary>
        [Source("raw", "users", EventTime = "created_at", LoadedAt = "loaded_at")]
        public sealed partial class RawUsers : SourceTable
        {
            [Unique, NotNull] public required string UserId { get; init; }
            public DateTime CreatedAt { get; init; }
        }
        """);

    public static readonly SourceFile StgUsers = SourceFile.Model("StgUsers", """"
        namespace Shop;

        /// <summary>Users with trimmed names.</summary>
        [Staging]
        public sealed partial class StgUsers : SqlModel
        {
            public override string Sql => $"""
                select user_id, trim(name) as name, created_at
                from {Source<RawUsers>()}
                """;
        }
        """");

    public static readonly SourceFile IntUsers = SourceFile.Model("IntUsers", """"
        namespace Shop;

        [Intermediate]
        public sealed partial class IntUsers : SqlModel
        {
            public override string Sql => $"""
                select user_id, name
                from {Ref<StgUsers>()}
                """;
        }
        """");

    public static readonly SourceFile DimUsers = SourceFile.Model("DimUsers", """"
        namespace Shop;

        /// <summary>One row per user.</summary>
        [Dimension]
        public sealed partial class DimUsers : SqlModel
        {
            [Unique, NotNull] public required string UserId { get; init; }
            public string? Name { get; init; }

            public override string Sql => $"""
                select user_id, name
                from {Ref<IntUsers>()}
                """;
        }
        """");

    public static SourceFile[] Warehouse => [RawUsers, StgUsers, IntUsers, DimUsers];

    /// <summary>A model file <c>/src/Models/{name}.cs</c> in namespace Shop.</summary>
    public static SourceFile Model(string name, string body) => SourceFile.Model(name, "namespace Shop;\n\n" + body);
}
