"""``cognito-identity client create|list``: app clients of a user pool.

A client secret is shown only with ``--show-secret`` (``--json`` included): it is a credential.
"""

from __future__ import annotations

import argparse
from typing import Any

from ._admin import add_action, add_group, idp_client, print_fields, print_json, print_table

#: The flows a new client allows unless ``--flow`` says otherwise (what ``serve``'s default has).
DEFAULT_FLOWS = (
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
    "ALLOW_CUSTOM_AUTH",
    "ALLOW_ADMIN_USER_PASSWORD_AUTH",
)
HIDDEN = "(hidden: --show-secret)"


def add_parser(subparsers: Any) -> None:
    group = add_group(subparsers, "client", "create and list app clients")
    create = add_action(group, "create", "create an app client", create_client)
    create.add_argument("pool_id")
    create.add_argument("name", help="the client's name")
    create.add_argument("--secret", action="store_true", help="generate a client secret")
    create.add_argument(
        "--flow",
        action="append",
        default=[],
        help=f"ExplicitAuthFlows (default: all: {', '.join(DEFAULT_FLOWS)})",
    )
    create.add_argument("--show-secret", action="store_true", help="print the client secret")
    listing = add_action(group, "list", "list a pool's app clients", list_clients)
    listing.add_argument("pool_id")


def create_client(args: argparse.Namespace) -> int:
    created = idp_client(args).create_user_pool_client(
        UserPoolId=args.pool_id,
        ClientName=args.name,
        GenerateSecret=args.secret,
        ExplicitAuthFlows=args.flow or list(DEFAULT_FLOWS),
    )["UserPoolClient"]
    if "ClientSecret" in created and not args.show_secret:
        created["ClientSecret"] = HIDDEN
    if args.json:
        print_json(created)
        return 0
    fields = [("ClientId", created["ClientId"]), ("Name", created["ClientName"])]
    if "ClientSecret" in created:
        fields.append(("ClientSecret", created["ClientSecret"]))
    print_fields(fields)
    return 0


def list_clients(args: argparse.Namespace) -> int:
    paginator = idp_client(args).get_paginator("list_user_pool_clients")
    found = []
    for page in paginator.paginate(UserPoolId=args.pool_id):
        found.extend(page["UserPoolClients"])
    if args.json:
        print_json(found)
    else:
        print_table(["CLIENT ID", "NAME"], [(c["ClientId"], c["ClientName"]) for c in found])
    return 0
