"""Drivers that run a sans-I/O flow over a transport.

A flow is a generator that yields :class:`~cognito_identity._wire.Call` objects and is sent
each answer (a dict); a failed call is thrown into it (``flow.throw(error)``) so it may recover
or let the error out. Its return value is the flow's result. This is the shape of httpx's
``Auth.auth_flow``: each flow is written once and run by both drivers.

Both drivers close the flow when they stop early (an error the flow did not handle, or the
task being cancelled), so its ``finally`` clauses run then and not whenever it is collected.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any, TypeVar

from .._transport import AsyncSender, Sender
from .._wire import Call
from ..errors import CognitoError

T = TypeVar("T")
Flow = Generator[Call, dict[str, Any], T]


def run_sync(flow: Flow[T], transport: Sender) -> T:
    """Run ``flow`` to the end, sending each call with ``transport``; return its result."""
    try:
        call = next(flow)
        while True:
            try:
                answer = transport.send(call)
            except CognitoError as error:
                call = flow.throw(error)
            else:
                call = flow.send(answer)
    except StopIteration as stop:
        result: T = stop.value
        return result
    finally:
        flow.close()


async def run_async(flow: Flow[T], transport: AsyncSender) -> T:
    """The async twin of :func:`run_sync`."""
    try:
        call = next(flow)
        while True:
            try:
                answer = await transport.send(call)
            except CognitoError as error:
                call = flow.throw(error)
            else:
                call = flow.send(answer)
    except StopIteration as stop:
        result: T = stop.value
        return result
    finally:
        flow.close()
