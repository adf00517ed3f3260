namespace EventStream.Ingestion;

/// <summary>How many rows a day changes (docs/warehouse.md §1). Absolute counts multiply with the scale; shares of the live rows already grow with it.</summary>
public sealed class Volumes(double scale)
{
    public int FirstDayUsers => AtLeastOne(200);
    public int FirstDayPosts => AtLeastOne(200);
    public int FirstDayActiveUsers => AtLeastOne(10);

    /// <summary>"1–5 + share of the live rows": soft deletes (1 %) and updates (5 %).</summary>
    int Churn(Random random, int live, double share) => Scaled(random.Next(1, 6)) + (int)Math.Round(share * live);

    /// <summary>
    /// The day's churn of <paramref name="live"/> rows (docs/warehouse.md §1: soft-delete 1–5 + 1 %, then update 1–5 + 5 %):
    /// distinct row indices, the deleted ones first.
    /// </summary>
    public (int[] Deleted, int[] Updated) PickChurn(Random random, int live)
    {
        var deletes = Math.Min(live, Churn(random, live, 0.01));
        var updates = Math.Min(live - deletes, Churn(random, live, 0.05));
        var picked = Seeds.DistinctIndices(random, live, deletes + updates);
        return (picked[..deletes], picked[deletes..]);
    }

    public int NewUsers(Random random) => Scaled(random.Next(50, 101));

    public int NewPosts(Random random, int liveUsers) => (int)Math.Round((1 + random.NextDouble()) * 0.05 * liveUsers);

    public int ActiveUsers(Random random, int liveUsers) => (int)Math.Round(0.05 * liveUsers) + Scaled(random.Next(1, 6));

    int Scaled(int count) => (int)Math.Round(count * scale);
    int AtLeastOne(int count) => Math.Max(1, Scaled(count));
}
