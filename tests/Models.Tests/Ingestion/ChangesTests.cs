namespace EventStream.Models.Tests.Ingestion;

/// <summary>A day's updates and soft deletes replace the old rows: one version per id, everything else kept.</summary>
public class ChangesTests
{
    [Fact]
    public void Updates_and_soft_deletes_leave_one_row_per_id_and_keep_what_they_do_not_change()
    {
        using var db = new TempDatabase();
        db.Ingest(scale: 5);
        db.Execute("""
            CREATE SCHEMA day1;
            CREATE TABLE day1.users AS SELECT * FROM raw."user";
            CREATE TABLE day1.posts AS SELECT * FROM raw.post;
            """);
        var day2 = db.Ingest(scale: 5)[0];

        // Every row of day 1 is still there once, with its id, creation time and (posts) creator.
        Assert.Equal(db.Scalar<long>("SELECT count(*) FROM day1.users") + day2.User.Inserted, db.Scalar<long>("""SELECT count(*) FROM raw."user" """));
        Assert.Equal(db.Scalar<long>("SELECT count(*) FROM day1.posts") + day2.Post.Inserted, db.Scalar<long>("SELECT count(*) FROM raw.post"));
        Assert.Equal(0, db.Scalar<long>("""
            SELECT count(*) FROM day1.users AS d LEFT JOIN raw."user" AS u USING (user_id) WHERE u.created_at IS DISTINCT FROM d.created_at
            """));
        Assert.Equal(0, db.Scalar<long>("""
            SELECT count(*) FROM day1.posts AS d LEFT JOIN raw.post AS p USING (post_id)
            WHERE p.created_at IS DISTINCT FROM d.created_at OR p.user_id IS DISTINCT FROM d.user_id
            """));

        // Exactly the reported rows changed, each with a new updated_at; the others are byte for byte the same.
        Assert.Equal(day2.User.Updated + day2.User.Deleted, db.Scalar<long>("""
            SELECT count(*) FROM day1.users AS d JOIN raw."user" AS u USING (user_id) WHERE u.updated_at > d.updated_at
            """));
        Assert.Equal(day2.Post.Updated + day2.Post.Deleted, db.Scalar<long>("""
            SELECT count(*) FROM day1.posts AS d JOIN raw.post AS p USING (post_id) WHERE p.updated_at > d.updated_at
            """));
        Assert.Equal(0, db.Scalar<long>("""
            SELECT count(*) FROM (SELECT * FROM raw."user" WHERE updated_at < DATE '2100-01-02' EXCEPT SELECT * FROM day1.users)
            """));
        Assert.Equal(0, db.Scalar<long>("""
            SELECT count(*) FROM (SELECT * FROM raw.post WHERE updated_at < DATE '2100-01-02' EXCEPT SELECT * FROM day1.posts)
            """));
    }
}
