"""Modular exponentiation with a pluggable backend.

SRP spends nearly all its time in ``pow(base, exp, N)`` with a 3072-bit modulus. gmpy2 does that
about six times faster than CPython's ``pow``, so it is used whenever it imports; pure Python is
the fallback and gives the same numbers. ``COGNITO_IDENTITY_MODEXP=python`` forces the fallback
(benchmarks and tests use it to compare the two paths).
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable

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
