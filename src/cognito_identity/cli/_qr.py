"""A small QR code encoder (ISO/IEC 18004) for showing ``otpauth://`` URIs in a terminal.

Byte mode, error correction level L, versions 1 to 10 (up to 271 bytes: an otpauth URI with a
52-character secret and a long issuer fits). The layout follows the standard: finder, timing
and alignment patterns, Reed-Solomon codewords over GF(256) interleaved by block, the zigzag
data placement, the mask with the lowest penalty, then the BCH-coded format and version bits.

Example::

    print(render(encode("otpauth://totp/Acme:alice?secret=JBSWY3DPEHPK3PXP&issuer=Acme")))
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

Matrix = list[list[bool]]

#: Per version (index 1..10) at level L: (EC codewords per block, [data codewords per block]).
_BLOCKS_L: list[tuple[int, list[int]]] = [
    (0, []),
    (7, [19]),
    (10, [34]),
    (15, [55]),
    (20, [80]),
    (26, [108]),
    (18, [68, 68]),
    (20, [78, 78]),
    (24, [97, 97]),
    (30, [116, 116]),
    (18, [68, 68, 69, 69]),
]
_ALIGNMENT = [[], [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34]]
_ALIGNMENT += [[6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50]]
_MASKS: list[Callable[[int, int], bool]] = [
    lambda r, c: (r + c) % 2 == 0,
    lambda r, c: r % 2 == 0,
    lambda r, c: c % 3 == 0,
    lambda r, c: (r + c) % 3 == 0,
    lambda r, c: (r // 2 + c // 3) % 2 == 0,
    lambda r, c: (r * c) % 2 + (r * c) % 3 == 0,
    lambda r, c: ((r * c) % 2 + (r * c) % 3) % 2 == 0,
    lambda r, c: ((r + c) % 2 + (r * c) % 3) % 2 == 0,
]


def encode(text: str) -> Matrix:
    """The QR code of ``text`` (UTF-8) as rows of modules, ``True`` for dark.

    Raises:
        ValueError: the text is longer than version 10 holds (271 bytes).
    """
    data = text.encode()
    version = _smallest_version(len(data))
    symbol = _Symbol(version)
    symbol.place(_interleave(_data_codewords(data, version), version))
    return symbol.best_masked()


def render(matrix: Matrix, quiet: int = 4) -> str:
    """``matrix`` as text, two module rows per line (half blocks), black on white.

    The colours are set explicitly so the code scans on dark and light terminal themes.
    """
    size = len(matrix) + 2 * quiet
    padded = [[False] * size for _ in range(quiet)]
    padded += [[False] * quiet + row + [False] * quiet for row in matrix]
    padded += [[False] * size for _ in range(quiet + 1)]
    blocks = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}
    lines = []
    for top, bottom in zip(padded[0::2], padded[1::2], strict=True):
        cells = "".join(blocks[pair] for pair in zip(top, bottom, strict=True))
        lines.append(f"\x1b[30;107m{cells}\x1b[0m")
    return "\n".join(lines)


def _smallest_version(length: int) -> int:
    for version in range(1, len(_BLOCKS_L)):
        count_bits = 8 if version < 10 else 16
        capacity = sum(_BLOCKS_L[version][1]) * 8
        if 4 + count_bits + length * 8 <= capacity:
            return version
    raise ValueError(f"too long for a QR code of version 10 at level L: {length} bytes")


def _data_codewords(data: bytes, version: int) -> list[int]:
    capacity = sum(_BLOCKS_L[version][1])
    bits = [0, 1, 0, 0]  # byte mode
    bits += _bits(len(data), 8 if version < 10 else 16)
    for byte in data:
        bits += _bits(byte, 8)
    bits += [0] * min(4, capacity * 8 - len(bits))  # terminator
    bits += [0] * (-len(bits) % 8)
    words = [int("".join(map(str, bits[i : i + 8])), 2) for i in range(0, len(bits), 8)]
    pads = [0xEC, 0x11]
    words += [pads[i % 2] for i in range(capacity - len(words))]
    return words


def _interleave(words: list[int], version: int) -> list[int]:
    ec_length, sizes = _BLOCKS_L[version]
    blocks, start = [], 0
    for size in sizes:
        blocks.append(words[start : start + size])
        start += size
    divisor = _rs_divisor(ec_length)
    ec_blocks = [_rs_remainder(block, divisor) for block in blocks]
    result = [b[i] for i in range(max(sizes)) for b in blocks if i < len(b)]
    return result + [e[i] for i in range(ec_length) for e in ec_blocks]


def _gf_multiply(x: int, y: int) -> int:
    z = 0
    for i in reversed(range(8)):
        z = (z << 1) ^ ((z >> 7) * 0x11D)
        z ^= ((y >> i) & 1) * x
    return z


def _rs_divisor(degree: int) -> list[int]:
    """The generator polynomial's coefficients (highest first, the leading 1 left out)."""
    result = [0] * (degree - 1) + [1]
    root = 1
    for _ in range(degree):
        for j in range(degree):
            result[j] = _gf_multiply(result[j], root)
            if j + 1 < degree:
                result[j] ^= result[j + 1]
        root = _gf_multiply(root, 2)
    return result


def _rs_remainder(data: list[int], divisor: list[int]) -> list[int]:
    result = [0] * len(divisor)
    for byte in data:
        factor = byte ^ result.pop(0)
        result.append(0)
        for i, coefficient in enumerate(divisor):
            result[i] ^= _gf_multiply(coefficient, factor)
    return result


def _bits(value: int, length: int) -> list[int]:
    return [(value >> i) & 1 for i in reversed(range(length))]


class _Symbol:
    """The module grid of one version: function patterns first, then data and masks."""

    def __init__(self, version: int) -> None:
        self.version = version
        self.size = 17 + 4 * version
        self.dark = [[False] * self.size for _ in range(self.size)]
        self.function = [[False] * self.size for _ in range(self.size)]
        self._draw_function_patterns()

    def set(self, row: int, col: int, dark: bool) -> None:
        self.dark[row][col] = dark
        self.function[row][col] = True

    def _draw_function_patterns(self) -> None:
        for i in range(self.size):
            self.set(6, i, i % 2 == 0)
            self.set(i, 6, i % 2 == 0)
        for row, col in ((3, 3), (3, self.size - 4), (self.size - 4, 3)):
            self._finder(row, col)
        positions = _ALIGNMENT[self.version]
        if positions:
            first, last = positions[0], positions[-1]
            under_finders = {(first, first), (first, last), (last, first)}
            for row in positions:
                for col in positions:
                    if (row, col) not in under_finders:
                        self._alignment(row, col)
        self._format_bits(0)  # reserve the area; drawn for real after masking
        self._version_bits()

    def _finder(self, row: int, col: int) -> None:
        for dr in range(-4, 5):
            for dc in range(-4, 5):
                r, c = row + dr, col + dc
                if 0 <= r < self.size and 0 <= c < self.size:
                    ring = max(abs(dr), abs(dc))
                    self.set(r, c, ring not in (2, 4))

    def _alignment(self, row: int, col: int) -> None:
        for dr in range(-2, 3):
            for dc in range(-2, 3):
                self.set(row + dr, col + dc, max(abs(dr), abs(dc)) != 1)

    def _format_bits(self, mask: int) -> None:
        data = 0b01 << 3 | mask  # level L
        remainder = data
        for _ in range(10):
            remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537)
        bits = (data << 10 | remainder) ^ 0x5412
        bit = [(bits >> i) & 1 == 1 for i in range(15)]
        for i in range(6):
            self.set(i, 8, bit[i])
        self.set(7, 8, bit[6])
        self.set(8, 8, bit[7])
        self.set(8, 7, bit[8])
        for i in range(9, 15):
            self.set(8, 14 - i, bit[i])
        for i in range(8):
            self.set(8, self.size - 1 - i, bit[i])
        for i in range(8, 15):
            self.set(self.size - 15 + i, 8, bit[i])
        self.set(self.size - 8, 8, True)  # the dark module

    def _version_bits(self) -> None:
        if self.version < 7:
            return
        remainder = self.version
        for _ in range(12):
            remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25)
        bits = self.version << 12 | remainder
        for i in range(18):
            dark = (bits >> i) & 1 == 1
            a, b = self.size - 11 + i % 3, i // 3
            self.set(b, a, dark)
            self.set(a, b, dark)

    def place(self, codewords: list[int]) -> None:
        """Fill the data modules in the standard zigzag, right to left in column pairs."""
        bits = [bit for word in codewords for bit in _bits(word, 8)]
        index = 0
        right = self.size - 1
        while right >= 1:
            if right == 6:
                right = 5  # the vertical timing pattern takes column 6
            upward = (right + 1) & 2 == 0
            for step in range(self.size):
                row = self.size - 1 - step if upward else step
                for col in (right, right - 1):
                    if not self.function[row][col] and index < len(bits):
                        self.dark[row][col] = bits[index] == 1
                        index += 1
            right -= 2

    def masked(self, mask: int) -> Matrix:
        self._format_bits(mask)
        test = _MASKS[mask]
        return [
            [
                dark != (not self.function[r][c] and test(r, c))
                for c, dark in enumerate(self.dark[r])
            ]
            for r in range(self.size)
        ]

    def best_masked(self) -> Matrix:
        candidates = [self.masked(mask) for mask in range(8)]
        return min(candidates, key=_penalty)


def _penalty(matrix: Matrix) -> int:
    """Rules 1, 2 and 4 of the standard's mask evaluation (enough to avoid bad masks)."""
    score = 0
    for line in [*matrix, *map(list, zip(*matrix, strict=True))]:
        run = 1
        for previous, current in itertools.pairwise(line):
            run = run + 1 if current == previous else 1
            score += 3 if run == 5 else 1 if run > 5 else 0
    size = len(matrix)
    for r in range(size - 1):
        for c in range(size - 1):
            if matrix[r][c] == matrix[r][c + 1] == matrix[r + 1][c] == matrix[r + 1][c + 1]:
                score += 3
    dark = sum(map(sum, matrix))
    score += abs(dark * 20 - size * size * 10) // (size * size) * 10
    return score
