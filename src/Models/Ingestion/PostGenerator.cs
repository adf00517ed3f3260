namespace EventStream.Ingestion;

/// <summary>The day's posts: soft deletes, then updates (later days), then new posts by live creators.</summary>
static class PostGenerator
{
    const int CreatorAttempts = 20;

    public static (TableChanges Changes, PostCatalog Catalog) Run(DayContext context, List<Member> liveUsers)
    {
        var day = context.Day;
        var random = context.Random(RandomStream.PostChanges);
        var faker = context.Faker(RandomStream.PostText);
        var catalog = new PostCatalog();
        foreach (var post in context.Query("SELECT post_id, created_at FROM raw.post WHERE deleted_at IS NULL ORDER BY created_at, post_id",
                     r => new Member(r.GetString(0), r.GetDateTime(1))))
            catalog.Add(post);

        var (deleted, updated) = day.IsFirst ? ([], []) : context.Volumes.PickChurn(random, catalog.Count);
        if (!day.IsFirst)
        {
            var deletions = deleted.Select(i => (Index: i, At: day.RandomTime(random))).ToList();
            foreach (var (i, at) in deletions) catalog.MarkDeleted(i, at);
            context.SoftDelete(RawTables.Post, "post_id", deletions.Select(d => (catalog.Id(d.Index), d.At)));

            context.ApplyThroughTempTable("post_update", "post_id VARCHAR, post_text VARCHAR, changed_at TIMESTAMP", writer =>
            {
                foreach (var i in updated)
                    writer.Add(catalog.Id(i)).Add(faker.Lorem.Sentence()).Add(day.RandomTime(random)).EndRow();
            }, RawTables.Post.Rewrite("post_id", "post_update", new() { ["post_text"] = "c.post_text", ["updated_at"] = "c.changed_at" }));
        }

        var planned = day.IsFirst ? context.Volumes.FirstDayPosts : context.Volumes.NewPosts(random, liveUsers.Count);
        var created = new List<Member>(planned);
        context.Append(RawTables.Post.Name, writer =>
        {
            for (var sequence = 0; sequence < planned && liveUsers.Count > 0; sequence++)
            {
                // A creator created in the day's last second has no later second to post in: pick another.
                for (var attempt = 0; attempt < CreatorAttempts; attempt++)
                {
                    var creator = liveUsers[random.Next(liveUsers.Count)];
                    var earliest = day.FirstSecondAfter(creator.CreatedAt);
                    if (earliest >= FictionalDay.Seconds) continue;

                    var post = new Member(Ids.Post(day.Number, sequence), day.At(random.Next(earliest, FictionalDay.Seconds)));
                    writer.Add(post.Id).Add(creator.Id).Add(faker.Lorem.Sentence())
                        .Add(post.CreatedAt).Add(post.CreatedAt).Add((DateTime?)null).EndRow();
                    created.Add(post);
                    break;
                }
            }
        });

        // Today's posts are all newer than the ones read from the database: sorting them keeps the catalog ordered.
        foreach (var post in created.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id, StringComparer.Ordinal)) catalog.Add(post);
        return (new TableChanges(created.Count, updated.Length, deleted.Length), catalog);
    }
}
