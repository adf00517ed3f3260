namespace EventStream.Ingestion;

/// <summary>
/// The posts a session may view today, ordered by creation time so that "created before t" is a prefix found
/// by binary search; posts soft-deleted today stay in with their deletion time.
/// </summary>
sealed class PostCatalog
{
    readonly List<string> ids = [];
    readonly List<DateTime> createdAt = [];
    readonly List<DateTime> deletedAt = [];

    public int Count => ids.Count;
    public string Id(int index) => ids[index];
    public DateTime CreatedAt(int index) => createdAt[index];

    /// <summary>Adds a post; posts must come in (created_at, id) order.</summary>
    public void Add(Member post)
    {
        ids.Add(post.Id);
        createdAt.Add(post.CreatedAt);
        deletedAt.Add(DateTime.MaxValue);
    }

    public void MarkDeleted(int index, DateTime at) => deletedAt[index] = at;

    /// <summary>How many posts were created strictly before <paramref name="time"/>: they are indices [0, result).</summary>
    public int CreatedBefore(DateTime time)
    {
        int low = 0, high = createdAt.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (createdAt[middle] < time) low = middle + 1; else high = middle;
        }
        return low;
    }

    public bool IsLiveAt(int index, DateTime time) => createdAt[index] < time && deletedAt[index] > time;
}
