namespace ModelDsl.Runtime;

/// <summary>
/// What to build and as of when. <paramref name="Selected"/> holds node names; <c>null</c> builds every node.
/// <paramref name="Threads"/> independent nodes run at once, each on its own connection; <paramref name="FailFast"/>
/// skips everything not yet started after the first failure; <paramref name="StoreFailures"/> keeps each failing
/// test's rows in the audit schema.
/// </summary>
public sealed record BuildOptions(
    DateTime RunTime,
    IReadOnlySet<string>? Selected = null,
    int Threads = 1,
    bool FailFast = false,
    bool StoreFailures = false);
