using System.Text;
using EventStream.Ingestion;

namespace EventStream.Models.Tests.Ingestion;

public class IdsTests
{
    [Fact]
    public void Ids_carry_kind_day_and_sequence_in_sixteen_characters()
    {
        Assert.Equal("u00003-000000042", Ids.User(3, 42));
        Assert.Equal("p00003-000000042", Ids.Post(3, 42));
        Assert.Equal("e00003-000000042", Ids.Event(3, 42));
    }

    [Fact]
    public void Writing_an_event_id_gives_the_same_characters_as_making_one()
    {
        Span<byte> id = stackalloc byte[Ids.MaxLength];
        var length = Ids.WriteEvent(id, 12345, 987_654_321);

        Assert.Equal(Ids.Event(12345, 987_654_321), Encoding.UTF8.GetString(id[..length]));
    }

    [Theory]
    [InlineData(1, 1_000_000_000, "sequence 1000000000")]
    [InlineData(100_000, 1, "day 100000")]
    [InlineData(1, -1, "sequence -1")]
    public void A_number_too_long_for_its_field_is_refused_by_name(int day, long sequence, string named)
    {
        var error = Assert.Throws<OverflowException>(() => Ids.Event(day, sequence));
        Assert.Contains(named, error.Message);
    }
}
