namespace EventStream.Models.Tests.MetricChecks;

/// <summary>A user's session as the specification defines it: consecutive events of one day, no gap over 30 minutes.</summary>
public sealed record Session(string UserId, DateTime Start, DateTime End, long Events, long Views, long Likes)
{
    public DateOnly Date => DateOnly.FromDateTime(Start);
    public long DurationSeconds => (long)(End - Start).TotalSeconds;
}

/// <summary>
/// Every analytics table of the specification, recomputed in plain C# from the raw states captured after each day
/// (never from the models' SQL): the independent check the built tables are compared with, row by row.
/// </summary>
public sealed class MetricRecompute
{
    private static readonly TimeSpan SessionGap = TimeSpan.FromMinutes(30);

    private readonly RawState _now;
    private readonly Dictionary<string, UserRow> _users;
    private readonly Dictionary<string, PostRow> _posts;
    private readonly Dictionary<string, CountryRow> _countries;
    private readonly Dictionary<string, List<UserRow>> _versions;
    private readonly ILookup<string, EventRow> _eventsByViewer;
    private readonly ILookup<string, EventRow> _eventsByPost;
    private readonly ILookup<string, Session> _sessionsByUser;

    /// <param name="history">The raw states after day 1, 2, … up to the day the warehouse is checked as of.</param>
    public MetricRecompute(IReadOnlyList<RawState> history)
    {
        _now = history[^1];
        _users = _now.Users.ToDictionary(u => u.UserId);
        _posts = _now.Posts.ToDictionary(p => p.PostId);
        _countries = _now.Countries.ToDictionary(c => c.CountryCode);
        _versions = UserVersions(history);
        _eventsByViewer = _now.Events.ToLookup(e => e.UserId);
        _eventsByPost = _now.Events.ToLookup(e => e.PostId);
        Sessions = _eventsByViewer.SelectMany(SessionsOf).ToList();
        _sessionsByUser = Sessions.ToLookup(s => s.UserId);
    }

    /// <summary>The as-of day of the checked build: the last ingested day.</summary>
    public DateOnly AsOfDay => _now.Day;

    public IReadOnlyList<EventRow> Events => _now.Events;

    public IReadOnlyList<PostRow> Posts => _now.Posts;

    public IReadOnlyList<Session> Sessions { get; }

    public TableRows Table(TableSpec spec) => new(spec, spec.Name switch
    {
        "fct_events" => FctEvents(),
        "fct_sessions" => FctSessions(),
        "agg_post_metrics_daily" => AggPostMetricsDaily(),
        "agg_user_metrics_daily" => AggUserMetricsDaily(),
        "agg_creator_metrics_daily" => AggCreatorMetricsDaily(),
        "agg_activity_daily" => AggActivityDaily(),
        "dim_posts" => DimPosts(),
        "dim_users" => DimUsers(),
        _ => throw new ArgumentException($"no recompute for {spec.Name}"),
    });

    // ---- history ----

    /// <summary>
    /// Each user's versions: the distinct states captured after each day's ingestion (a new version when
    /// <c>updated_at</c> changed), in order.
    /// </summary>
    private static Dictionary<string, List<UserRow>> UserVersions(IReadOnlyList<RawState> history)
    {
        var versions = new Dictionary<string, List<UserRow>>();
        foreach (var state in history)
            foreach (var user in state.Users)
            {
                if (!versions.TryGetValue(user.UserId, out var list)) versions[user.UserId] = list = [];
                if (list.Count == 0 || list[^1].UpdatedAt != user.UpdatedAt) list.Add(user);
            }
        return versions;
    }

    public IReadOnlyList<UserRow> VersionsOf(string userId) => _versions[userId];

    /// <summary>The version valid at <paramref name="time"/>: [updated_at, next updated_at); the first one also before its updated_at.</summary>
    public UserRow VersionAt(string userId, DateTime time)
    {
        var versions = _versions[userId];
        return versions.LastOrDefault(v => v.UpdatedAt <= time) ?? versions[0];
    }

    public string CreatorOf(EventRow e) => _posts[e.PostId].UserId;

    public static string CountryCode(string raw) => raw.Trim(' ').ToUpperInvariant();

    public string Region(string code) => _countries.TryGetValue(code, out var country) ? country.Region : "Unknown";

    private string CountryName(string code) => _countries.TryGetValue(code, out var country) ? country.Name : "Unknown";

    private static double? Ratio(long likes, long views) => views == 0 ? null : (double)likes / views;

    /// <summary>Whether <paramref name="day"/> is one of the <paramref name="days"/> days ending on <paramref name="end"/>.</summary>
    private static bool InDaysEnding(DateOnly day, DateOnly end, int days) => day <= end && day > end.AddDays(-days);

    private static DateOnly DayOf(DateTime time) => DateOnly.FromDateTime(time);

    // ---- sessions ----

    /// <summary>A user's events in time order, split where the previous event is on another date or more than 30 minutes earlier.</summary>
    private static IEnumerable<Session> SessionsOf(IGrouping<string, EventRow> userEvents)
    {
        var current = new List<EventRow>();
        foreach (var e in userEvents.OrderBy(e => e.CreatedAt))
        {
            if (current.Count > 0 && (current[^1].Day != e.Day || e.CreatedAt - current[^1].CreatedAt > SessionGap))
            {
                yield return ToSession(userEvents.Key, current);
                current = [];
            }
            current.Add(e);
        }
        if (current.Count > 0) yield return ToSession(userEvents.Key, current);
    }

    private static Session ToSession(string userId, List<EventRow> events) =>
        new(userId, events[0].CreatedAt, events[^1].CreatedAt, events.Count, events.LongCount(e => e.IsView), events.LongCount(e => e.IsLike));

    // ---- facts ----

    private List<object?[]> FctEvents() => _now.Events
        .Select(e => new object?[] { e.EventId, e.UserId, e.PostId, CreatorOf(e), e.CreatedAt, e.EventType, e.IsLike, e.Day })
        .ToList();

    private List<object?[]> FctSessions() => Sessions
        .Select(s => new object?[] { s.UserId, s.Start, s.Date, s.End, s.DurationSeconds, s.Events, s.Views, s.Likes })
        .ToList();

    // ---- daily aggregates ----

    private List<object?[]> AggPostMetricsDaily() => _now.Events
        .GroupBy(e => (e.Day, e.PostId))
        .Select(g =>
        {
            var (views, likes) = (g.LongCount(e => e.IsView), g.LongCount(e => e.IsLike));
            var uniqueViewers = g.Where(e => e.IsView).Select(e => e.UserId).Distinct().LongCount();
            return new object?[] { g.Key.Day, g.Key.PostId, views, uniqueViewers, likes, Ratio(likes, views) };
        })
        .ToList();

    private List<object?[]> AggUserMetricsDaily() => _now.Events
        .GroupBy(e => (e.Day, e.UserId))
        .Select(g => new object?[]
        {
            g.Key.Day, g.Key.UserId,
            g.LongCount(e => e.IsView),
            g.Where(e => e.IsView).Select(e => e.PostId).Distinct().LongCount(),
            g.LongCount(e => e.IsLike),
            _sessionsByUser[g.Key.UserId].LongCount(s => s.Date == g.Key.Day),
        })
        .ToList();

    /// <summary>Grouped by the creator's version at each event's time: a creator who moves on a day has a row per country.</summary>
    private List<object?[]> AggCreatorMetricsDaily() => _now.Events
        .GroupBy(e =>
        {
            var creator = CreatorOf(e);
            return (e.Day, Creator: creator, Country: CountryCode(VersionAt(creator, e.CreatedAt).CountryCode));
        })
        .Select(g =>
        {
            var (views, likes) = (g.LongCount(e => e.IsView), g.LongCount(e => e.IsLike));
            return new object?[] { g.Key.Day, g.Key.Creator, g.Key.Country, Region(g.Key.Country), views, likes, Ratio(likes, views) };
        })
        .ToList();

    private List<object?[]> AggActivityDaily() => _now.IngestedDays
        .Select(day =>
        {
            long ActiveUsers(int days) => _now.Events.Where(e => InDaysEnding(e.Day, day, days)).Select(e => e.UserId).Distinct().LongCount();
            var sessions = Sessions.Where(s => s.Date == day).ToList();
            return new object?[]
            {
                day, ActiveUsers(1), ActiveUsers(7), ActiveUsers(30),
                (long)sessions.Count,
                sessions.Count == 0 ? 0.0 : sessions.Average(s => (double)s.DurationSeconds),
                _now.Users.LongCount(u => DayOf(u.CreatedAt) == day),
                _now.Posts.Where(p => InDaysEnding(DayOf(p.CreatedAt), day, 28)).Select(p => p.UserId).Distinct().LongCount(),
            };
        })
        .ToList();

    // ---- dimensions ----

    private List<object?[]> DimPosts() => _now.Posts
        .Where(p => p.DeletedAt is null)
        .Select(p =>
        {
            var creator = _users[p.UserId];
            var code = CountryCode(creator.CountryCode);
            var events = _eventsByPost[p.PostId].ToList();
            var (views, likes) = (events.LongCount(e => e.IsView), events.LongCount(e => e.IsLike));
            var uniqueViewersDays = events.Where(e => e.IsView).GroupBy(e => e.Day).Sum(day => day.Select(e => e.UserId).Distinct().LongCount());
            return new object?[]
            {
                p.PostId, p.UserId, p.PostText, p.CreatedAt, p.UpdatedAt,
                creator.FirstName + " " + creator.LastName, code, Region(code),
                views, uniqueViewersDays, likes, Ratio(likes, views),
            };
        })
        .ToList();

    private List<object?[]> DimUsers()
    {
        var livePostsByCreator = _now.Posts.Where(p => p.DeletedAt is null).ToLookup(p => p.UserId);
        return _now.Users
            .Where(u => u.DeletedAt is null)
            .Select(u =>
            {
                var code = CountryCode(u.CountryCode);
                var viewed = _eventsByViewer[u.UserId].ToList();
                var posts = livePostsByCreator[u.UserId].ToList();
                var onPosts = posts.SelectMany(p => _eventsByPost[p.PostId]).ToList();
                var (totalViews, totalLikes) = (onPosts.LongCount(e => e.IsView), onPosts.LongCount(e => e.IsLike));
                return new object?[]
                {
                    u.UserId, u.FirstName, u.LastName, u.FirstName + " " + u.LastName,
                    code, CountryName(code), Region(code), u.FavoriteColor, u.CreatedAt, u.UpdatedAt,
                    viewed.LongCount(e => e.IsView),
                    viewed.LongCount(e => e.IsLike),
                    _sessionsByUser[u.UserId].LongCount(),
                    viewed.Count == 0 ? null : (object)viewed.Max(e => e.Day),
                    viewed.Any(e => InDaysEnding(e.Day, AsOfDay, 28)),
                    (long)posts.Count, totalViews, totalLikes, Ratio(totalLikes, totalViews),
                    posts.Any(p => InDaysEnding(DayOf(p.CreatedAt), AsOfDay, 28)),
                };
            })
            .ToList();
    }
}
