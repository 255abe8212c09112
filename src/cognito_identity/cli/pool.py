"""``cognito-identity pool create|list|describe``: user pools on the local server or AWS."""

from __future__ import annotations

import argparse
from typing import Any

from ._admin import add_action, add_group, idp_client, print_fields, print_json, print_table


def add_parser(subparsers: Any) -> None:
    group = add_group(subparsers, "pool", "create, list and describe user pools")
    create = add_action(group, "create", "create a user pool", create_pool)
    create.add_argument("name", help="the pool's name")
    create.add_argument(
        "--auto-verify",
        action="append",
        choices=["email", "phone_number"],
        default=[],
        help="attribute verified by a code at sign-up (repeatable)",
    )
    create.add_argument(
        "--username-attribute",
        action="append",
        choices=["email", "phone_number"],
        default=[],
        help="sign up with this attribute as the user name (repeatable)",
    )
    add_action(group, "list", "list user pools", list_pools)
    describe = add_action(group, "describe", "show one user pool", describe_pool)
    describe.add_argument("pool_id")


def create_pool(args: argparse.Namespace) -> int:
    request: dict[str, Any] = {"PoolName": args.name}
    if args.auto_verify:
        request["AutoVerifiedAttributes"] = args.auto_verify
    if args.username_attribute:
        request["UsernameAttributes"] = args.username_attribute
    created = idp_client(args).create_user_pool(**request)["UserPool"]
    if args.json:
        print_json(created)
    else:
        print_fields([("Id", created["Id"]), ("Name", created["Name"])])
    return 0


def list_pools(args: argparse.Namespace) -> int:
    idp = idp_client(args)
    found = []
    for page in idp.get_paginator("list_user_pools").paginate(PaginationConfig={"PageSize": 60}):
        found.extend(page["UserPools"])
    if args.json:
        print_json(found)
    else:
        print_table(
            ["ID", "NAME", "CREATED"], [(p["Id"], p["Name"], p.get("CreationDate")) for p in found]
        )
    return 0


def describe_pool(args: argparse.Namespace) -> int:
    described = idp_client(args).describe_user_pool(UserPoolId=args.pool_id)["UserPool"]
    if args.json:
        print_json(described)
        return 0
    print_fields(
        [
            ("Id", described["Id"]),
            ("Name", described["Name"]),
            ("Created", described.get("CreationDate")),
            ("Users", described.get("EstimatedNumberOfUsers")),
            ("MFA", described.get("MfaConfiguration")),
            ("UsernameAttributes", ", ".join(described.get("UsernameAttributes", [])) or None),
            ("AutoVerified", ", ".join(described.get("AutoVerifiedAttributes", [])) or None),
        ]
    )
    return 0
