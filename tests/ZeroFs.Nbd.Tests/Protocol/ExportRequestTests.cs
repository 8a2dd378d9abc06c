using System.Buffers;
using System.Buffers.Binary;
using ZeroFs.Nbd.Protocol;

namespace ZeroFs.Nbd.Tests.Protocol;

public sealed class ExportRequestTests
{
    [Fact]
    public void Write_ThenParse_RoundTrips()
    {
        var output = new ArrayBufferWriter<byte>();
        ExportRequest.Write(output, "vol1"u8, [InfoType.BlockSize, InfoType.Name]);
        Assert.Equal(ExportRequest.GetLength(4, 2), output.WrittenCount);
        Assert.Equal(Convert.FromHexString("00000004" + "766F6C31" + "0002" + "0003" + "0001"), output.WrittenSpan.ToArray());
        Assert.Equal(OperationStatus.Done, ExportRequest.TryParse(output.WrittenSpan, out var request));
        Assert.Equal("vol1"u8.ToArray(), request.Name.ToArray());
        Assert.Equal(2, request.InfoRequestCount);
        Assert.Equal(InfoType.BlockSize, request.GetInfoRequest(0));
        Assert.True(request.Requests(InfoType.Name));
        Assert.False(request.Requests(InfoType.Description));
    }

    [Fact]
    public void Parse_EmptyNameNoRequests_IsTheDefaultExport()
    {
        Assert.Equal(OperationStatus.Done, ExportRequest.TryParse(new byte[6], out var request));
        Assert.True(request.Name.IsEmpty);
        Assert.Equal(0, request.InfoRequestCount);
    }

    [Theory]
    [InlineData("")] // nothing
    [InlineData("00000000")] // no request count
    [InlineData("0000000000")] // half a request count
    [InlineData("00000005" + "766F6C31" + "0000")] // name runs into the count
    [InlineData("FFFFFFFF" + "0000")] // name length far past the data
    [InlineData("00000001" + "41" + "0001")] // one request announced, none present
    [InlineData("00000001" + "41" + "0001" + "00")] // half a request
    [InlineData("00000001" + "41" + "0000" + "00")] // trailing byte
    [InlineData("00000001" + "41" + "0000" + "0003")] // trailing request not counted
    public void Parse_Malformed_IsInvalidData(string hex)
    {
        Assert.Equal(OperationStatus.InvalidData, ExportRequest.TryParse(Convert.FromHexString(hex), out _));
    }

    [Fact]
    public void Parse_NameLongerThan4096_IsInvalidData()
    {
        var data = new byte[4 + 4097 + 2];
        BinaryPrimitives.WriteUInt32BigEndian(data, 4097);
        Assert.Equal(OperationStatus.InvalidData, ExportRequest.TryParse(data, out _));
        var ok = new byte[4 + 4096 + 2];
        BinaryPrimitives.WriteUInt32BigEndian(ok, 4096);
        Assert.Equal(OperationStatus.Done, ExportRequest.TryParse(ok, out _));
    }

    [Fact]
    public void Parse_RandomGarbage_NeverThrows()
    {
        var random = new Random(3);
        for (var i = 0; i < 20_000; i++)
        {
            var data = new byte[random.Next(0, 40)];
            random.NextBytes(data);
            if (data.Length >= 4 && random.Next(2) == 0)
            {
                BinaryPrimitives.WriteUInt32BigEndian(data, (uint)random.Next(0, data.Length));
            }

            var status = ExportRequest.TryParse(data, out var request);
            Assert.True(status is OperationStatus.Done or OperationStatus.InvalidData);
            if (status == OperationStatus.Done)
            {
                Assert.Equal(data.Length, 6 + request.Name.Length + (2 * request.InfoRequestCount));
            }
        }
    }
}
