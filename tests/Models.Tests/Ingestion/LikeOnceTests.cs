namespace EventStream.Models.Tests.Ingestion;

public class LikeOnceTests
{
    const string DayTwoLikesOfDayOneRows = """
        SELECT count(*) FROM raw.event
        WHERE event_type = 'like' AND created_at >= DATE '2100-01-02' AND user_id LIKE 'u00001-%' AND post_id LIKE 'p00001-%'
        """;

    [Fact]
    public void Posts_liked_on_an_earlier_day_are_never_liked_again()
    {
        using TempDatabase plain = new(), preLiked = new();
        plain.Ingest(days: 2, seed: 3, scale: 2);
        preLiked.Ingest(seed: 3, scale: 2);
        // Every day-1 user has already liked every day-1 post: day 2 may view them but like none of them again.
        preLiked.Execute("""
            INSERT INTO raw.event
            SELECT 'x' || lpad(CAST(row_number() OVER (ORDER BY u.user_id, p.post_id) AS VARCHAR), 15, '0'),
                   u.user_id, p.post_id, TIMESTAMP '2100-01-01 23:59:59', 'like'
            FROM raw."user" AS u, raw.post AS p
            """);
        preLiked.Ingest(seed: 3, scale: 2);

        Assert.True(plain.Scalar<long>(DayTwoLikesOfDayOneRows) > 0);
        Assert.Equal(0, preLiked.Scalar<long>(DayTwoLikesOfDayOneRows));
        const string dayTwoViews = "SELECT count(*) FROM raw.event WHERE event_type = 'view' AND created_at >= DATE '2100-01-02'";
        Assert.Equal(plain.Scalar<long>(dayTwoViews), preLiked.Scalar<long>(dayTwoViews));
    }
}
