namespace EventStream.Ingestion;

/// <summary>Independent random streams of one day.</summary>
public enum RandomStream { UserChanges = 1, UserText, PostChanges, PostText, Events }

/// <summary>
/// Every day's randomness comes from (seed, day number, stream) only — never from state carried over inside a
/// run — so ingesting N days one at a time or all at once gives the same data.
/// </summary>
public static class Seeds
{
    public static int For(int seed, int day, RandomStream stream)
    {
        // SplitMix64 finaliser: nearby inputs give unrelated seeds.
        var z = ((ulong)(uint)seed << 32 | (uint)day) + (ulong)stream * 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }

    /// <summary><paramref name="count"/> distinct indices below <paramref name="size"/>, in drawing order.</summary>
    public static int[] DistinctIndices(Random random, int size, int count)
    {
        count = Math.Min(count, size);
        var seen = new HashSet<int>(count);
        var picked = new int[count];
        for (var i = 0; i < count;)
        {
            var index = random.Next(size);
            if (seen.Add(index)) picked[i++] = index;
        }
        return picked;
    }
}
