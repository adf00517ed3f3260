using System.Runtime.CompilerServices;
using ApprovalTests.Core;

namespace EventStream.Tests.CompiledSql;

/// <summary>Names a model's snapshot <c>Snapshots/&lt;schema&gt;/&lt;name&gt;.approved.sql</c>, beside this file.</summary>
internal sealed class SqlSnapshotNamer(string schema, string name, [CallerFilePath] string callerFile = "") : IApprovalNamer
{
    public static string Folder([CallerFilePath] string callerFile = "") => Path.Combine(Path.GetDirectoryName(callerFile)!, "Snapshots");

    public string SourcePath => Path.Combine(Folder(callerFile), schema);

    public string Name => name;
}
