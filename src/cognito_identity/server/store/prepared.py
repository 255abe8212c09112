"""Hot statements compiled once and run on the driver's cursor.

Building a Core statement and running it through ``Connection.execute`` costs ~150 us of
Python per call (operator coercion, cache-key generation, execution context, result
metadata), against ~7 us for the same SELECT on SQLite's own cursor (bench/RESULTS.md). A
sign-in runs about fifteen statements, so that overhead was a fifth of the server's time.

:class:`Prepared` keeps the statement written with SQLAlchemy (so it is still checked against
the schema and rendered for each dialect) but does the rest once per dialect: the SQL text,
the order of its parameters, and the type processors of each parameter and result column
(JSON encoding and decoding on SQLite, ``Json`` wrapping for psycopg, booleans). Each call then
only converts its parameters and runs the driver's cursor on the connection's current
transaction (the one ``engine.begin()`` opened, with its ``BEGIN IMMEDIATE`` or advisory lock).

Use it for the statements every sign-in runs; everything else stays plain SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

Processor = Callable[[Any], Any] | None

#: Default of a parameter the statement gives no value: the call must name it.
_REQUIRED = object()


@dataclass
class _Compiled:
    sql: str
    positional: bool
    # (parameter name, default value, bind processor) in the order the SQL wants them.
    binds: tuple[tuple[str, Any, Processor], ...]
    # The selected columns; empty for INSERT/UPDATE/DELETE.
    selected: tuple[sa.ColumnElement[Any], ...]
    # (result key, result processor) per selected column, known after the first execution:
    # some processors depend on the type the driver reports (PostgreSQL numerics).
    columns: tuple[tuple[str, Processor], ...] | None = None


def _compile(statement: ClauseElement, dialect: Dialect) -> _Compiled:
    compiled = statement.compile(dialect=dialect)
    assert isinstance(compiled, SQLCompiler)
    # Positional drivers (sqlite3) want positiontup's order; named ones (psycopg) a dict of
    # the names the SQL uses (``compiled.binds`` also holds stand-ins that were renamed).
    names: Sequence[str] = compiled.positiontup or list(compiled.params)
    binds = []
    for name in names:
        bind = compiled.binds[name]
        if bind.expanding:
            raise ValueError(f"{name}: expanding (IN) parameters cannot be prepared")
        processor = bind.type.dialect_impl(dialect).bind_processor(dialect)
        default = _REQUIRED if bind.required else bind.value
        binds.append((name, default, processor))
    selected = tuple(statement.selected_columns) if isinstance(statement, sa.Select) else ()
    return _Compiled(compiled.string, compiled.positiontup is not None, tuple(binds), selected)


def _result_columns(
    compiled: _Compiled, dialect: Dialect, description: Sequence[Sequence[Any]]
) -> tuple[tuple[str, Processor], ...]:
    columns = []
    for column, described in zip(compiled.selected, description, strict=True):
        processor = column.type.dialect_impl(dialect).result_processor(dialect, described[1])
        columns.append((str(column.key), processor))
    return tuple(columns)


class Prepared:
    """One statement with named ``sa.bindparam`` parameters, run through the driver directly.

    Parameters a call does not name take the value written in the statement (``.limit(1)``),
    so every bind parameter must either be named in the call or have a value. IN lists
    (expanding parameters) are refused when the statement is first compiled.
    """

    def __init__(self, statement: ClauseElement):
        self.statement = statement
        self._by_dialect: dict[str, _Compiled] = {}

    def _cursor(self, conn: sa.Connection, params: Mapping[str, Any]) -> tuple[Any, _Compiled]:
        dialect = conn.dialect
        key = f"{dialect.name}+{dialect.driver}"
        compiled = self._by_dialect.get(key)
        if compiled is None:
            compiled = self._by_dialect[key] = _compile(self.statement, dialect)
        values = []
        for name, default, processor in compiled.binds:
            value = params.get(name, default)
            if value is _REQUIRED:
                raise TypeError(f"missing statement parameter {name!r}")
            values.append(value if processor is None else processor(value))
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        if compiled.positional:
            cursor.execute(compiled.sql, values)
        else:
            names = (name for name, _, _ in compiled.binds)
            cursor.execute(compiled.sql, dict(zip(names, values, strict=True)))
        if compiled.columns is None and compiled.selected:
            compiled.columns = _result_columns(compiled, dialect, cursor.description)
        return cursor, compiled

    def all(self, conn: sa.Connection, **params: Any) -> list[dict[str, Any]]:
        """Every row, as ``{column key: value}`` after the column types' conversions."""
        cursor, compiled = self._cursor(conn, params)
        try:
            rows = cursor.fetchall()
        finally:
            cursor.close()
        return [_row(compiled.columns or (), row) for row in rows]

    def first(self, conn: sa.Connection, **params: Any) -> dict[str, Any] | None:
        """The first row (see :meth:`all`), or None."""
        cursor, compiled = self._cursor(conn, params)
        try:
            row = cursor.fetchone()
        finally:
            cursor.close()
        return None if row is None else _row(compiled.columns or (), row)

    def run(self, conn: sa.Connection, **params: Any) -> int:
        """Execute an INSERT/UPDATE/DELETE; the number of rows it touched."""
        cursor, _ = self._cursor(conn, params)
        try:
            return int(cursor.rowcount)
        finally:
            cursor.close()


def _row(columns: tuple[tuple[str, Processor], ...], row: Sequence[Any]) -> dict[str, Any]:
    return {
        key: value if processor is None else processor(value)
        for (key, processor), value in zip(columns, row, strict=True)
    }
