using System.Collections.Concurrent;

namespace EventStream.Ingestion;

/// <summary>
/// Runs a producer on a worker thread and hands its batches to the caller through a bounded queue, so producing
/// the next batches overlaps with consuming this one, and at most <c>capacity</c> batches wait at any time.
/// </summary>
static class BackgroundBatches
{
    /// <param name="produce">Produces the batches, passing each to the callback it is given (which blocks while the queue is full).</param>
    public static IEnumerable<TBatch> Of<TBatch>(Action<Action<TBatch>> produce, int capacity)
    {
        using var queue = new BlockingCollection<TBatch>(capacity);
        using var stop = new CancellationTokenSource();
        var producer = Task.Run(() =>
        {
            try { produce(batch => queue.Add(batch, stop.Token)); }
            finally { queue.CompleteAdding(); }
        });

        try
        {
            foreach (var batch in queue.GetConsumingEnumerable()) yield return batch;
            producer.GetAwaiter().GetResult(); // the producer's own exception, if it failed
        }
        finally
        {
            // The caller stopped early (it failed, or the producer did): stop the producer before the queue goes.
            stop.Cancel();
            try { producer.Wait(); }
            catch (AggregateException) { } // cancelled, or already rethrown above
        }
    }
}
