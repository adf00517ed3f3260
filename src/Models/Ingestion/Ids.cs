using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace EventStream.Ingestion;

/// <summary>
/// Deterministic ids (16 characters at most): a kind letter, the day number and a sequence within the day,
/// so they are unique across days, sort in creation order and come out the same on every run.
/// </summary>
public static class Ids
{
    public const int MaxLength = 16; // kind, 5 digits of day, '-', 9 digits of sequence

    static readonly StandardFormat DayDigits = new('D', 5), SequenceDigits = new('D', 9);

    public static string User(int day, long sequence) => Make('u', day, sequence);
    public static string Post(int day, long sequence) => Make('p', day, sequence);
    public static string Event(int day, long sequence) => Make('e', day, sequence);

    /// <summary>Writes <see cref="Event"/>'s id as UTF-8 without allocating it; returns its length.</summary>
    public static int WriteEvent(Span<byte> utf8, int day, long sequence) => Write(utf8, 'e', day, sequence);

    static string Make(char kind, int day, long sequence)
    {
        Span<byte> id = stackalloc byte[MaxLength];
        return Encoding.ASCII.GetString(id[..Write(id, kind, day, sequence)]);
    }

    // Each number gets exactly its field: a day or a sequence with more digits does not fit, and is refused.
    static int Write(Span<byte> id, char kind, int day, long sequence)
    {
        id[0] = (byte)kind;
        id[6] = (byte)'-';
        return Utf8Formatter.TryFormat(day, id.Slice(1, 5), out _, DayDigits) && Utf8Formatter.TryFormat(sequence, id.Slice(7, 9), out _, SequenceDigits)
            ? MaxLength
            : throw new OverflowException($"Id of day {day}, sequence {sequence} is longer than {MaxLength} characters.");
    }
}
