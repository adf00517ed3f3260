namespace EventStream.Ingestion;

/// <summary>
/// The posts a session may view today, ordered by creation time so that "created before t" is a prefix found
/// by binary search; posts soft-deleted today stay in with their deletion time.
/// </summary>
sealed class PostCatalog
{
    readonly List<string> ids = [];
    // Creation and deletion side by side: checking that a post is live reads one place in memory, not two.
    readonly List<(DateTime Created, DateTime Deleted)> lifetimes = [];

    public int Count => ids.Count;
    public string Id(int index) => ids[index];
    public DateTime CreatedAt(int index) => lifetimes[index].Created;

    /// <summary>Adds a post; posts must come in (created_at, id) order.</summary>
    public void Add(Member post)
    {
        ids.Add(post.Id);
        lifetimes.Add((post.CreatedAt, DateTime.MaxValue));
    }

    public void MarkDeleted(int index, DateTime at) => lifetimes[index] = lifetimes[index] with { Deleted = at };

    /// <summary>How many posts were created strictly before <paramref name="time"/>: they are indices [0, result).</summary>
    public int CreatedBefore(DateTime time)
    {
        int low = 0, high = lifetimes.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (lifetimes[middle].Created < time) low = middle + 1; else high = middle;
        }
        return low;
    }

    public bool IsLiveAt(int index, DateTime time) => lifetimes[index] is var (created, deleted) && created < time && deleted > time;
}
