using EventStream.Ingestion;

namespace EventStream.Models.Tests.Ingestion;

public class BackgroundBatchesTests
{
    [Fact]
    public void Hands_over_every_batch_in_order()
    {
        var batches = BackgroundBatches.Of<int>(emit => { for (var i = 0; i < 1000; i++) emit(i); }, capacity: 4);

        Assert.Equal(Enumerable.Range(0, 1000), batches);
    }

    [Fact]
    public void A_failing_producer_fails_the_consumer_with_its_own_exception()
    {
        var batches = BackgroundBatches.Of<int>(emit =>
        {
            emit(1);
            throw new InvalidOperationException("producer broke");
        }, capacity: 4);

        var error = Assert.Throws<InvalidOperationException>(() => batches.ToList());
        Assert.Equal("producer broke", error.Message);
    }

    [Fact]
    public void A_consumer_that_stops_early_stops_the_producer_too()
    {
        var produced = 0;
        var producerEnded = new ManualResetEventSlim();
        var batches = BackgroundBatches.Of<int>(emit =>
        {
            try { while (true) emit(Interlocked.Increment(ref produced)); }
            finally { producerEnded.Set(); }
        }, capacity: 2);

        Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var batch in batches)
                if (batch == 3) throw new InvalidOperationException("consumer broke");
        });

        // Leaving the loop waited for the producer: it is no longer running, and it never ran far ahead.
        Assert.True(producerEnded.IsSet);
        Assert.InRange(produced, 3, 3 + 2 + 1);
    }
}
