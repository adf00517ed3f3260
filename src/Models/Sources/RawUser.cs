using ModelDsl;

namespace EventStream.Sources;

/// <summary>Users of the platform as the application database holds them; soft-deleted rows keep their data.</summary>
[Source("raw", "user", EventTime = "updated_at", LoadedAt = "updated_at")]
public sealed partial class RawUser : SourceTable
{
    [Unique, NotNull] public required string UserId { get; init; }
    [NotNull] public required string FirstName { get; init; }
    [NotNull] public required string LastName { get; init; }
    [NotNull] public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public DateTime? DeletedAt { get; init; }
    [NotNull] public required string CountryCode { get; init; }
    public string? FavoriteColor { get; init; }
}
