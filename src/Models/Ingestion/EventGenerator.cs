namespace EventStream.Ingestion;

/// <summary>
/// The day's view and like events, streamed straight into the Appender: one session per active user of
/// 1–10 views of posts live at the session start, each followed by a like with probability 0.1.
/// </summary>
static class EventGenerator
{
    const double LikeProbability = 0.1;
    const int ProgressEvery = 1_000_000;

    public static TableChanges Run(DayContext context, List<Member> liveUsers, PostCatalog posts)
    {
        var day = context.Day;
        var random = context.Random(RandomStream.Events);
        var activeCount = day.IsFirst ? context.Volumes.FirstDayActiveUsers : context.Volumes.ActiveUsers(random, liveUsers.Count);
        var active = Seeds.DistinctIndices(random, liveUsers.Count, activeCount).Select(i => liveUsers[i]).ToList();
        var liked = LikedPosts.Of(context, active);

        long written = 0;
        var sessionPosts = new List<int>(10);
        using var appender = context.Appender(RawTables.Event.Name);

        void Write(string userId, string postId, int second, string type)
        {
            appender.CreateRow().AppendValue(Ids.Event(day.Number, written)).AppendValue(userId).AppendValue(postId)
                .AppendValue(day.At(second)).AppendValue(type).EndRow();
            if (++written % ProgressEvery == 0) context.Log.WriteLine($"  {day.Date:yyyy-MM-dd}: {TableChanges.Count(written)} events…");
        }

        foreach (var user in active)
        {
            var earliest = day.FirstSecondAfter(user.CreatedAt);
            if (earliest >= FictionalDay.Seconds) continue;
            var start = random.Next(earliest, FictionalDay.Seconds);
            PickPosts(random, posts, day.At(start), random.Next(1, 11), sessionPosts);

            var second = start;
            for (var view = 0; view < sessionPosts.Count; view++)
            {
                if (view > 0) second += random.Next(5, 121);
                if (second >= FictionalDay.Seconds) break;
                var postId = posts.Id(sessionPosts[view]);
                Write(user.Id, postId, second, "view");

                if (random.NextDouble() >= LikeProbability) continue;
                var likeSecond = second + random.Next(1, 301);
                if (likeSecond < FictionalDay.Seconds && liked.Add((user.Id, postId))) Write(user.Id, postId, likeSecond, "like");
            }
        }

        return new TableChanges(written);
    }

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
