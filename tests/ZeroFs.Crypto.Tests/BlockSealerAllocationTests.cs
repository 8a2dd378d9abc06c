namespace ZeroFs.Crypto.Tests;

/// <summary>
/// Correctness gate for the pooled path (not a timing test): once a thread has its codec contexts
/// and pooled buffers, sealing and unsealing allocate nothing.
/// </summary>
public sealed class BlockSealerAllocationTests
{
    [Theory]
    [InlineData("lz4")]
    [InlineData("zstd-1")]
    [InlineData("zstd-3")]
    [InlineData("none")]
    public void SealUnseal_AfterWarmUp_AllocatesNothing(string compression)
    {
        using var key = DataKey.Generate();
        using var sealer = new BlockSealer(key, KeyDomain.Sst, CompressionOptions.Parse(compression));
        var plaintext = TestData.Compressible(32768);
        var random = TestData.Random(32768);
        var sealedBlock = new byte[BlockSealer.MaxSealedLength(32768)];
        var output = new byte[32768];
        var aad = new byte[40];

        void Run(int iterations)
        {
            for (var i = 0; i < iterations; i++)
            {
                var input = (i & 7) == 0 ? random : plaintext;
                var written = sealer.Seal(input, aad, sealedBlock);
                sealer.Unseal(sealedBlock.AsSpan(0, written), aad, output);
            }
        }

        Run(50);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(1000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(plaintext, output);
    }
}
