"""The account steps of both user twins: profile, attributes, passwords, deletion and sign-out
(use cases 5-8 and 11-15 of the JS library's README).

Each ``_x_flow`` gets a valid access token (:meth:`AccountFlows._access_token`, which refreshes
an expired session), runs one pure flow of :mod:`._flows.account`, then updates the cache. The
public methods and their documentation are in :mod:`._user_account_api` (sync) and on
:class:`~cognito_identity.AsyncCognitoUser`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any

from ._flows import Flow, account
from ._user_base import BaseCognitoUser, C, Metadata
from .attributes import AttributesInput, CognitoUserAttribute, attributes_to_wire
from .delivery import CodeDeliveryDetails, UpdateAttributesResult
from .errors import CognitoError, NotAuthenticatedError
from .tokens import CognitoUserSession


class AccountFlows(BaseCognitoUser[C]):
    """Account steps (mixed into both user twins).

    Every step that needs a signed-in user gets a session first, so an expired session is
    refreshed with the refresh token. The JS library fails with "User is not authenticated"
    instead, which forced apps to wrap every call in ``getSession``.
    """

    # The one way to a session for every step below.

    def _authenticated(self, client_metadata: Metadata = None) -> Flow[CognitoUserSession]:
        """A valid session, refreshed first if it expired (unlike JS, which fails).

        When no session can be had, the cached user data is dropped too (as JS ``getUserData``
        does): it belongs to a sign-in that is over.
        """
        try:
            return (yield from self._get_session_flow(client_metadata))
        except NotAuthenticatedError:
            self._cache.clear_user_data()
            raise

    def _access_token(self, client_metadata: Metadata = None) -> Flow[str]:
        session = yield from self._authenticated(client_metadata)
        return session.access_token.jwt_token

    def _forget_session(self) -> None:
        """Drop the session in memory, the stored tokens and user data; device keys stay."""
        self._session = None
        self._cache.clear_user()

    def _after_profile_change(self, client_metadata: Metadata) -> Flow[None]:
        """Refetch the user data and tokens, as JS does; a failure here never fails the change."""
        with contextlib.suppress(CognitoError):
            yield from self._get_user_data_flow(True, client_metadata)

    # Profile

    def _get_user_attributes_flow(self) -> Flow[list[CognitoUserAttribute]]:
        data = yield from self._fetch_user_data(None)
        return account.user_attributes(data)

    def _get_user_data_flow(
        self, bypass_cache: bool, client_metadata: Metadata
    ) -> Flow[dict[str, Any]]:
        cached = self._cache.load_user_data()
        if cached is not None and not bypass_cache:
            yield from self._authenticated(client_metadata)
            return cached
        data = yield from self._fetch_user_data(client_metadata)
        if bypass_cache:
            with contextlib.suppress(CognitoError):
                yield from self._refresh_session_flow(None, client_metadata)
        return data

    def _fetch_user_data(self, client_metadata: Metadata) -> Flow[dict[str, Any]]:
        token = yield from self._access_token(client_metadata)
        data = yield from account.get_user(token)
        self._cache.save_user_data(data)
        return data

    def _get_mfa_options_flow(self) -> Flow[list[dict[str, Any]]]:
        # The twins warn (DeprecationWarning) before running this, so the warning names the caller.
        data = yield from account.get_user((yield from self._access_token()))
        options = data.get("MFAOptions")
        return list(options) if isinstance(options, list) else []

    # Attributes

    def _update_attributes_flow(
        self, attributes: AttributesInput, client_metadata: Metadata
    ) -> Flow[UpdateAttributesResult]:
        wire = attributes_to_wire(attributes) or []
        token = yield from self._access_token(client_metadata)
        result = yield from account.update_user_attributes(token, wire, client_metadata)
        yield from self._after_profile_change(client_metadata)
        return result

    def _delete_attributes_flow(self, names: Sequence[str]) -> Flow[str]:
        if isinstance(names, str):  # a lone name would be sent letter by letter
            names = [names]
        token = yield from self._access_token()
        result = yield from account.delete_user_attributes(token, names)
        yield from self._after_profile_change(None)
        return result

    def _get_attribute_verification_code_flow(
        self, name: str, client_metadata: Metadata
    ) -> Flow[CodeDeliveryDetails]:
        token = yield from self._access_token(client_metadata)
        return (
            yield from account.get_user_attribute_verification_code(token, name, client_metadata)
        )

    def _verify_attribute_flow(self, name: str, code: str) -> Flow[str]:
        token = yield from self._access_token()
        result = yield from account.verify_user_attribute(token, name, code)
        # ``<name>_verified`` just changed: the cached GetUser answer is stale. (JS keeps it.)
        self._cache.clear_user_data()
        return result

    # Passwords

    def _change_password_flow(
        self, old_password: str, new_password: str, client_metadata: Metadata
    ) -> Flow[str]:
        token = yield from self._access_token(client_metadata)
        flow = account.change_password(token, old_password, new_password, client_metadata)
        return (yield from flow)

    def _forgot_password_flow(self, client_metadata: Metadata) -> Flow[CodeDeliveryDetails]:
        return account.forgot_password(self.pool._auth_context(), self._username, client_metadata)

    def _confirm_password_flow(
        self, code: str, new_password: str, client_metadata: Metadata
    ) -> Flow[str]:
        context = self.pool._auth_context()
        return account.confirm_forgot_password(
            context, self._username, code, new_password, client_metadata
        )

    # Deletion and sign-out

    def _delete_user_flow(self, client_metadata: Metadata) -> Flow[str]:
        token = yield from self._access_token(client_metadata)
        result = yield from account.delete_user(token, client_metadata)
        self._forget_session()
        # The pool deleted the user's devices with it: their keys (and secret) go too.
        self._cache.clear_device()
        return result

    def _global_sign_out_flow(self) -> Flow[str]:
        result = yield from account.global_sign_out((yield from self._access_token()))
        self._forget_session()
        return result

    def _sign_out_flow(self, revoke: bool) -> Flow[None]:
        session = (self._session or self._cache.load_session(self.pool.clock)) if revoke else None
        try:
            if session is not None:
                yield from account.revoke_tokens(self.pool._auth_context(), session)
        finally:
            self._forget_session()
