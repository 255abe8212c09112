"""The TIMESTAMP string of the SRP password claim.

Format ``"<Www> <Mmm> <D> <HH>:<mm>:<ss> UTC <YYYY>"`` in UTC, English names whatever the
locale, day of the month **not** zero-padded (``Tue Aug 5 07:03:09 UTC 2025``). ``strftime`` is
avoided on purpose: ``%a`` and ``%b`` follow the process locale.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_PATTERN = re.compile(
    r"^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"([1-9]|[12][0-9]|3[01]) ([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9]) UTC ([0-9]{4})$"
)


def format_timestamp(when: float) -> str:
    """Format a POSIX time (seconds) the way Cognito expects."""
    moment = datetime.fromtimestamp(int(when), tz=timezone.utc)
    return (
        f"{_DAYS[moment.weekday()]} {_MONTHS[moment.month - 1]} {moment.day} "
        f"{moment:%H:%M:%S} UTC {moment.year}"
    )


def parse_timestamp(text: str) -> float:
    """Parse a TIMESTAMP back to POSIX seconds.

    Raises:
        ValueError: the text is not in Cognito's format or names a day that does not exist.
    """
    match = _PATTERN.match(text)
    if match is None:
        raise ValueError(f"invalid TIMESTAMP {text!r}")
    day_name, month, day, hour, minute, second, year = match.groups()
    moment = datetime(
        int(year),
        _MONTHS.index(month) + 1,
        int(day),
        int(hour),
        int(minute),
        int(second),
        tzinfo=timezone.utc,
    )
    if _DAYS[moment.weekday()] != day_name:
        raise ValueError(f"invalid TIMESTAMP {text!r}: wrong day of the week")
    return moment.timestamp()
