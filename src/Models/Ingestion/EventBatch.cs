using DuckDB.NET.Data;

namespace EventStream.Ingestion;

/// <summary>
/// Rows of <c>raw.event</c> packed for the bulk writer: the text columns as UTF-8 in fixed slots of one array, so the
/// appending thread reads a batch's memory in order instead of chasing ids scattered over the day's users and
/// posts (measured: that alone made appends about 1.5× slower).
/// </summary>
sealed class EventBatch(int capacity)
{
    const int TextColumns = 4; // event_id, user_id, post_id, event_type
    const int SlotBytes = Ids.MaxLength; // every id is VARCHAR(16); event types are shorter

    readonly byte[] text = new byte[capacity * TextColumns * SlotBytes];
    readonly byte[] lengths = new byte[capacity * TextColumns];
    readonly DateTime[] createdAt = new DateTime[capacity];

    public int Count { get; private set; }
    public bool IsFull => Count == capacity;

    /// <summary>Adds a row; the text columns come as UTF-8.</summary>
    public void Add(ReadOnlySpan<byte> eventId, ReadOnlySpan<byte> userId, ReadOnlySpan<byte> postId, DateTime created, ReadOnlySpan<byte> eventType)
    {
        var row = Count++;
        Put(row, 0, eventId);
        Put(row, 1, userId);
        Put(row, 2, postId);
        Put(row, 3, eventType);
        createdAt[row] = created;
    }

    /// <summary>Appends the rows in <c>raw.event</c>'s column order.</summary>
    public void AppendTo(DuckDBAppender appender)
    {
        // AppendRow with a static callback reuses one row object: no allocation per row, so far fewer garbage collections.
        for (var row = 0; row < Count; row++)
            appender.AppendRow((Batch: this, Row: row), static (values, at) => values
                .AppendValue(at.Batch.Text(at.Row, 0)).AppendValue(at.Batch.Text(at.Row, 1)).AppendValue(at.Batch.Text(at.Row, 2))
                .AppendValue(at.Batch.createdAt[at.Row]).AppendValue(at.Batch.Text(at.Row, 3)));
    }

    /// <summary>Writes the rows in <c>raw.event</c>'s column order.</summary>
    public void CopyTo(PostgresRowWriter writer)
    {
        for (var row = 0; row < Count; row++)
        {
            writer.Add(Text(row, 0));
            writer.Add(Text(row, 1));
            writer.Add(Text(row, 2));
            writer.Add(createdAt[row]);
            writer.Add(Text(row, 3));
            writer.EndRow();
        }
    }

    void Put(int row, int column, ReadOnlySpan<byte> value)
    {
        var slot = row * TextColumns + column;
        value.CopyTo(text.AsSpan(slot * SlotBytes, SlotBytes));
        lengths[slot] = (byte)value.Length;
    }

    Span<byte> Text(int row, int column)
    {
        var slot = row * TextColumns + column;
        return text.AsSpan(slot * SlotBytes, lengths[slot]);
    }
}
