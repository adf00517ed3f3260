namespace EventStream.Ingestion;

/// <summary>The day's users: soft deletes, then updates (later days), then new users.</summary>
static class UserGenerator
{
    /// <returns>The changes and the users live at the end of the day, in id order then creation order.</returns>
    public static (TableChanges Changes, List<Member> Live) Run(DayContext context)
    {
        var day = context.Day;
        var random = context.Random(RandomStream.UserChanges);
        var faker = context.Faker(RandomStream.UserText);
        var live = context.Query("""SELECT user_id, created_at FROM raw."user" WHERE deleted_at IS NULL ORDER BY user_id""",
            r => new Member(r.GetString(0), r.GetDateTime(1)));

        var (deleted, updated) = day.IsFirst ? ([], []) : context.Volumes.PickChurn(random, live.Count);
        if (!day.IsFirst)
        {
            context.SoftDelete(RawTables.User, "user_id", deleted.Select(i => (live[i].Id, day.RandomTime(random))));

            // NULL = keep: each update changes a random non-empty subset of the four attributes.
            context.ApplyThroughTempTable("user_update",
                "user_id VARCHAR, first_name VARCHAR, last_name VARCHAR, country_code VARCHAR, favorite_color VARCHAR, changed_at TIMESTAMP",
                writer =>
                {
                    foreach (var i in updated)
                    {
                        var fields = random.Next(1, 16);
                        writer.Add(live[i].Id)
                            .Add((fields & 1) != 0 ? faker.Name.FirstName() : null)
                            .Add((fields & 2) != 0 ? faker.Name.LastName() : null)
                            .Add((fields & 4) != 0 ? Countries.Pick(random) : null)
                            .Add((fields & 8) != 0 ? faker.Commerce.Color() : null)
                            .Add(day.RandomTime(random)).EndRow();
                    }
                },
                RawTables.User.Rewrite("user_id", "user_update", new()
                {
                    ["first_name"] = "coalesce(c.first_name, t.first_name)", ["last_name"] = "coalesce(c.last_name, t.last_name)",
                    ["country_code"] = "coalesce(c.country_code, t.country_code)", ["favorite_color"] = "coalesce(c.favorite_color, t.favorite_color)",
                    ["updated_at"] = "c.changed_at",
                }));

            var gone = deleted.ToHashSet();
            live = live.Where((_, i) => !gone.Contains(i)).ToList();
        }

        var inserts = day.IsFirst ? context.Volumes.FirstDayUsers : context.Volumes.NewUsers(random);
        context.Append(RawTables.User.Name, writer =>
        {
            for (var sequence = 0; sequence < inserts; sequence++)
            {
                var user = new Member(Ids.User(day.Number, sequence), day.RandomTime(random));
                writer.Add(user.Id)
                    .Add(faker.Name.FirstName()).Add(faker.Name.LastName())
                    .Add(user.CreatedAt).Add(user.CreatedAt).Add((DateTime?)null)
                    .Add(Countries.Pick(random)).Add(faker.Commerce.Color())
                    .EndRow();
                live.Add(user);
            }
        });

        return (new TableChanges(inserts, updated.Length, deleted.Length), live);
    }
}
