namespace ModelDsl.Runtime;

/// <summary>
/// What to build and as of when. <paramref name="Selected"/> holds node names; <c>null</c> builds every node.
/// </summary>
public sealed record BuildOptions(DateTime RunTime, IReadOnlySet<string>? Selected = null);
