using Microsoft.Extensions.Time.Testing;

namespace ZeroFs.Engine.Tests;

public class UlidTests
{
    [Fact]
    public void ToString_KnownValue_MatchesCrockfordText()
    {
        var ulid = Ulid.Create(0x01_8D_3F_00_00_00, 0xABCD, 0x0123456789ABCDEF);
        var text = ulid.ToString();
        Assert.Equal(26, text.Length);
        Assert.Equal(ulid, Ulid.Parse(text));
        Assert.Equal(ulid, Ulid.Parse(text.ToLowerInvariant()));
        Assert.Equal(0x018D3F000000L, ulid.TimestampMs);
        Assert.Equal("01HMZG0000NF6G28T5CY4TQKFF", text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("01HMZG0000NF6G28T5CY4TQKF")]
    [InlineData("81HMZG0000NF6G28T5CY4TQKFF")]
    [InlineData("01HMZG0000NF6G28T5CY4TQKFU")]
    public void TryParse_Malformed_ReturnsFalse(string text) => Assert.False(Ulid.TryParse(text, out _));

    [Fact]
    public void Next_SameMillisecond_IsStrictlyIncreasingInTextAndBytes()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        var generator = new UlidGenerator(time, new Random(7));
        var previous = generator.Next();
        for (var i = 0; i < 1000; i++)
        {
            if (i % 100 == 0)
            {
                time.Advance(TimeSpan.FromMilliseconds(1));
            }

            var next = generator.Next();
            Assert.True(next > previous);
            Assert.True(string.CompareOrdinal(next.ToString(), previous.ToString()) > 0);
            var a = new byte[16];
            var b = new byte[16];
            previous.WriteBytes(a);
            next.WriteBytes(b);
            Assert.True(a.AsSpan().SequenceCompareTo(b) < 0);
            Assert.Equal(next, Ulid.FromBytes(b));
            previous = next;
        }
    }

    [Fact]
    public void Next_SameSeed_SameSequence()
    {
        var start = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        var a = new UlidGenerator(new FakeTimeProvider(start), new Random(3));
        var b = new UlidGenerator(new FakeTimeProvider(start), new Random(3));
        Assert.Equal(a.Next(), b.Next());
        Assert.Equal(a.Next(), b.Next());
    }
}
