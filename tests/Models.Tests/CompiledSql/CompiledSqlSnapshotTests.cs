using ApprovalTests;
using ApprovalTests.Reporters;
using ApprovalTests.Writers;
using ModelDsl.Catalog;
using ModelDsl.Generated;

namespace EventStream.Tests.CompiledSql;

/// <summary>
/// Every model's and analysis' compiled SQL is a reviewed snapshot (analyses under <c>analysis/</c>): a change to generated
/// SQL fails here until its <c>.approved.sql</c> file is updated (copy the <c>.received.sql</c> over it) and shows in code review.
/// </summary>
public sealed class CompiledSqlSnapshotTests
{
    private static IEnumerable<Node> Models => ProjectCatalog.Instance.Nodes.Where(n => n.Kind is NodeKind.Model or NodeKind.Analysis);

    public static TheoryData<string> ModelNames => [.. Models.Select(n => n.Name)];

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Compiled_sql_matches_its_approved_snapshot(string name)
    {
        var node = ProjectCatalog.Instance.Find(name)!;
        var text = $"-- {node.Relation} ({node.Materialization.ToString().ToLowerInvariant()}) from {node.File}:{node.Line}\n{node.Sql}\n";
        var namer = new SqlSnapshotNamer(node.Schema, node.Name);
        // A new model fails here, and only here, saying what to do.
        var approved = Path.Combine(namer.SourcePath, $"{node.Name}.approved.sql");
        if (!File.Exists(approved))
        {
            var received = Path.Combine(namer.SourcePath, $"{node.Name}.received.sql");
            Directory.CreateDirectory(namer.SourcePath);
            File.WriteAllText(received, text);
            Assert.Fail($"{node.Name} ({node.File}) has no approved SQL snapshot yet: review {received} and rename it to " +
                        $"{Path.GetFileName(approved)} (then commit it)");
        }
        Approvals.Verify(new ApprovalTextWriter(text, "sql"), namer, QuietReporter.INSTANCE);
    }

    [Fact]
    public void Every_approved_snapshot_belongs_to_a_model_or_an_analysis()
    {
        var expected = Models.Select(n => $"{n.Schema}/{n.Name}.approved.sql").ToHashSet();
        var orphans = Directory.GetFiles(SqlSnapshotNamer.Folder(), "*.approved.sql", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(SqlSnapshotNamer.Folder(), f).Replace('\\', '/'))
            .Where(f => !expected.Contains(f))
            .Order()
            .ToList();
        Assert.True(orphans.Count == 0,
            $"approved SQL snapshots of no model or analysis (removed or renamed): {string.Join(", ", orphans)}; delete them from {SqlSnapshotNamer.Folder()}");
    }
}
