using ModelDsl.Runtime;
namespace EventStream.Ingestion;

/// <summary>What one ingestion run should do. <see cref="StartDate"/> only applies to a database with no day yet.</summary>
public sealed record IngestOptions(
    string DbPath,
    int Days = 1,
    int Seed = IngestOptions.DefaultSeed,
    double Scale = 1,
    DateOnly? StartDate = null,
    bool FullRefresh = false,
    bool WipeSnapshotHistory = false)
{
    public const int DefaultSeed = 42;
    public static readonly DateOnly DefaultStartDate = new(2100, 1, 1);

    public void Validate()
    {
        if (Days < 1) throw new BadInputException($"--days must be at least 1 (got {Days})");
        if (!(Scale > 0) || double.IsInfinity(Scale)) throw new BadInputException($"--scale must be a positive number (got {Scale})");
        if (string.IsNullOrWhiteSpace(DbPath)) throw new BadInputException("--db must name a database file");
        if (WipeSnapshotHistory && !FullRefresh) throw new BadInputException("--wipe-snapshot-history only applies with --full-refresh");
    }
}
