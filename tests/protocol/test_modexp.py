"""The two modular exponentiation backends give the same numbers and can be chosen."""

from __future__ import annotations

import os
import random
import subprocess
import sys

import pytest

from cognito_identity.protocol import modexp, srp


def _backend_in_subprocess(env_value: str | None) -> str:
    env = dict(os.environ)
    env.pop("COGNITO_IDENTITY_MODEXP", None)
    if env_value is not None:
        env["COGNITO_IDENTITY_MODEXP"] = env_value
    completed = subprocess.run(
        [
            sys.executable,
            "-c",
            "from cognito_identity.protocol import modexp; print(modexp.backend())",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return completed.stdout.strip()


def test_both_backends_are_installed() -> None:
    assert {"python", "gmpy2"} <= set(modexp.BACKENDS)


def test_fixture_selects_the_backend(modexp_backend: str) -> None:
    assert modexp.backend() == modexp_backend


def test_set_backend_returns_previous_and_switches(modexp_backend: str) -> None:
    other = "gmpy2" if modexp_backend == "python" else "python"
    assert modexp.set_backend(other) == modexp_backend
    assert modexp.backend() == other
    assert modexp.set_backend(modexp_backend) == other
    assert modexp.backend() == modexp_backend


def test_set_backend_unknown_name_raises_and_keeps_current() -> None:
    before = modexp.backend()
    with pytest.raises(ValueError, match="openssl"):
        modexp.set_backend("openssl")
    with pytest.raises(ValueError):
        modexp.set_backend("")
    assert modexp.backend() == before


def test_backends_agree_on_random_exponentiations() -> None:
    rng = random.Random(2021)
    python_pow = modexp.BACKENDS["python"]
    gmpy2_pow = modexp.BACKENDS["gmpy2"]
    moduli = [srp.N, 2**127 - 1, 10**40 + 1, 2**64, 3, 97]
    for _ in range(60):
        mod = rng.choice(moduli) if rng.random() < 0.5 else rng.getrandbits(rng.randrange(2, 3073))
        mod = max(mod, 2)
        base = rng.randrange(0, mod)
        exp = rng.getrandbits(rng.randrange(0, 2200))
        expected = pow(base, exp, mod)
        assert python_pow(base, exp, mod) == expected
        result = gmpy2_pow(base, exp, mod)
        assert type(result) is int
        assert result == expected


def test_powmod_reduces_negative_and_large_bases(modexp_backend: str) -> None:
    rng = random.Random(4422)
    for _ in range(20):
        base = rng.randrange(-(srp.N**2), srp.N**2)
        exp = rng.getrandbits(1100)
        result = modexp.powmod(base, exp, srp.N)
        assert type(result) is int
        assert result == pow(base % srp.N, exp, srp.N)
    # The SRP base B - k*g^x is usually negative before reduction.
    assert modexp.powmod(-1, 3, srp.N) == srp.N - 1
    assert modexp.powmod(-2, 2, 7) == 4


def test_powmod_same_result_under_each_backend() -> None:
    rng = random.Random(12361)
    cases = [(rng.randrange(-srp.N, srp.N), rng.getrandbits(1024)) for _ in range(10)]
    results = {}
    previous = modexp.backend()
    try:
        for name in ("python", "gmpy2"):
            modexp.set_backend(name)
            results[name] = [modexp.powmod(base, exp, srp.N) for base, exp in cases]
    finally:
        modexp.set_backend(previous)
    assert results["python"] == results["gmpy2"]


def test_environment_variable_selects_python() -> None:
    assert _backend_in_subprocess("python") == "python"
    assert _backend_in_subprocess("PYTHON") == "python"


def test_default_backend_is_gmpy2_when_installed() -> None:
    assert _backend_in_subprocess(None) == "gmpy2"
    assert _backend_in_subprocess("gmpy2") == "gmpy2"


def test_fixed_base_matches_pow_on_both_paths(modexp_backend: str) -> None:
    rng = random.Random(20261122)
    table = modexp.FixedBase(srp.G, srp.N, warm_up=3)
    edges = [0, 1, 2, 63, 64, 65, 2**255, 2**256 - 1]
    # Past the table's 256 bits (the fallback), and a base that needs reducing first.
    wide = [2**256, 2**258 + 12345, rng.getrandbits(1024)]
    exponents = edges + wide + [rng.getrandbits(256) for _ in range(60)]
    for exp in exponents:
        assert table.pow(exp) == pow(srp.G, exp, srp.N), exp
    assert modexp_backend in table._tables  # the table path really ran, not only powmod
    reduced = modexp.FixedBase(srp.N + 5, srp.N, warm_up=0)
    assert reduced.pow(2**200 + 3) == pow(5, 2**200 + 3, srp.N)


def test_fixed_base_builds_no_table_for_a_few_calls() -> None:
    table = modexp.FixedBase(srp.G, srp.N, warm_up=2)
    table.pow(12345)
    table.pow(67890)
    assert table._tables == {}  # a one-shot client never pays for the table
    assert table.pow(2**200 + 1) == pow(srp.G, 2**200 + 1, srp.N)
    assert table._tables != {}


def test_srp_public_values_use_the_fixed_base_table() -> None:
    for _ in range(srp.G_POWERS.warm_up + 1):
        srp.public_value(random.getrandbits(256))
    assert modexp.backend() in srp.G_POWERS._tables
    private = random.getrandbits(256)
    assert srp.public_value(private) == pow(srp.G, private, srp.N)
    verifier = srp.server_public_b(7, private)
    assert verifier == (srp.K * 7 + pow(srp.G, private, srp.N)) % srp.N
