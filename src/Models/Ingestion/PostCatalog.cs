namespace EventStream.Ingestion;

/// <summary>
/// The posts a session may view today, ordered by creation time so that "created before t" is a prefix found
/// by binary search; posts soft-deleted today stay in with their deletion time.
/// </summary>
sealed class PostCatalog
{
    // A post's id and lifetime side by side: a session checks a random post and takes its id from one place in memory.
    readonly record struct Entry(string Id, DateTime Created, DateTime Deleted);

    readonly List<Entry> posts = [];

    public int Count => posts.Count;
    public string Id(int index) => posts[index].Id;
    public DateTime CreatedAt(int index) => posts[index].Created;

    /// <summary>Adds a post; posts must come in (created_at, id) order.</summary>
    public void Add(Member post) => posts.Add(new Entry(post.Id, post.CreatedAt, DateTime.MaxValue));

    public void MarkDeleted(int index, DateTime at) => posts[index] = posts[index] with { Deleted = at };

    /// <summary>How many posts were created strictly before <paramref name="time"/>: they are indices [0, result).</summary>
    public int CreatedBefore(DateTime time)
    {
        int low = 0, high = posts.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (posts[middle].Created < time) low = middle + 1; else high = middle;
        }
        return low;
    }

    public bool IsLiveAt(int index, DateTime time) => posts[index] is var post && post.Created < time && post.Deleted > time;
}
