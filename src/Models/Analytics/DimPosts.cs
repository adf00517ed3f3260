using EventStream.Intermediate;
using ModelDsl;

namespace EventStream.Analytics;

/// <summary>Current posts (soft-deleted ones removed) with their creator's current attributes and lifetime metrics.</summary>
[Dimension]
public sealed partial class DimPosts : SqlModel
{
    /// <summary>The post's id.</summary>
    [Unique, NotNull] public required string PostId { get; init; }
    /// <summary>The user who created the post.</summary>
    [NotNull] public required string CreatorId { get; init; }
    /// <summary>The text of the post.</summary>
    public string? PostText { get; init; }
    /// <summary>When the post was created (UTC).</summary>
    [NotNull] public DateTime CreatedAt { get; init; }
    /// <summary>When the post last changed (UTC).</summary>
    [NotNull] public DateTime UpdatedAt { get; init; }
    /// <summary>The creator's current full name.</summary>
    public string? CreatorFullName { get; init; }
    /// <summary>The creator's current country (ISO 3166 alpha-2).</summary>
    public string? CreatorCountryCode { get; init; }
    /// <summary>The region of the creator's current country (Unknown when the country is not in the seed).</summary>
    public string? CreatorRegion { get; init; }
    /// <summary>Views of the post, ever.</summary>
    [NotNull] public long Views { get; init; }
    /// <summary>The sum over days of each day's distinct viewers.</summary>
    [NotNull] public long UniqueViewersDays { get; init; }
    /// <summary>Likes of the post, ever.</summary>
    [NotNull] public long Likes { get; init; }
    /// <summary>likes / views; NULL when views is 0.</summary>
    [AcceptedRange(Min = 0, Max = 1)] public double? LikeRatio { get; init; }

    public override string Sql => $"""
        with metrics as (
            select
                post_id,
                cast(sum(views) as bigint) as views,
                cast(sum(unique_viewers) as bigint) as unique_viewers_days,
                cast(sum(likes) as bigint) as likes
            from {Ref<AggPostMetricsDaily>()}
            group by post_id
        )
        select
            p.post_id,
            p.creator_id,
            p.post_text,
            p.created_at,
            p.updated_at,
            p.creator_full_name,
            p.creator_country_code,
            p.creator_region,
            coalesce(m.views, 0) as views,
            coalesce(m.unique_viewers_days, 0) as unique_viewers_days,
            coalesce(m.likes, 0) as likes,
            cast(m.likes as double precision) / nullif(m.views, 0) as like_ratio
        from {Ref<IntPostsCurrent>()} p
        left join metrics m on m.post_id = p.post_id
        where not p.is_deleted
        """;
}
