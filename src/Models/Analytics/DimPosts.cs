using EventStream.Intermediate;
using ModelDsl;

namespace EventStream.Analytics;

/// <summary>Current posts (soft-deleted ones removed) with their creator's current attributes. Metrics come later.</summary>
[Dimension]
public sealed partial class DimPosts : SqlModel
{
    [Unique, NotNull] public required string PostId { get; init; }
    [NotNull] public required string CreatorId { get; init; }
    public string? PostText { get; init; }
    [NotNull] public DateTime CreatedAt { get; init; }
    [NotNull] public DateTime UpdatedAt { get; init; }
    public string? CreatorFullName { get; init; }
    public string? CreatorCountryCode { get; init; }
    public string? CreatorRegion { get; init; }

    public override string Sql => $"""
        select
            post_id,
            creator_id,
            post_text,
            created_at,
            updated_at,
            creator_full_name,
            creator_country_code,
            creator_region
        from {Ref<IntPosts>()}
        where not is_deleted
        """;
}
