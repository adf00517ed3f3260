namespace EventStream.Ingestion;

/// <summary>
/// The (user, post) pairs already liked by today's active users, so nobody likes a post twice, ever.
/// Only the active users' likes are loaded (one columnar scan of the like events joined to them), so memory
/// follows the day's activity instead of growing with the whole history as a set of every like would.
/// </summary>
static class LikedPosts
{
    /// <summary>
    /// Starts the look-up on a connection of its own: it reads only earlier, committed days, so it runs while the
    /// day's posts are generated instead of on the event stage's clock.
    /// </summary>
    public static Task<HashSet<(string User, string Post)>> Start(DayContext context, IReadOnlyList<Member> activeUsers)
    {
        if (context.Day.IsFirst) return Task.FromResult(new HashSet<(string, string)>());
        return Task.Run(() =>
        {
            var (own, connection) = context.OnOwnConnection();
            using (connection) return Of(own, activeUsers);
        });
    }

    static HashSet<(string User, string Post)> Of(DayContext context, IReadOnlyList<Member> activeUsers)
    {
        var pairs = context.ThroughTempTable("active_user", "user_id VARCHAR",
            writer =>
            {
                foreach (var user in activeUsers) writer.Add(user.Id).EndRow();
            },
            () => context.Query($"""
                SELECT e.user_id, e.post_id FROM {RawTables.Event.QualifiedName} AS e
                WHERE e.event_type = 'like' AND e.user_id IN (SELECT user_id FROM active_user)
                """, r => (r.GetString(0), r.GetString(1))));
        return [.. pairs];
    }
}
