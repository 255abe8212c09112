"""The inputs of a sign-in: :class:`AuthenticationDetails`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class AuthenticationDetails:
    """What :meth:`CognitoUser.authenticate_user` needs to sign a user in.

    As in the JS library, the user name that is sent is the :class:`CognitoUser`'s, not this
    ``username``. The password is never logged, shown in ``repr`` or stored.

    Args:
        username: the name the user typed (kept for parity with JS).
        password: the password (needed by USER_SRP_AUTH and USER_PASSWORD_AUTH).
        validation_data: legacy Lambda input; when not empty it is sent as ``ClientMetadata``
            instead of ``client_metadata`` (the JS rule).
        auth_parameters: extra ``AuthParameters`` for custom authentication.
        client_metadata: ``ClientMetadata`` for the pool's Lambda triggers.

    Example::

        details = AuthenticationDetails("alice", "Corr3ct-Horse!")
        session = user.authenticate_user(details)
    """

    username: str
    password: str | None = field(default=None, repr=False)
    validation_data: Mapping[str, str] = field(default_factory=dict)
    auth_parameters: Mapping[str, str] = field(default_factory=dict)
    client_metadata: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # None is accepted for the mappings (as JS accepts undefined) and means empty.
        for name in ("validation_data", "auth_parameters", "client_metadata"):
            if getattr(self, name) is None:
                object.__setattr__(self, name, {})

    def get_username(self) -> str:
        """The user name given."""
        return self.username

    def get_password(self) -> str | None:
        """The password given."""
        return self.password

    def get_validation_data(self) -> Mapping[str, str]:
        """The legacy validation data."""
        return self.validation_data

    def get_auth_parameters(self) -> Mapping[str, str]:
        """The extra auth parameters."""
        return self.auth_parameters

    def get_client_metadata(self) -> Mapping[str, str]:
        """The client metadata."""
        return self.client_metadata

    def effective_client_metadata(self) -> dict[str, str]:
        """The ``ClientMetadata`` auth flows send: validation data if any, else client metadata."""
        return dict(self.validation_data or self.client_metadata)
