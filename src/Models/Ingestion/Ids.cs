namespace EventStream.Ingestion;

/// <summary>
/// Deterministic ids (16 characters at most): a kind letter, the day number and a sequence within the day,
/// so they are unique across days, sort in creation order and come out the same on every run.
/// </summary>
public static class Ids
{
    public static string User(int day, long sequence) => Make('u', day, sequence);
    public static string Post(int day, long sequence) => Make('p', day, sequence);
    public static string Event(int day, long sequence) => Make('e', day, sequence);

    static string Make(char kind, int day, long sequence) => $"{kind}{day:D5}-{sequence:D9}";
}
