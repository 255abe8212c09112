"""Modular exponentiation with a pluggable backend.

SRP spends nearly all its time in ``pow(base, exp, N)`` with a 3072-bit modulus. gmpy2 does that
about six times faster than CPython's ``pow``, so it is used whenever it imports; pure Python is
the fallback and gives the same numbers. ``COGNITO_IDENTITY_MODEXP=python`` forces the fallback
(benchmarks and tests use it to compare the two paths).
"""

from __future__ import annotations

import importlib.util
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

PowMod = Callable[[int, int, int], int]


def _python_powmod(base: int, exp: int, mod: int) -> int:
    return pow(base, exp, mod)


def _gmpy2_powmod(base: int, exp: int, mod: int) -> int:
    # Imported on the first exponentiation, not with the package: gmpy2's import costs ~25 ms
    # (it loads importlib.metadata), which matters for CLI start-up and serverless cold starts.
    import gmpy2

    return int(gmpy2.powmod(base, exp, mod))


BACKENDS: dict[str, PowMod] = {"python": _python_powmod}
if importlib.util.find_spec("gmpy2") is not None:
    BACKENDS["gmpy2"] = _gmpy2_powmod


def _initial_backend() -> str:
    wanted = os.environ.get("COGNITO_IDENTITY_MODEXP", "").strip().lower()
    if wanted in BACKENDS:
        return wanted
    return "gmpy2" if "gmpy2" in BACKENDS else "python"


_current = _initial_backend()


def backend() -> str:
    """Name of the backend in use: ``"gmpy2"`` or ``"python"``."""
    return _current


def set_backend(name: str) -> str:
    """Select a backend by name and return the previous one.

    Raises:
        ValueError: the backend is unknown or (for gmpy2) not installed.
    """
    global _current
    if name not in BACKENDS:
        raise ValueError(f"modexp backend {name!r} is not available (have: {sorted(BACKENDS)})")
    previous, _current = _current, name
    return previous


def powmod(base: int, exp: int, mod: int) -> int:
    """``base ** exp % mod`` for a non-negative exponent; a negative base is reduced first."""
    return BACKENDS[_current](base % mod, exp, mod)


@dataclass(frozen=True)
class _PowerTable:
    """Numbers of one backend's type (``int`` or ``gmpy2.mpz``): ``rows[i][d]`` is
    ``base^(d * 2^(w*i)) mod m`` (``rows[i][0]`` is unused)."""

    one: Any
    mod: Any
    rows: tuple[tuple[Any, ...], ...]


class FixedBase:
    """``base ** exp % mod`` for one fixed base, from a table of precomputed powers.

    SRP raises the generator to a fresh 256-bit private value on every sign-in (``A = g^a``,
    ``B = kv + g^b``) and to the password hash ``x`` when checking a password. With the base
    fixed, ``g^e`` is a product of table entries ``g^(d * 2^(w*i))``, one per ``w``-bit digit
    ``d`` of ``e``: at most 43 modular multiplications for 256 bits (w=6) instead of ~256
    squarings and ~50 multiplications, several times less work on either backend.

    The table (``ceil(bits/w) * (2^w - 1)`` numbers, ~1 MB for a 3072-bit modulus) is built
    only after ``warm_up`` calls, so a process that signs in once (a CLI, a serverless cold
    start) never pays for it; a server or a long-lived client does, once per backend.
    Exponents wider than ``bits`` fall back to :func:`powmod`. Like ``pow`` and GMP's
    ``mpz_powm`` this is not constant-time; the secret exponents it sees are fresh per sign-in.
    """

    def __init__(
        self, base: int, mod: int, *, bits: int = 256, window: int = 6, warm_up: int = 8
    ) -> None:
        self.base, self.mod, self.bits, self.window = base % mod, mod, bits, window
        self.warm_up = warm_up
        self._calls = 0
        self._tables: dict[str, _PowerTable] = {}
        self._lock = threading.Lock()

    def pow(self, exp: int) -> int:
        """``base ** exp % mod`` for ``exp >= 0``."""
        if exp < 0 or exp.bit_length() > self.bits or self._calls < self.warm_up:
            self._calls += 1
            return powmod(self.base, exp, self.mod)
        table = self._table(_current)
        mask, mod, result = (1 << self.window) - 1, table.mod, table.one
        for row in table.rows:
            if not exp:
                break
            digit = exp & mask
            if digit:
                result = result * row[digit] % mod
            exp >>= self.window
        return int(result)

    def _table(self, backend_name: str) -> _PowerTable:
        table = self._tables.get(backend_name)
        if table is None:
            with self._lock:
                table = self._tables.get(backend_name)
                if table is None:
                    table = self._tables[backend_name] = self._build(backend_name)
        return table

    def _build(self, backend_name: str) -> _PowerTable:
        number: Callable[[int], Any] = int
        if backend_name == "gmpy2":
            import gmpy2

            number = gmpy2.mpz
        mod, step = number(self.mod), number(self.base)
        rows = []
        for _ in range(-(-self.bits // self.window)):
            row = [number(1), step]
            for _ in range(2, 1 << self.window):
                row.append(row[-1] * step % mod)
            rows.append(tuple(row))
            # The next row's unit: base^(2^(w*(i+1))) = (this row's unit)^(2^w).
            step = row[-1] * step % mod
        return _PowerTable(number(1), mod, tuple(rows))
