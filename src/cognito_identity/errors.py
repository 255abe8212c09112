"""Exceptions raised by cognito_identity.

::

    CognitoError                      every error this package raises
    ├── CognitoServiceError           the service answered with an AWS error code
    │   ├── NotAuthorizedException    one class per code in botocore's cognito-idp model
    │   ├── UserNotFoundException     (generated into ``_aws_errors``; see SERVICE_ERRORS)
    │   └── ...
    ├── NetworkError                  no answer: connection refused, DNS, timeout, TLS
    ├── NotAuthenticatedError         the method needs a session and none can be had
    ├── UnsupportedChallengeError     the service asked for a challenge this SDK cannot answer
    └── InvalidResponseError          the answer is not in Cognito's shape (an HTML page...)

Every error carries ``code`` (the AWS code, or the class name for local errors), ``message`` and
``status_code`` (HTTP status, ``None`` when nothing came back). The local server raises and
renders the same :class:`CognitoServiceError` classes, so both sides agree on codes.
"""

from __future__ import annotations

from typing import ClassVar


class CognitoError(Exception):
    """Root of every error raised by cognito_identity."""

    default_status_code: ClassVar[int | None] = None

    def __init__(
        self, message: str = "", *, code: str | None = None, status_code: int | None = None
    ):
        super().__init__(message)
        self.message = message
        self.code = code or type(self).__name__
        self.status_code = status_code if status_code is not None else self.default_status_code

    def __str__(self) -> str:
        return f"{self.code}: {self.message}" if self.message else self.code

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(code={self.code!r}, message={self.message!r}, "
            f"status_code={self.status_code!r})"
        )


class CognitoServiceError(CognitoError):
    """The service answered with an error body ``{"__type": code, "message": ...}``."""

    default_status_code: ClassVar[int | None] = 400


class NetworkError(CognitoError):
    """The request got no HTTP answer (connection refused, DNS failure, timeout, TLS error)."""

    def __init__(
        self,
        message: str = "Network error",
        *,
        code: str | None = "NetworkError",
        status_code: int | None = None,
    ):
        super().__init__(message, code=code, status_code=status_code)


class NotAuthenticatedError(CognitoError):
    """The method needs a signed-in user and there is no session that can be used or refreshed."""


class UnsupportedChallengeError(CognitoError):
    """The service asked for a challenge this SDK does not answer; nothing was stored."""

    def __init__(self, challenge_name: str, message: str | None = None):
        super().__init__(message or f"Challenge {challenge_name!r} is not supported by this SDK.")
        self.challenge_name = challenge_name


class InvalidResponseError(CognitoError):
    """The service's answer was not valid Cognito JSON (for example an HTML error page)."""


def error_for_code(code: str, message: str, status_code: int | None = None) -> CognitoServiceError:
    """The exception instance for an AWS error code; unknown codes get :class:`CognitoServiceError`.

    Codes may come namespaced (``com.amazonaws...#NotAuthorizedException``) or with a suffix
    (``NotAuthorizedException:http://...``) as in the ``x-amzn-errortype`` header.
    """
    from ._aws_errors import SERVICE_ERRORS

    bare = code.split("#")[-1].split(":")[0].strip()
    cls = SERVICE_ERRORS.get(bare, CognitoServiceError)
    return cls(message, code=bare, status_code=status_code)


from ._aws_errors import *  # noqa: E402,F403  (re-export the generated classes)
from ._aws_errors import SERVICE_ERRORS  # noqa: E402

__all__ = [
    "SERVICE_ERRORS",
    "CognitoError",
    "CognitoServiceError",
    "InvalidResponseError",
    "NetworkError",
    "NotAuthenticatedError",
    "UnsupportedChallengeError",
    "error_for_code",
]
