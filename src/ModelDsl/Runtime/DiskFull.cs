namespace ModelDsl.Runtime;

/// <summary>
/// A write that failed because the disk is full: from DuckDB (its IO error quotes the system's "No space left on
/// device") or from .NET. A full disk fails every later write too, so a build stops at the first one instead of
/// trying each node in turn.
/// </summary>
public static class DiskFull
{
    // The POSIX text of ENOSPC, which both DuckDB and .NET quote; the HResults are Windows' ERROR_HANDLE_DISK_FULL and
    // ERROR_DISK_FULL and Unix's ENOSPC (.NET on Unix sets an IOException's HResult to the errno).
    private const string NoSpace = "No space left on device";
    private static readonly int[] HResults = [unchecked((int)0x80070027), unchecked((int)0x80070070), 28];

    public static bool Is(Exception e) =>
        e.Message.Contains(NoSpace, StringComparison.OrdinalIgnoreCase)
        || (e is IOException && HResults.Contains(e.HResult))
        || (e.InnerException is { } inner && Is(inner));

    /// <summary>The one line said for it, with the system's own words (which name the file).</summary>
    public static string Describe(Exception e) => $"the disk is full ({Warehouse.FirstLine(e.Message)})";
}

/// <summary>The disk filled up; the message is one line saying what could not be written. The CLI exits with code 1.</summary>
public sealed class DiskFullException(string message) : Exception(message);
