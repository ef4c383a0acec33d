#!/usr/bin/env python3
"""Latency relay for mailconf's benchmark (this kernel has no tc netem).

Listens on LISTEN:PORT for each port and forwards to TARGET:PORT, holding
every chunk for --delay-ms in each direction (so the round trip grows by
2 x delay). The TCP handshake with the client cannot be delayed from user
space, so instead the upstream connection is opened only after
--connect-delay-ms (default 2 x delay = one round trip): time-to-greeting
then matches a real link with that RTT (1.5 RTT), the client's connect()
just returns early.

--blackhole PORT makes PORT on LISTEN "filtered" without a firewall: a
listener with backlog 0 that never accepts and whose single queue slot is
taken by the relay's own connection, so the kernel drops every further SYN
and clients see a connect timeout (the fallback for loopback mode; in the
network namespace `mailservers.sh drop PORT` uses a real nft DROP rule).

Bounded: stops by itself after --duration seconds, accepts at most
--max-connections connections in total, at most --max-buffered bytes are
queued per direction. Standard library only.
"""

import argparse
import asyncio
import os
import signal
import socket
import sys
import time


def log(*args):
    print(time.strftime("%H:%M:%S"), *args, file=sys.stderr, flush=True)


class Relay:
    def __init__(self, args):
        self.args = args
        self.delay = args.delay_ms / 1000.0
        self.connect_delay = (
            args.connect_delay_ms if args.connect_delay_ms is not None else 2 * args.delay_ms
        ) / 1000.0
        self.accepted = 0
        self.active = set()

    async def pump(self, reader, writer, label):
        """Copy reader -> writer, each chunk delivered `delay` after it was read."""
        queue = asyncio.Queue(maxsize=max(1, self.args.max_buffered // 16384))

        async def read_side():
            try:
                while True:
                    data = await reader.read(16384)
                    await queue.put((time.monotonic() + self.delay, data))
                    if not data:
                        return
            except (ConnectionError, OSError):
                await queue.put((time.monotonic() + self.delay, b""))

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

        await asyncio.gather(read_side(), write_side())

    async def handle(self, port, creader, cwriter):
        if self.accepted >= self.args.max_connections:
            cwriter.close()
            return
        self.accepted += 1
        task = asyncio.current_task()
        self.active.add(task)
        peer = cwriter.get_extra_info("peername")
        try:
            if self.connect_delay > 0:
                await asyncio.sleep(self.connect_delay)
            try:
                sreader, swriter = await asyncio.wait_for(
                    asyncio.open_connection(
                        self.args.target,
                        port,
                        local_addr=(self.args.source, 0) if self.args.source else None,
                    ),
                    timeout=10,
                )
            except (OSError, asyncio.TimeoutError) as e:
                log(f"port {port}: upstream connect failed: {e}")
                cwriter.close()
                return
            await asyncio.gather(
                self.pump(creader, swriter, "c->s"),
                self.pump(sreader, cwriter, "s->c"),
            )
            swriter.close()
        except asyncio.CancelledError:
            pass
        finally:
            cwriter.close()
            self.active.discard(task)
            log(f"port {port}: {peer} closed")

    async def run(self):
        servers = []
        for port in self.args.ports:
            srv = await asyncio.start_server(
                lambda r, w, p=port: self.handle(p, r, w),
                self.args.listen,
                port,
                reuse_address=True,
            )
            servers.append(srv)
        holes = []
        for port in self.args.blackhole:
            lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            lsock.bind((self.args.listen, port))
            lsock.listen(0)
            # take the single accept-queue slot ourselves
            filler = socket.create_connection((self.args.listen, port), timeout=2)
            holes.append((lsock, filler))
        log(
            f"relay {self.args.listen} -> {self.args.target} ports {self.args.ports} "
            f"+{self.args.delay_ms} ms/direction, connect delay "
            f"{self.connect_delay * 1000:.0f} ms, blackhole {self.args.blackhole}, "
            f"for {self.args.duration} s"
        )
        if self.args.ready_file:
            tmp = self.args.ready_file + ".tmp"
            with open(tmp, "w") as f:
                f.write(str(os.getpid()))
            os.replace(tmp, self.args.ready_file)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        try:
            await asyncio.wait_for(stop.wait(), timeout=self.args.duration)
        except asyncio.TimeoutError:
            log("duration reached, stopping")
        for srv in servers:
            srv.close()
        for task in list(self.active):
            task.cancel()
        for lsock, filler in holes:
            filler.close()
            lsock.close()
        log(f"stopped after {self.accepted} connections")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--listen", required=True, help="address to listen on")
    ap.add_argument("--target", required=True, help="address to forward to")
    ap.add_argument("--source", help="source address for upstream connections")
    ap.add_argument("--ports", default="", help="comma-separated ports (same on both sides)")
    ap.add_argument("--delay-ms", type=int, default=50, help="added delay per direction")
    ap.add_argument("--connect-delay-ms", type=int, default=None,
                    help="wait before connecting upstream (default 2 x delay)")
    ap.add_argument("--blackhole", type=int, action="append", default=[],
                    help="port on --listen whose SYNs are dropped (repeatable)")
    ap.add_argument("--duration", type=float, default=300, help="stop after this many seconds")
    ap.add_argument("--max-connections", type=int, default=10000)
    ap.add_argument("--max-buffered", type=int, default=1 << 20,
                    help="bytes queued per direction before reading pauses")
    ap.add_argument("--ready-file", help="written (with the relay's pid) once listening")
    args = ap.parse_args()
    args.ports = [int(p) for p in args.ports.split(",") if p and int(p) not in args.blackhole]
    if args.duration <= 0 or args.duration > 3600:
        ap.error("--duration must be in (0, 3600]")
    asyncio.run(Relay(args).run())


if __name__ == "__main__":
    main()
