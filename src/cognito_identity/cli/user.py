"""``cognito-identity user list|create|delete|confirm|set-password``: a pool's users.

Uses the admin operations (ListUsers, AdminCreateUser, AdminDeleteUser, AdminConfirmSignUp,
AdminSetUserPassword). Passwords given on the command line end up in shell history: without
``--password``, ``set-password`` asks for it with ``getpass`` (never echoed).
"""

from __future__ import annotations

import argparse
import getpass
from typing import Any

from ._admin import (
    add_action,
    add_group,
    idp_client,
    parse_attributes,
    print_fields,
    print_json,
    print_table,
)


def add_parser(subparsers: Any) -> None:
    group = add_group(subparsers, "user", "list, create, delete and confirm users")
    listing = add_action(group, "list", "list a pool's users", list_users)
    listing.add_argument("pool_id")
    listing.add_argument("--filter", help="ListUsers filter, e.g. 'email ^= \"alice\"'")
    _add_create(group)
    for name, help_text, run in (
        ("delete", "delete a user", delete_user),
        ("confirm", "confirm a user's sign-up", confirm_user),
    ):
        parser = add_action(group, name, help_text, run)
        parser.add_argument("pool_id")
        parser.add_argument("username")
    _add_set_password(group)


def _add_create(group: Any) -> None:
    create = add_action(group, "create", "create a user (AdminCreateUser)", create_user)
    create.add_argument("pool_id")
    create.add_argument("username")
    create.add_argument("--attribute", action="append", default=[], metavar="NAME=VALUE")
    create.add_argument("--temporary-password", help="default: one the server generates")
    create.add_argument(
        "--suppress", action="store_true", help="send no invitation (MessageAction SUPPRESS)"
    )


def _add_set_password(group: Any) -> None:
    parser = add_action(group, "set-password", "set a user's password", set_password)
    parser.add_argument("pool_id")
    parser.add_argument("username")
    parser.add_argument("--password", help="default: asked for (not echoed)")
    parser.add_argument(
        "--permanent",
        action="store_true",
        help="a permanent password (CONFIRMED); else temporary (FORCE_CHANGE_PASSWORD)",
    )


def _attribute(user: dict[str, Any], name: str) -> str | None:
    values = user.get("Attributes", user.get("UserAttributes", []))
    return next((a["Value"] for a in values if a["Name"] == name), None)


def list_users(args: argparse.Namespace) -> int:
    request: dict[str, Any] = {"UserPoolId": args.pool_id}
    if args.filter:
        request["Filter"] = args.filter
    found = []
    for page in idp_client(args).get_paginator("list_users").paginate(**request):
        found.extend(page["Users"])
    if args.json:
        print_json(found)
        return 0
    rows = [
        (u["Username"], u["UserStatus"], u["Enabled"], _attribute(u, "email"), u["UserCreateDate"])
        for u in found
    ]
    print_table(["USERNAME", "STATUS", "ENABLED", "EMAIL", "CREATED"], rows)
    return 0


def create_user(args: argparse.Namespace) -> int:
    request: dict[str, Any] = {"UserPoolId": args.pool_id, "Username": args.username}
    if args.attribute:
        request["UserAttributes"] = parse_attributes(args.attribute)
    if args.temporary_password:
        request["TemporaryPassword"] = args.temporary_password
    if args.suppress:
        request["MessageAction"] = "SUPPRESS"
    created = idp_client(args).admin_create_user(**request)["User"]
    if args.json:
        print_json(created)
    else:
        print_fields([("Username", created["Username"]), ("Status", created["UserStatus"])])
    return 0


def delete_user(args: argparse.Namespace) -> int:
    idp_client(args).admin_delete_user(UserPoolId=args.pool_id, Username=args.username)
    _done(args, f"deleted {args.username}")
    return 0


def confirm_user(args: argparse.Namespace) -> int:
    idp_client(args).admin_confirm_sign_up(UserPoolId=args.pool_id, Username=args.username)
    _done(args, f"confirmed {args.username}")
    return 0


def set_password(args: argparse.Namespace) -> int:
    password = args.password or getpass.getpass(f"New password for {args.username}: ")
    idp_client(args).admin_set_user_password(
        UserPoolId=args.pool_id,
        Username=args.username,
        Password=password,
        Permanent=args.permanent,
    )
    kind = "permanent" if args.permanent else "temporary"
    _done(args, f"set a {kind} password for {args.username}")
    return 0


def _done(args: argparse.Namespace, message: str) -> None:
    if args.json:
        print_json({"ok": True, "message": message})
    else:
        print(message)
