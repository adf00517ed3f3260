using System.Text;

namespace EventStream.Ingestion;

/// <summary>
/// The day's view and like events: 1–3 sessions per active user (one in most cases), each of 1–10 views of posts
/// live at the session start, each view followed by a like with probability 0.1. Most gaps between two sessions of a
/// user are hours; some are under 30 minutes, so the two read as one session. A worker thread generates the events
/// and packs them into batches while this thread appends the batches: on two cores the stage costs about the appends
/// alone. The queue between them is bounded, so memory stays flat however many events a day has. Every draw comes from
/// the day's event stream in one fixed order (the active users, then the sessions on the worker thread alone), so a
/// seed always gives the same events.
/// </summary>
static class EventGenerator
{
    public const int MaxSessions = 3;
    public const int MaxViewsPerSession = 10;
    public const int MaxSecondsBetweenViews = 120;
    // Short gaps stay longer than any gap inside a session, so the data still tells the two sessions apart.
    const int MinShortGapSeconds = 3 * 60, MaxShortGapSeconds = 29 * 60;
    const int MinLongGapSeconds = 3_600, MaxLongGapSeconds = 8 * 3_600;
    const double ShortGapProbability = 0.2;
    const double LikeProbability = 0.1;
    const int ProgressEvery = 1_000_000;
    const int BatchSize = 1024; // about 75 KB: stays out of the large-object heap
    const int BatchesInFlight = 16;
    // DuckDB's Appender keeps rows in a buffer of its own until it holds 204,800 or is closed, so a whole day's events
    // would sit in memory twice. By this stage the day's earlier changes hold memory until the commit, so that buffer
    // lands on fresh pages, which cost ~15 µs each on this VM. Closing an Appender every few batches keeps the buffer
    // small and reuses its pages (measured: half the stage's page faults, the stage ~20 % faster).
    const int BatchesPerAppender = 4;

    readonly record struct SessionEvent(string UserId, string PostId, DateTime At, bool IsLike);

    /// <summary>
    /// The day's active users, picked as soon as the users are known, with the look-up of their earlier likes
    /// already started. Disposing waits for the look-up, so nothing outlives a day that failed.
    /// </summary>
    public sealed class Activity(Random random, List<Member> active, Task<HashSet<(string, string)>> liked) : IDisposable
    {
        public Random Random => random;
        public List<Member> Active => active;
        public HashSet<(string, string)> Liked => liked.GetAwaiter().GetResult();

        public void Dispose()
        {
            try { liked.Wait(); }
            catch (AggregateException) { } // the day failed already; the look-up's own error adds nothing
        }
    }

    /// <summary>Picks the active users (the first draws of the day's event randomness) and starts the look-up of their likes.</summary>
    public static Activity Start(DayContext context, List<Member> liveUsers)
    {
        var random = context.Random(RandomStream.Events);
        var activeCount = context.Day.IsFirst ? context.Volumes.FirstDayActiveUsers : context.Volumes.ActiveUsers(random, liveUsers.Count);
        var active = Seeds.DistinctIndices(random, liveUsers.Count, activeCount).Select(i => liveUsers[i]).ToList();
        return new Activity(random, active, LikedPosts.Start(context, active));
    }

    /// <summary>Generates the day's events on a worker thread and appends them on this one, batch by batch.</summary>
    public static TableChanges Run(DayContext context, Activity activity, PostCatalog posts)
    {
        var day = context.Day;
        var (random, active, liked) = (activity.Random, activity.Active, activity.Liked);

        long written = 0;
        var batches = BackgroundBatches.Of<EventBatch>(emit => Pack(day, Sessions(day, random, active, posts, liked), emit), BatchesInFlight);
        foreach (var group in batches.Chunk(BatchesPerAppender))
        {
            context.Append(RawTables.Event.Name, writer =>
            {
                foreach (var batch in group) writer.Add(batch);
            });

            var before = written;
            written += group.Sum(batch => batch.Count);
            if (written / ProgressEvery > before / ProgressEvery)
                context.Log.WriteLine($"  {day.Date:yyyy-MM-dd}: {TableChanges.Count(written)} events…");
        }
        return new TableChanges(written);
    }

    /// <summary>Numbers the events in order and packs them into batches.</summary>
    static void Pack(FictionalDay day, IEnumerable<SessionEvent> events, Action<EventBatch> emit)
    {
        Span<byte> eventId = stackalloc byte[Ids.MaxLength], userId = stackalloc byte[Ids.MaxLength], postId = stackalloc byte[Ids.MaxLength];
        long sequence = 0;
        var batch = new EventBatch(BatchSize);
        foreach (var e in events)
        {
            batch.Add(eventId[..Ids.WriteEvent(eventId, day.Number, sequence++)], userId[..Encoding.UTF8.GetBytes(e.UserId, userId)],
                postId[..Encoding.UTF8.GetBytes(e.PostId, postId)], e.At, e.IsLike ? "like"u8 : "view"u8);
            if (!batch.IsFull) continue;
            emit(batch);
            batch = new EventBatch(BatchSize);
        }
        if (batch.Count > 0) emit(batch);
    }

    /// <summary>The active users' sessions, user by user and session by session. Runs on the worker thread, which alone uses these arguments.</summary>
    static IEnumerable<SessionEvent> Sessions(FictionalDay day, Random random, List<Member> active, PostCatalog posts, HashSet<(string, string)> liked)
    {
        var sessionPosts = new List<int>(MaxViewsPerSession);
        foreach (var user in active)
        {
            var earliest = day.FirstSecondAfter(user.CreatedAt);
            if (earliest >= FictionalDay.Seconds) continue;
            var start = random.Next(earliest, FictionalDay.Seconds);
            var sessions = SessionCount(random);

            var second = start; // the latest view so far
            for (var session = 0; session < sessions; session++)
            {
                if (session > 0) start = second + SecondsBetweenSessions(random);
                if (start >= FictionalDay.Seconds) break; // a session that would start after the day is dropped
                PickPosts(random, posts, day.At(start), random.Next(1, MaxViewsPerSession + 1), sessionPosts);

                second = start;
                for (var view = 0; view < sessionPosts.Count; view++)
                {
                    if (view > 0) second += random.Next(5, MaxSecondsBetweenViews + 1);
                    if (second >= FictionalDay.Seconds) break;
                    var postId = posts.Id(sessionPosts[view]);
                    yield return new SessionEvent(user.Id, postId, day.At(second), IsLike: false);

                    if (random.NextDouble() >= LikeProbability) continue;
                    var likeSecond = second + random.Next(1, 301);
                    if (likeSecond < FictionalDay.Seconds && liked.Add((user.Id, postId)))
                        yield return new SessionEvent(user.Id, postId, day.At(likeSecond), IsLike: true);
                }
            }
        }
    }

    /// <summary>1 with p = 0.7, 2 with p = 0.2, 3 with p = 0.1.</summary>
    static int SessionCount(Random random) => random.NextDouble() switch { < 0.7 => 1, < 0.9 => 2, _ => MaxSessions };

    /// <summary>From the last view of a session to the start of the next: 3–29 minutes with p = 0.2, else 1–8 hours.</summary>
    static int SecondsBetweenSessions(Random random) => random.NextDouble() < ShortGapProbability
        ? random.Next(MinShortGapSeconds, MaxShortGapSeconds + 1)
        : random.Next(MinLongGapSeconds, MaxLongGapSeconds + 1);

    /// <summary>Up to <paramref name="count"/> distinct posts live at <paramref name="start"/> (fewer when few exist yet).</summary>
    static void PickPosts(Random random, PostCatalog posts, DateTime start, int count, List<int> picked)
    {
        picked.Clear();
        var created = posts.CreatedBefore(start);
        for (var attempt = 0; attempt < count * 4 && picked.Count < count && created > 0; attempt++)
        {
            var index = random.Next(created);
            if (posts.IsLiveAt(index, start) && !picked.Contains(index)) picked.Add(index);
        }
    }
}
