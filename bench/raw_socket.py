"""A Socket.IO client cheaper than the server it measures: Engine.IO 4 / Socket.IO 5
frames spoken over `websockets` in asyncio (bench/flood.py's phones and projector)."""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Callable
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed


class Refused(Exception):
    """The server answered the Socket.IO connect with an error (44)."""


class Socket:
    """One Socket.IO client over one websocket: connect with auth, emit, call with an ack."""

    def __init__(self, ws: ClientConnection, on_event: Callable[[str], None] | None) -> None:
        self.ws = ws
        self.on_event = on_event
        self.ids = itertools.count()
        self.pending: dict[int, asyncio.Future] = {}
        self.is_closed = False
        self.is_dropped = False  # closed by the server, not by us
        self.reader: asyncio.Task | None = None

    @classmethod
    async def open(
        cls,
        url: str,
        auth: dict[str, Any],
        on_event: Callable[[str], None] | None = None,
        **connection: Any,
    ) -> Socket:
        """Open the websocket, take Engine.IO's open packet, connect to the namespace.

        ``connection`` goes to the event loop's create_connection, e.g.
        ``local_addr=(tests.cluster.loopback_address(n), 0)`` to come from an address of
        one's own (nginx spreads clients by address)."""
        ws = await connect(
            url,
            compression=None,
            ping_interval=None,
            max_size=None,
            open_timeout=60,
            **connection,
        )
        opened = await ws.recv()
        if not isinstance(opened, str) or not opened.startswith("0"):
            raise Refused(f"no Engine.IO open packet: {opened!r}")
        await ws.send("40" + json.dumps(auth))
        socket = cls(ws, on_event)
        while True:  # the connect handler's snapshot may come before or after the answer
            message = await asyncio.wait_for(ws.recv(), 60)
            if isinstance(message, bytes):
                continue
            if message.startswith("40"):
                break
            if message.startswith("44"):
                await ws.close()
                raise Refused(message[2:])
            socket._handle(message)
        socket.reader = asyncio.create_task(socket._read())
        return socket

    def _handle(self, message: str) -> None:
        if message.startswith("42"):
            if self.on_event is not None:
                self.on_event(message[2:])
        elif message.startswith("43"):
            body = message[2:]
            split = body.index("[")
            future = self.pending.pop(int(body[:split]), None)
            if future is not None and not future.done():
                args = json.loads(body[split:])
                future.set_result(args[0] if args else None)
        elif message.startswith("41") or message == "1":
            self.is_dropped = True

    async def _read(self) -> None:
        try:
            async for message in self.ws:
                if message == "2":
                    await self.ws.send("3")
                elif isinstance(message, str):
                    self._handle(message)
        except ConnectionClosed:
            pass
        finally:
            if not self.is_closed:
                self.is_dropped = True
            self.is_closed = True
            for future in self.pending.values():
                if not future.done():
                    future.set_exception(ConnectionError("socket closed"))
            self.pending.clear()

    async def emit(self, event: str, data: Any) -> None:
        """Send an event without an ack id."""
        await self.ws.send("42" + json.dumps([event, data]))

    async def call(self, event: str, data: Any) -> asyncio.Future:
        """Send an event with an ack id; return the future of the ack's first argument."""
        ack_id = next(self.ids)
        future = asyncio.get_running_loop().create_future()
        self.pending[ack_id] = future
        await self.ws.send(f"42{ack_id}" + json.dumps([event, data]))
        return future

    async def close(self) -> None:
        self.is_closed = True
        try:
            await asyncio.wait_for(self.ws.close(), 2)
        except (TimeoutError, ConnectionClosed):
            self.ws.transport.abort()


# The room ------------------------------------------------------------------------------
