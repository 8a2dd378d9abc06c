using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using ZeroFs.Nbd.Protocol;

namespace ZeroFs.Nbd.Server;

/// <summary>Fixed-newstyle negotiation: greeting, client flags, then options until transmission or the end.</summary>
internal sealed partial class NbdSession
{
    private bool _noZeroes;

    /// <summary>Negotiates; returns the export to transmit on, or null when the session is over.</summary>
    private async Task<NbdExport?> NegotiateAsync()
    {
        NbdWriter.WriteGreeting(_output, HandshakeFlags.FixedNewstyle | HandshakeFlags.NoZeroes);
        if (!await FlushNegotiationAsync().ConfigureAwait(false))
        {
            return null;
        }

        var result = await _input.ReadAtLeastAsync(NbdConstants.ClientFlagsLength, _closing.Token).ConfigureAwait(false);
        var buffer = result.Buffer;
        if (buffer.Length < NbdConstants.ClientFlagsLength)
        {
            _input.AdvanceTo(buffer.Start, buffer.End);
            return null;
        }

        Span<byte> raw = stackalloc byte[NbdConstants.ClientFlagsLength];
        buffer.Slice(0, NbdConstants.ClientFlagsLength).CopyTo(raw);
        _input.AdvanceTo(buffer.GetPosition(NbdConstants.ClientFlagsLength));
        var flags = (ClientFlags)BinaryPrimitives.ReadUInt32BigEndian(raw);
        if ((flags & ~ClientFlags.Known) != 0)
        {
            Violation("the client set unknown handshake flags");
            return null;
        }

        if ((flags & ClientFlags.FixedNewstyle) == 0)
        {
            Violation("the client does not speak fixed newstyle negotiation");
            return null;
        }

        _noZeroes = (flags & ClientFlags.NoZeroes) != 0;
        var data = ArrayPool<byte>.Shared.Rent(_maxOptionLength);
        try
        {
            while (true)
            {
                var step = await NextOptionAsync(data).ConfigureAwait(false);
                if (step.Done)
                {
                    return step.Export;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(data);
        }
    }

    /// <summary>Reads and answers one option. Done with an export enters transmission; done without one ends the session.</summary>
    private async Task<(bool Done, NbdExport? Export)> NextOptionAsync(byte[] data)
    {
        var result = await _input.ReadAtLeastAsync(NbdConstants.OptionHeaderLength, _closing.Token).ConfigureAwait(false);
        var buffer = result.Buffer;
        var status = OptionHeader.TryRead(buffer, out var header);
        if (status != OperationStatus.Done)
        {
            _input.AdvanceTo(buffer.Start, buffer.End);
            if (status == OperationStatus.InvalidData)
            {
                Violation("an option did not start with IHAVEOPT");
            }

            return (true, null);
        }

        _input.AdvanceTo(buffer.GetPosition(NbdConstants.OptionHeaderLength));
        if (header.Length > (uint)_maxOptionLength)
        {
            if (!await DrainAsync(header.Length).ConfigureAwait(false))
            {
                return (true, null);
            }

            if (header.Option == NbdOption.ExportName)
            {
                Violation("NBD_OPT_EXPORT_NAME with an over-long name");
                return (true, null);
            }

            return await ReplyOptionAsync(header.Option, OptionReplyType.ErrorTooBig, "option data too long"u8.ToArray()).ConfigureAwait(false);
        }

        var length = (int)header.Length;
        if (!await ReceiveAsync(data.AsMemory(0, length)).ConfigureAwait(false))
        {
            return (true, null);
        }

        return header.Option switch
        {
            NbdOption.ExportName => await ExportNameAsync(data.AsSpan(0, length).ToArray()).ConfigureAwait(false),
            NbdOption.Abort => await ReplyOptionAsync(NbdOption.Abort, OptionReplyType.Ack, null, done: true).ConfigureAwait(false),
            NbdOption.List => length == 0
                ? await ListAsync().ConfigureAwait(false)
                : await ReplyOptionAsync(NbdOption.List, OptionReplyType.ErrorInvalid, "NBD_OPT_LIST takes no data"u8.ToArray()).ConfigureAwait(false),
            NbdOption.Info or NbdOption.Go => await InfoOrGoAsync(header.Option, data.AsMemory(0, length)).ConfigureAwait(false),
            _ => await ReplyOptionAsync(header.Option, OptionReplyType.ErrorUnsupported, null).ConfigureAwait(false),
        };
    }

    private async Task<(bool Done, NbdExport? Export)> ExportNameAsync(byte[] name)
    {
        var export = await _server.ResolveExportAsync(name, _closing.Token).ConfigureAwait(false);
        if (export is null)
        {
            // NBD_OPT_EXPORT_NAME has no error reply: the only answer is to end the session.
            NbdLog.UnknownExport(_logger, _id, Encoding.UTF8.GetString(name));
            return (true, null);
        }

        NbdWriter.WriteExportNameReply(_output, (ulong)export.Size, export.Flags, _noZeroes);
        if (!await FlushNegotiationAsync().ConfigureAwait(false))
        {
            return (true, null);
        }

        NbdLog.TransmissionStarted(_logger, _id, Encoding.UTF8.GetString(name), export.Size, (ushort)export.Flags);
        return (true, export);
    }

    private async Task<(bool Done, NbdExport? Export)> ListAsync()
    {
        foreach (var name in await _server.ListExportsAsync(_closing.Token).ConfigureAwait(false))
        {
            NbdWriter.WriteServerReply(_output, name);
        }

        return await ReplyOptionAsync(NbdOption.List, OptionReplyType.Ack, null).ConfigureAwait(false);
    }

    private async Task<(bool Done, NbdExport? Export)> InfoOrGoAsync(NbdOption option, ReadOnlyMemory<byte> data)
    {
        if (!TryParseExportRequest(data.Span, out var name, out var wantsName))
        {
            return await ReplyOptionAsync(option, OptionReplyType.ErrorInvalid, "malformed NBD_OPT_INFO/NBD_OPT_GO data"u8.ToArray()).ConfigureAwait(false);
        }

        var export = await _server.ResolveExportAsync(name, _closing.Token).ConfigureAwait(false);
        if (export is null)
        {
            NbdLog.UnknownExport(_logger, _id, Encoding.UTF8.GetString(name));
            return await ReplyOptionAsync(option, OptionReplyType.ErrorUnknown, "no such export"u8.ToArray()).ConfigureAwait(false);
        }

        NbdWriter.WriteExportInfo(_output, option, (ulong)export.Size, export.Flags);

        // Sent whether asked for or not (clients ignore information they did not request): these
        // are the limits the server enforces.
        NbdWriter.WriteBlockSizeInfo(_output, option, (uint)_minimumBlockSize, (uint)_server.Options.PreferredBlockSize, (uint)_maxPayload);
        if (wantsName)
        {
            NbdWriter.WriteNameInfo(_output, option, name);
        }

        return await ReplyOptionAsync(option, OptionReplyType.Ack, null, done: option == NbdOption.Go, export).ConfigureAwait(false);
    }

    private static bool TryParseExportRequest(ReadOnlySpan<byte> data, out byte[] name, out bool wantsName)
    {
        if (ExportRequest.TryParse(data, out var request) != OperationStatus.Done)
        {
            name = [];
            wantsName = false;
            return false;
        }

        name = request.Name.ToArray();
        wantsName = request.Requests(InfoType.Name);
        return true;
    }

    /// <summary>Sends an option reply; with <paramref name="done"/> the negotiation ends (with <paramref name="export"/> to transmit on, or the session).</summary>
    private async Task<(bool Done, NbdExport? Export)> ReplyOptionAsync(
        NbdOption option, OptionReplyType type, byte[]? message, bool done = false, NbdExport? export = null)
    {
        NbdWriter.WriteOptionReply(_output, option, type, message);
        if (!await FlushNegotiationAsync().ConfigureAwait(false))
        {
            return (true, null);
        }

        if (done && export is not null)
        {
            NbdLog.TransmissionStarted(_logger, _id, Encoding.UTF8.GetString(export.Name), export.Size, (ushort)export.Flags);
        }

        return (done, done ? export : null);
    }
}
