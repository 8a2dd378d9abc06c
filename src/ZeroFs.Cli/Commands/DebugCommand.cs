using System.CommandLine;
using System.Globalization;
using System.Text;
using ZeroFs.Engine.Inspection;
using ZeroFs.Engine.Manifest;
using ZeroFs.Hosting;
using ZeroFs.Hosting.Configuration;

namespace ZeroFs.Cli.Commands;

/// <summary>
/// <c>zerofs debug manifest|tables|verify -c FILE</c>: read-only inspection of a store. Opens the
/// stores and unlocks the key without creating anything and never as a writer, so it is safe to
/// run beside a live server.
/// </summary>
internal static class DebugCommand
{
    public static Command Create(CommandContext context)
    {
        var command = new Command("debug", "Read-only inspection of a store (never opens it as a writer).");
        command.Subcommands.Add(Verb(context, "manifest", "Print the latest manifest.", PrintManifestAsync));
        command.Subcommands.Add(Verb(context, "tables", "List the tables the latest manifest references.", PrintTablesAsync));
        command.Subcommands.Add(Verb(
            context, "verify", "Unseal every manifest, WAL segment and SST block; exit 1 if any is damaged.", VerifyAsync));
        return command;
    }

    private static Command Verb(
        CommandContext context, string name, string description, Func<StoreInspector, TextWriter, CancellationToken, Task<int>> action)
    {
        var config = ConfigOption.Create(required: true, "Config file of the store to inspect.");
        var command = new Command(name, description) { config };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = ConfigLoader.LoadFile(parseResult.GetValue(config)!, context.Console.Environment);
            using var loggerFactory = context.CreateLoggerFactory(parseResult);
            var host = new ZeroFsHost(options, AccessMode.Inspect, null, loggerFactory);
            await using var hostScope = host.ConfigureAwait(false);
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            using var inspector = host.CreateInspector();
            return await action(inspector, context.Console.Out, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> PrintManifestAsync(StoreInspector inspector, TextWriter output, CancellationToken cancellationToken)
    {
        var latest = await inspector.ReadManifestAsync(cancellationToken).ConfigureAwait(false);
        if (latest is null)
        {
            await output.WriteLineAsync("no manifest: the storage engine has not written to this store yet").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        var m = latest.Manifest;
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"manifest id       {latest.Id}")
            .AppendLine(CultureInfo.InvariantCulture, $"format version    {DbManifest.CurrentFormatVersion}")
            .AppendLine(CultureInfo.InvariantCulture, $"created           {m.Created:O} by {m.CreatorRole}")
            .AppendLine(CultureInfo.InvariantCulture, $"writer epoch      {m.WriterEpoch}")
            .AppendLine(CultureInfo.InvariantCulture, $"compactor epoch   {m.CompactorEpoch}")
            .AppendLine(CultureInfo.InvariantCulture, $"wal store         {m.WalStore}")
            .AppendLine(CultureInfo.InvariantCulture, $"wal replay after  {m.WalReplayAfter} (next hint {m.WalNextHint})")
            .AppendLine(CultureInfo.InvariantCulture, $"last L0 seq       {m.LastL0Seq}")
            .AppendLine(CultureInfo.InvariantCulture, $"retain seq floor  {m.RetainSeqFloor}")
            .AppendLine(CultureInfo.InvariantCulture, $"L0 tables         {m.L0.Length}")
            .AppendLine(CultureInfo.InvariantCulture, $"sorted runs       {m.Runs.Length} ({m.Runs.Sum(r => r.Tables.Length)} tables)")
            .AppendLine(CultureInfo.InvariantCulture, $"last compacted L0 {(m.LastCompactedL0?.ToString() ?? "-")}")
            .AppendLine(CultureInfo.InvariantCulture, $"checkpoints       {m.Checkpoints.Length}");
        foreach (var checkpoint in m.Checkpoints)
        {
            var expires = checkpoint.Expires?.ToString("O", CultureInfo.InvariantCulture) ?? "never";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {checkpoint.Id} name={checkpoint.Name ?? "-"} manifest={checkpoint.ManifestId} created={checkpoint.Created:O} expires={expires}");
        }

        await output.WriteAsync(text.ToString()).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static async Task<int> PrintTablesAsync(StoreInspector inspector, TextWriter output, CancellationToken cancellationToken)
    {
        var tables = await inspector.ListTablesAsync(cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync("level   table                       bytes        entries  tombstones  seq range          first key .. last key")
            .ConfigureAwait(false);
        foreach (var (level, t) in tables)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{level,-7} {t.Id}  {t.Size,11}  {t.Entries,9}  {t.Tombstones,10}  {t.MinSeq,8}..{t.MaxSeq,-8} {Printable(t.FirstKey)} .. {Printable(t.LastKey)}"))
                .ConfigureAwait(false);
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{tables.Count} tables, {tables.Sum(t => (long)t.Table.Size)} bytes")).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static async Task<int> VerifyAsync(StoreInspector inspector, TextWriter output, CancellationToken cancellationToken)
    {
        var report = await inspector.VerifyAsync(null, cancellationToken).ConfigureAwait(false);
        foreach (var (key, problem) in report.Problems)
        {
            await output.WriteLineAsync($"DAMAGED {key}: {problem}").ConfigureAwait(false);
        }

        var verdict = report.IsClean ? "all intact" : $"{report.Problems.Count} damaged";
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"verified {report.Manifests} manifests, {report.WalSegments} WAL segments ({report.WalBatches} batches, {report.WalFences} fences), " +
            $"{report.Tables} tables ({report.DataBlocks} data blocks), {report.Bytes} bytes: {verdict}")).ConfigureAwait(false);
        return report.IsClean ? ExitCodes.Ok : ExitCodes.Failure;
    }

    // Keys are binary; show printable ASCII as is and everything else as \xNN, cut at 40 characters.
    private static string Printable(byte[] key)
    {
        var text = new StringBuilder();
        foreach (var b in key)
        {
            if (text.Length >= 40)
            {
                return text.Append('…').ToString();
            }

            if (b is >= 0x20 and < 0x7f && b != '\\')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"\\x{b:x2}");
            }
        }

        return text.ToString();
    }
}
