using EventStream.Intermediate;
using ModelDsl;

namespace EventStream.Analytics;

/// <summary>
/// Current users (soft-deleted ones removed) with their country, their lifetime activity as viewers, and their
/// live posts' metrics as creators. "Active" means within the 28 days ending on the build's logical run day.
/// </summary>
[Dimension, RowCount(Min = 1), ExpressionIsTrue("total_likes <= total_views")]
public sealed partial class DimUsers : SqlModel
{
    /// <summary>The user's id.</summary>
    [Unique, NotNull] public required string UserId { get; init; }
    /// <summary>The user's first name.</summary>
    [NotNull] public required string FirstName { get; init; }
    /// <summary>The user's last name.</summary>
    [NotNull] public required string LastName { get; init; }
    /// <summary>First and last name, separated by a space.</summary>
    [NotNull] public required string FullName { get; init; }
    /// <summary>The user's country (ISO 3166 alpha-2).</summary>
    [NotNull] public required string CountryCode { get; init; }
    /// <summary>The country's name, <c>Unknown</c> for a code not in the countries seed.</summary>
    [NotNull] public required string CountryName { get; init; }
    /// <summary>The country's region, <c>Unknown</c> for a code not in the countries seed.</summary>
    [NotNull] public required string Region { get; init; }
    /// <summary>The user's favourite colour.</summary>
    public string? FavColor { get; init; }
    /// <summary>When the user signed up (UTC).</summary>
    [NotNull] public DateTime CreatedAt { get; init; }
    /// <summary>When the user last changed (UTC).</summary>
    [NotNull] public DateTime UpdatedAt { get; init; }
    /// <summary>Views the user made, ever.</summary>
    [NotNull] public long Views { get; init; }
    /// <summary>Likes the user gave, ever.</summary>
    [NotNull] public long LikesGiven { get; init; }
    /// <summary>The user's sessions, ever.</summary>
    [NotNull] public long Sessions { get; init; }
    /// <summary>The date of the user's last event; NULL for a user with none.</summary>
    public DateOnly? LastActiveDate { get; init; }
    /// <summary>An event in the 28 days ending on the run day.</summary>
    [NotNull] public bool IsActiveViewer { get; init; }
    /// <summary>The user's live posts.</summary>
    [NotNull] public long Posts { get; init; }
    /// <summary>Views of the user's live posts, ever.</summary>
    [NotNull] public long TotalViews { get; init; }
    /// <summary>Likes of the user's live posts, ever.</summary>
    [NotNull] public long TotalLikes { get; init; }
    /// <summary>total_likes / total_views; NULL when total_views is 0.</summary>
    [AcceptedRange(Min = 0, Max = 1)] public double? LikeRatio { get; init; }
    /// <summary>A live post created in the 28 days ending on the run day.</summary>
    [NotNull] public bool IsActiveCreator { get; init; }

    public override string Sql => $"""
        with viewer as (
            select
                user_id,
                cast(sum(views) as bigint) as views,
                cast(sum(likes_given) as bigint) as likes_given,
                cast(sum(sessions) as bigint) as sessions,
                max(event_date) as last_active_date,
                bool_or(event_date between cast({RunTime} as date) - 27 and cast({RunTime} as date)) as is_active_viewer
            from {Ref<AggUserMetricsDaily>()}
            group by user_id
        ),
        creator as (
            select
                creator_id as user_id,
                count(*) as posts,
                cast(sum(views) as bigint) as total_views,
                cast(sum(likes) as bigint) as total_likes,
                bool_or(cast(created_at as date) between cast({RunTime} as date) - 27 and cast({RunTime} as date)) as is_active_creator
            from {Ref<DimPosts>()}
            group by creator_id
        )
        select
            u.user_id,
            u.first_name,
            u.last_name,
            u.full_name,
            u.country_code,
            u.country_name,
            u.region,
            u.fav_color,
            u.created_at,
            u.updated_at,
            coalesce(v.views, 0) as views,
            coalesce(v.likes_given, 0) as likes_given,
            coalesce(v.sessions, 0) as sessions,
            v.last_active_date,
            coalesce(v.is_active_viewer, false) as is_active_viewer,
            coalesce(c.posts, 0) as posts,
            coalesce(c.total_views, 0) as total_views,
            coalesce(c.total_likes, 0) as total_likes,
            cast(c.total_likes as double precision) / nullif(c.total_views, 0) as like_ratio,
            coalesce(c.is_active_creator, false) as is_active_creator
        from {Ref<IntUsers>()} u
        left join viewer v on v.user_id = u.user_id
        left join creator c on c.user_id = u.user_id
        where not u.is_deleted
        """;
}
