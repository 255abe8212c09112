"""AddCustomAttributes: new ``custom:`` attributes in a pool's schema."""

from __future__ import annotations

import copy

from ...errors import InvalidParameterException, LimitExceededException
from ..domain.pool_settings import custom_attribute
from ..domain.records import load_pool
from ..store.schema import pools
from . import Body, OpContext, operation

MAX_CUSTOM_ATTRIBUTES = 50


def _is_custom(name: str) -> bool:
    return name.startswith(("custom:", "dev:custom:"))


@operation("AddCustomAttributes")
def add_custom_attributes(ctx: OpContext, body: Body) -> Body:
    """Append the attributes (named ``custom:<Name>``) to the schema; a name the pool already
    has, or more than 50 custom attributes in all, is refused and nothing is added."""
    pool = load_pool(ctx.conn, body["UserPoolId"])
    schema = copy.deepcopy(pool.config.get("SchemaAttributes") or [])
    taken = {str(item["Name"]).removeprefix("dev:") for item in schema}
    for given in body["CustomAttributes"]:
        added = custom_attribute(given)
        name = str(added["Name"]).removeprefix("dev:")
        if name in taken:
            raise InvalidParameterException(f"Existing attribute already has name {name}.")
        taken.add(name)
        schema.append(added)
    if sum(1 for item in schema if _is_custom(str(item["Name"]))) > MAX_CUSTOM_ATTRIBUTES:
        raise LimitExceededException(
            f"A user pool can have at most {MAX_CUSTOM_ATTRIBUTES} custom attributes."
        )
    config = {**pool.config, "SchemaAttributes": schema}
    ctx.conn.execute(
        pools.update().where(pools.c.id == pool.id).values(config=config, updated_at=ctx.now)
    )
    return {}
