"""``cognito-identity messages``: the local server's outbox (``GET /_local/messages``).

The codes the server "sent" (sign-up, MFA, password reset...) are shown: that is the command's
job. Message texts, which for ``AdminCreateUser`` invitations hold a temporary password, are
shown only with ``--show-secret``.
"""

from __future__ import annotations

import argparse
from typing import Any

from ._admin import CliError, add_connection_options, guarded, print_json, print_table

HIDDEN = "(hidden: --show-secret)"


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("messages", help="list the codes the local server sent")
    add_connection_options(parser)
    parser.add_argument("--pool-id", help="only this pool's messages")
    parser.add_argument("--username", help="only this user's (case-insensitive)")
    parser.add_argument("--destination", help="only those sent to this address or number")
    parser.add_argument("--limit", type=int, default=20, help="at most this many (newest first)")
    parser.add_argument("--show-secret", action="store_true", help="print message texts too")
    parser.set_defaults(run=guarded(run))


def fetch(args: argparse.Namespace) -> list[dict[str, Any]]:
    """The outbox entries matching the filters of ``args``, newest first."""
    import httpx

    if args.endpoint == "aws":
        raise CliError("messages: only the local server has an outbox")
    params = {"pool_id": args.pool_id, "username": args.username}
    params.update(destination=args.destination, limit=str(args.limit))
    query = {name: value for name, value in params.items() if value}
    url = args.endpoint.rstrip("/") + "/_local/messages"
    try:
        response = httpx.get(url, params=query, timeout=30)
    except httpx.HTTPError as exc:
        raise CliError(f"cannot reach {args.endpoint}: {exc}") from exc
    if response.status_code != 200:
        raise CliError(f"{url} answered {response.status_code}")
    return list(response.json()["messages"])


def run(args: argparse.Namespace) -> int:
    messages = fetch(args)
    if not args.show_secret:
        for message in messages:
            message["message"] = HIDDEN
    if args.json:
        print_json(messages)
        return 0
    rows = [
        (m["sent_at"], m["pool_id"], m["username"], m["destination"], m["kind"], m["code"])
        for m in messages
    ]
    print_table(["SENT", "POOL", "USERNAME", "DESTINATION", "KIND", "CODE"], rows)
    if args.show_secret:
        for message in messages:
            print(f"\n[{message['sent_at']}] {message['message']}")
    return 0
