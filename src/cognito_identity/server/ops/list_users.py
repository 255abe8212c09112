"""ListUsers: the pool's users, filtered (see :mod:`..domain.user_filter`) and paged."""

from __future__ import annotations

from ..domain import user_listing
from ..domain.records import load_pool
from . import Body, OpContext, operation


@operation("ListUsers")
def list_users(ctx: OpContext, body: Body) -> Body:
    """Users in username order, ``Limit`` (at most 60, the default) a page, with only the
    ``AttributesToGet`` when given; ``PaginationToken`` continues where the last page ended."""
    pool = load_pool(ctx.conn, body["UserPoolId"])
    names = body.get("AttributesToGet")
    user_listing.check_attribute_names(pool, names)
    page, token = user_listing.search(
        ctx, pool, body.get("Filter"), body.get("Limit"), body.get("PaginationToken")
    )
    result: Body = {"Users": [user_listing.list_view(user, names) for user in page]}
    if token is not None:
        result["PaginationToken"] = token
    return result
