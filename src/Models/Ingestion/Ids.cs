namespace EventStream.Ingestion;

/// <summary>
/// Deterministic ids (16 characters at most): a kind letter, the day number and a sequence within the day,
/// so they are unique across days, sort in creation order and come out the same on every run.
/// </summary>
public static class Ids
{
    public const int MaxLength = 16;

    public static string User(int day, long sequence) => Make('u', day, sequence);
    public static string Post(int day, long sequence) => Make('p', day, sequence);
    public static string Event(int day, long sequence) => Make('e', day, sequence);

    /// <summary>Writes <see cref="Event"/>'s id without allocating it; returns its length.</summary>
    public static int WriteEvent(Span<char> destination, int day, long sequence) => Write(destination, 'e', day, sequence);

    static string Make(char kind, int day, long sequence)
    {
        Span<char> id = stackalloc char[MaxLength];
        return new string(id[..Write(id, kind, day, sequence)]);
    }

    static int Write(Span<char> destination, char kind, int day, long sequence) =>
        destination.TryWrite($"{kind}{day:D5}-{sequence:D9}", out var length)
            ? length
            : throw new OverflowException($"Id of day {day}, sequence {sequence} is longer than {MaxLength} characters.");
}
