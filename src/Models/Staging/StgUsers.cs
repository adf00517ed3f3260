using EventStream.Sources;
using ModelDsl;

namespace EventStream.Staging;

/// <summary>
/// Users from the raw layer with standardized names: one row per user, soft-deleted ones included. A build rewrites
/// the users changed (created, edited, deleted) on the days it processes.
/// </summary>
[Staging]
[Incremental(Grain = Grain.Key, UniqueKey = "user_id", EventTime = "updated_at")]
public sealed partial class StgUsers : SqlModel
{
    [Unique, NotNull] public required string UserId { get; init; }
    [NotNull] public required string FirstName { get; init; }
    [NotNull] public required string LastName { get; init; }
    [NotNull] public required string FullName { get; init; }
    [NotNull] public DateTime CreatedAt { get; init; }
    [NotNull] public DateTime UpdatedAt { get; init; }
    public DateTime? DeletedAt { get; init; }
    /// <summary>Upper-cased and trimmed.</summary>
    [NotNull] public required string CountryCode { get; init; }
    public string? FavColor { get; init; }

    public override string Sql => $"""
        select
            user_id,
            first_name,
            last_name,
            first_name || ' ' || last_name as full_name,
            created_at,
            updated_at,
            deleted_at,
            upper(trim(country_code)) as country_code,
            favorite_color as fav_color
        from {Source<RawUser>()}
        """;
}
