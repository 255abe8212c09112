"""What the admin commands (``pool``, ``client``, ``user``, ``messages``) share.

The connection options (``--endpoint``, ``--region``, ``--access-key``, ``--secret-key``), a
botocore ``cognito-idp`` client made from them (it signs every call with SigV4, as AWS and the
local server's admin operations want), table and JSON output, and :func:`guarded`, which turns
service and connection errors into one line on stderr and exit status 1 instead of a traceback.

Credentials come from the options, else ``$AWS_ACCESS_KEY_ID`` / ``$AWS_SECRET_ACCESS_KEY``,
else the local server's defaults (``local`` / ``local-secret``). The endpoint comes from
``--endpoint``, else ``$COGNITO_ENDPOINT``, else ``http://127.0.0.1:9229/``; ``--endpoint aws``
talks to Amazon Cognito in ``--region``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

LOCAL_ENDPOINT = "http://127.0.0.1:9229/"
LOCAL_KEY, LOCAL_SECRET = "local", "local-secret"
INSTALL_HINT = "the admin commands need botocore: pip install 'cognito-identity[cli]'"
Command = Callable[[argparse.Namespace], int]


class CliError(Exception):
    """A failure to report as one line (``cognito-identity: <message>``) with exit status 1."""


def add_connection_options(parser: argparse.ArgumentParser) -> None:
    """``--endpoint``, ``--region``, ``--access-key``, ``--secret-key`` and ``--json``."""
    parser.add_argument(
        "--endpoint",
        default=os.environ.get("COGNITO_ENDPOINT", LOCAL_ENDPOINT),
        help="server URL, or 'aws' for Amazon Cognito (default: $COGNITO_ENDPOINT or "
        f"{LOCAL_ENDPOINT})",
    )
    parser.add_argument("--region", default=os.environ.get("AWS_REGION", "us-east-1"))
    parser.add_argument("--access-key", help="default: $AWS_ACCESS_KEY_ID, else 'local'")
    parser.add_argument("--secret-key", help="default: $AWS_SECRET_ACCESS_KEY, else the local one")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def add_group(subparsers: Any, name: str, help_text: str) -> Any:
    """A command with sub-commands (``pool create``...); returns their subparsers."""
    parser = subparsers.add_parser(name, help=help_text)
    return parser.add_subparsers(dest=f"{name}_command", metavar="ACTION", required=True)


def add_action(group: Any, name: str, help_text: str, run: Command) -> argparse.ArgumentParser:
    """One action of a group, with the connection options and ``run`` wrapped by guarded."""
    parser: argparse.ArgumentParser = group.add_parser(name, help=help_text)
    add_connection_options(parser)
    parser.set_defaults(run=guarded(run))
    return parser


def credentials(args: argparse.Namespace) -> tuple[str, str]:
    """The access key pair: options, then the environment, then the local server's."""
    key = args.access_key or os.environ.get("AWS_ACCESS_KEY_ID") or LOCAL_KEY
    secret = args.secret_key or os.environ.get("AWS_SECRET_ACCESS_KEY") or LOCAL_SECRET
    return key, secret


def idp_client(args: argparse.Namespace) -> Any:
    """A botocore ``cognito-idp`` client for the endpoint and credentials of ``args``."""
    try:
        import botocore.session
        from botocore.config import Config
    except ImportError as exc:
        raise CliError(INSTALL_HINT) from exc
    key, secret = credentials(args)
    endpoint = None if args.endpoint == "aws" else args.endpoint
    session = botocore.session.get_session()
    return session.create_client(
        "cognito-idp",
        region_name=args.region,
        endpoint_url=endpoint,
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        config=Config(retries={"max_attempts": 2}, connect_timeout=5, read_timeout=60),
    )


def guarded(run: Command) -> Command:
    """``run`` with AWS and connection errors reported as a message, exit status 1."""

    def wrapper(args: argparse.Namespace) -> int:
        try:
            return run(args)
        except CliError as exc:
            return fail(str(exc))
        except Exception as exc:
            message = _service_error(exc)
            if message is None:
                raise
            return fail(message)

    return wrapper


def _service_error(exc: Exception) -> str | None:
    # botocore is imported lazily, so its exceptions are recognised by their attributes.
    response = getattr(exc, "response", None)
    if isinstance(response, dict) and "Error" in response:
        error = response["Error"]
        return f"{error.get('Code', 'Error')}: {error.get('Message', '')}"
    if type(exc).__module__.startswith(("botocore", "httpx")):
        return f"{type(exc).__name__}: {exc}"
    return None


def fail(message: str) -> int:
    """Print ``cognito-identity: message`` on stderr; returns exit status 1."""
    print(f"cognito-identity: {message}", file=sys.stderr)
    return 1


def print_json(value: Any) -> None:
    """``value`` as indented JSON (datetimes as ISO 8601)."""
    print(json.dumps(value, indent=2, default=_json_default, sort_keys=True))


def _json_default(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Left-aligned columns under ``headers``; ``(none)`` when there are no rows."""
    if not rows:
        print("(none)")
        return
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [max(len(h), *(len(row[i]) for row in cells)) for i, h in enumerate(headers)]
    for row in [list(headers), *cells]:
        print(
            "  ".join(text.ljust(width) for text, width in zip(row, widths, strict=True)).rstrip()
        )


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return str(value)


def print_fields(fields: Sequence[tuple[str, Any]]) -> None:
    """``name: value`` lines, names aligned."""
    width = max(len(name) for name, _ in fields)
    for name, value in fields:
        print(f"{name.ljust(width)}  {_cell(value)}")


def parse_attributes(pairs: Sequence[str]) -> list[dict[str, str]]:
    """``["email=a@b.c"]`` -> ``[{"Name": "email", "Value": "a@b.c"}]``."""
    attributes = []
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise CliError(f"attribute {pair!r} is not NAME=VALUE")
        attributes.append({"Name": name, "Value": value})
    return attributes
