#!/usr/bin/env python3
"""A TCP proxy that adds a fixed one-way delay to every byte, in each direction.

    bench/delay-proxy.py LISTEN_PORT TARGET_PORT DELAY_MS [--host 127.0.0.1]

Listens on 127.0.0.1:LISTEN_PORT and forwards each connection to 127.0.0.1:TARGET_PORT. Each chunk read
from one side is written to the other side DELAY_MS after it arrived, in arrival order: the delay is a
latency, not a bandwidth cap (chunks in flight overlap, as on a long link). A half-close (EOF) travels
with the same delay. Prints "listening on PORT" once it accepts connections (scripts wait for that line).
"""

import argparse
import asyncio
import sys
import time

CHUNK = 256 * 1024
MAX_QUEUED_CHUNKS = 256  # back-pressure: at most 64 MiB in flight per direction


async def pump(reader, writer, delay):
    """Copies reader to writer, each chunk delayed by `delay` seconds from when it was read."""
    queue = asyncio.Queue(MAX_QUEUED_CHUNKS)

    async def read_side():
        try:
            while True:
                data = await reader.read(CHUNK)
                await queue.put((time.monotonic() + delay, data))
                if not data:
                    return
        except (ConnectionError, OSError):
            await queue.put((time.monotonic() + delay, b""))

    async def write_side():
        try:
            while True:
                due, data = await queue.get()
                wait = due - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                if not data:
                    if writer.can_write_eof():
                        writer.write_eof()
                    return
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            return

    reading = asyncio.ensure_future(read_side())
    try:
        await write_side()
    finally:
        reading.cancel()


async def handle(client_reader, client_writer, host, target_port, delay):
    try:
        server_reader, server_writer = await asyncio.open_connection(host, target_port)
    except OSError as e:
        print(f"delay-proxy: cannot reach {host}:{target_port}: {e}", file=sys.stderr, flush=True)
        client_writer.close()
        return
    try:
        await asyncio.gather(
            pump(client_reader, server_writer, delay),
            pump(server_reader, client_writer, delay),
        )
    finally:
        for w in (client_writer, server_writer):
            w.close()


async def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("listen_port", type=int)
    parser.add_argument("target_port", type=int)
    parser.add_argument("delay_ms", type=float)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args()
    delay = args.delay_ms / 1000.0

    server = await asyncio.start_server(
        lambda r, w: handle(r, w, args.host, args.target_port, delay), args.host, args.listen_port
    )
    port = server.sockets[0].getsockname()[1]
    print(f"listening on {port} -> {args.host}:{args.target_port}, +{args.delay_ms:g} ms each way", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
