"""Fixtures for the protocol tests: run a test under each modular exponentiation backend."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cognito_identity.protocol import modexp


@pytest.fixture(params=["python", "gmpy2"])
def modexp_backend(request: pytest.FixtureRequest) -> Iterator[str]:
    """Select one backend for the test and restore the previous one afterwards.

    gmpy2 is a dev dependency, so its absence fails the gmpy2 runs instead of hiding them.
    """
    name: str = request.param
    assert name in modexp.BACKENDS, f"modexp backend {name!r} is not installed"
    previous = modexp.set_backend(name)
    try:
        yield name
    finally:
        modexp.set_backend(previous)
