"""Random identifiers in Cognito's formats, drawn from the injected randomness."""

from __future__ import annotations

import string
from collections.abc import Callable

ALPHANUMERIC = string.ascii_letters + string.digits
LOWER_ALPHANUMERIC = string.ascii_lowercase + string.digits


def random_string(random_bytes: Callable[[int], bytes], alphabet: str, length: int) -> str:
    """``length`` characters of ``alphabet`` from ``random_bytes`` (bias below 2**-64)."""
    # Two bytes of entropy per character plus 8 spare bytes keep the modulo bias negligible
    # without a rejection loop (which a deterministic test source could make endless).
    number = int.from_bytes(random_bytes(2 * length + 8), "big")
    chars = []
    for _ in range(length):
        number, index = divmod(number, len(alphabet))
        chars.append(alphabet[index])
    return "".join(chars)


def pool_id(random_bytes: Callable[[int], bytes], region: str) -> str:
    """``<region>_<9 alphanumerics>``, like ``us-east-1_AbCdE1234``."""
    return f"{region}_{random_string(random_bytes, ALPHANUMERIC, 9)}"


def client_id(random_bytes: Callable[[int], bytes]) -> str:
    """26 lowercase alphanumerics, the form of Cognito's app client ids."""
    return random_string(random_bytes, LOWER_ALPHANUMERIC, 26)


def client_secret(random_bytes: Callable[[int], bytes]) -> str:
    """51 lowercase alphanumerics, the form of Cognito's app client secrets."""
    return random_string(random_bytes, LOWER_ALPHANUMERIC, 51)
