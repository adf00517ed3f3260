using EventStream.Intermediate;
using ModelDsl;

namespace EventStream.Analytics;

/// <summary>Current users (soft-deleted ones removed) with their attributes.</summary>
[Dimension, RowCount(Min = 1)]
public sealed partial class DimUsers : SqlModel
{
    [Unique, NotNull] public required string UserId { get; init; }
    [NotNull] public required string FirstName { get; init; }
    [NotNull] public required string LastName { get; init; }
    [NotNull] public required string FullName { get; init; }
    [NotNull] public required string CountryCode { get; init; }
    public string? FavColor { get; init; }
    [NotNull] public DateTime CreatedAt { get; init; }
    [NotNull] public DateTime UpdatedAt { get; init; }

    public override string Sql => $"""
        select
            user_id,
            first_name,
            last_name,
            full_name,
            country_code,
            fav_color,
            created_at,
            updated_at
        from {Ref<IntUsers>()}
        where not is_deleted
        """;
}
