using ModelDsl;

namespace EventStream.Sources;

/// <summary>One row per raw table per ingestion run: which fictional days have been ingested, and what each changed.</summary>
[Source("raw", "ingestion_audit", EventTime = "ingest_date")]
public sealed partial class RawIngestionAudit : SourceTable
{
    [NotNull] public DateOnly IngestDate { get; init; }
    [NotNull, AcceptedValues("user", "post", "event")] public required string TableName { get; init; }
    [NotNull] public long RowsInserted { get; init; }
    [NotNull] public long RowsUpdated { get; init; }
    [NotNull] public long RowsDeleted { get; init; }
    [NotNull] public DateTime RealTimestamp { get; init; }
}
