"""The ``cognito-identity`` command: ``serve``, ``demo``, ``login``, the admin commands
(``pool``, ``client``, ``user``, ``messages``) and ``export`` / ``import``.

Each subcommand lives in its own module with ``add_parser(subparsers)`` and ``run(args)``; this
module only wires them together, so ``cognito-identity --help`` stays cheap to import.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import client, demo, login, messages, pool, serve, transfer, user

_COMMANDS = (serve, demo, login, pool, client, user, messages, transfer)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cognito-identity",
        description="Amazon Cognito user pools from Python, with a local user pool server.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in _COMMANDS:
        command.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
