using ModelDsl.Runtime;

namespace EventStream.Models.Tests.MetricChecks;

/// <summary>A row of <c>raw.user</c> as it stood after a day's ingestion.</summary>
public sealed record UserRow(
    string UserId, string FirstName, string LastName, DateTime CreatedAt, DateTime UpdatedAt, DateTime? DeletedAt,
    string CountryCode, string? FavoriteColor);

/// <summary>A row of <c>raw.post</c> as it stood after a day's ingestion; <see cref="UserId"/> is the creator.</summary>
public sealed record PostRow(string PostId, string UserId, string? PostText, DateTime CreatedAt, DateTime UpdatedAt, DateTime? DeletedAt);

/// <summary>A row of <c>raw.event</c> (append-only); <see cref="UserId"/> is the viewer.</summary>
public sealed record EventRow(string EventId, string UserId, string PostId, DateTime CreatedAt, string EventType)
{
    public bool IsView => EventType == "view";
    public bool IsLike => EventType == "like";
    public DateOnly Day => DateOnly.FromDateTime(CreatedAt);
}

/// <summary>A row of the countries seed, <c>raw.countries</c>.</summary>
public sealed record CountryRow(string CountryCode, string Name, string Region, string Subregion);

/// <summary>
/// The raw layer read back after one day's <c>daily</c>: the state of every table at that moment, plus the ingested
/// days of <c>raw.ingestion_audit</c>. A sequence of these (one per day) is the history the metrics are recomputed from.
/// </summary>
public sealed record RawState(
    DateOnly Day,
    IReadOnlyList<DateOnly> IngestedDays,
    IReadOnlyList<UserRow> Users,
    IReadOnlyList<PostRow> Posts,
    IReadOnlyList<EventRow> Events,
    IReadOnlyList<CountryRow> Countries)
{
    public static RawState Read(Warehouse warehouse)
    {
        var days = warehouse.Rows("select distinct ingest_date from raw.ingestion_audit order by 1")
            .Select(r => Warehouse.AsDate(r[0]!)).ToList();
        var users = warehouse.Rows("""
                select user_id, first_name, last_name, created_at, updated_at, deleted_at, country_code, favorite_color
                from raw."user"
                """)
            .Select(r => new UserRow((string)r[0]!, (string)r[1]!, (string)r[2]!, (DateTime)r[3]!, (DateTime)r[4]!, (DateTime?)r[5],
                (string)r[6]!, (string?)r[7]))
            .ToList();
        var posts = warehouse.Rows("select post_id, user_id, post_text, created_at, updated_at, deleted_at from raw.post")
            .Select(r => new PostRow((string)r[0]!, (string)r[1]!, (string?)r[2], (DateTime)r[3]!, (DateTime)r[4]!, (DateTime?)r[5]))
            .ToList();
        var events = warehouse.Rows("select event_id, user_id, post_id, created_at, event_type from raw.event")
            .Select(r => new EventRow((string)r[0]!, (string)r[1]!, (string)r[2]!, (DateTime)r[3]!, (string)r[4]!))
            .ToList();
        var countries = warehouse.Rows("select country_code, name, region, subregion from raw.countries")
            .Select(r => new CountryRow((string)r[0]!, (string)r[1]!, (string)r[2]!, (string)r[3]!))
            .ToList();
        return new RawState(days[^1], days, users, posts, events, countries);
    }
}
