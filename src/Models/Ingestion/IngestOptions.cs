using ModelDsl.Cli;
using ModelDsl.DuckDb;
using ModelDsl.Engines;
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

    /// <summary>The engine <see cref="DbPath"/> is a database of (a <c>--target</c>'s); DuckDB by default.</summary>
    public IEngine Engine { get; init; } = DuckDbEngine.Instance;

    public WarehouseLocation Location => new(Engine, DbPath);

    /// <summary>Ten times the largest scale benchmarked (10 000: some 40 s for 3 days); beyond it a typo would run for hours
    /// and fill the disk.</summary>
    public const int MaxScale = 100_000;
    public static readonly DateOnly DefaultStartDate = new(2100, 1, 1);

    public void Validate()
    {
        if (Days < 1) throw new BadInputException($"--days must be at least 1 (got {Days})");
        if (!(Scale > 0 && Scale <= MaxScale)) throw new BadInputException($"--scale must be greater than 0 and at most {MaxScale} (got {Scale})");
        if (string.IsNullOrWhiteSpace(DbPath)) throw new BadInputException("--db must name a database file");
        if (WipeSnapshotHistory && !FullRefresh) throw new BadInputException("--wipe-snapshot-history only applies with --full-refresh");
    }
}
