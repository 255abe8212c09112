"""Challenge answers of both user twins: the steps behind the typed challenges of
:mod:`cognito_identity.challenges` and the JS-compatible methods (``send_mfa_code``,
``complete_new_password_challenge``...).

Every answer runs a pure flow of :mod:`._flows.challenges` and goes through
:meth:`~._user_base.BaseCognitoUser._accept`, the one place that decides what to keep: the
challenge waiting for an answer (JS keeps only its ``Session``), or, once tokens come back, the
session. The public methods and their documentation are on :class:`~cognito_identity.CognitoUser`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from ._challenge_data import step_from_state
from ._flows import ChallengeStep, Flow
from ._flows import challenges as flows
from ._user_base import AUTH_FLOW_TYPES, BaseCognitoUser, C, Metadata
from .auth_details import AuthenticationDetails
from .errors import InvalidResponseError, NotAuthenticatedError, UnsupportedChallengeError
from .tokens import CognitoUserSession

_NO_CHALLENGE = "No challenge is waiting for an answer: call authenticate_user first."


class ChallengeFlows(BaseCognitoUser[C]):
    """Challenge answers (mixed into both user twins)."""

    def resume_challenge(self, state: Mapping[str, Any]) -> C:
        """The challenge a :meth:`~cognito_identity.challenges.BaseChallenge.to_state` dict
        describes, bound to this user: answer it as if this user had signed in.

        For an answer in a later request or another process. This user must have been made
        with ``state["username"]`` (the name the answer is sent as: after an SRP sign-in, the
        pool's ``USER_ID_FOR_SRP``), with the pool (ids) and, to keep remembered devices, the
        storage the sign-in used. Like a sign-in, resuming makes the challenge the one this
        user waits on (``send_mfa_code``... answer it too), and restores the sign-in's
        authentication flow type and :attr:`device_name`. Nothing is sent: an expired
        ``Session`` (about three minutes) fails only when answered (``NotAuthorizedException``).

        Raises:
            ValueError: ``state`` is not such a dict (not a dict, another format version, a
                missing, unknown or mistyped field, a challenge name this SDK does not answer,
                malformed parameters), or is for another user name.

        Example::

            user = CognitoUser(state["username"], pool)
            challenge = user.resume_challenge(state)
            if isinstance(challenge, SmsMfaChallenge):
                session = challenge.answer(code)
        """
        resumed = step_from_state(state, AUTH_FLOW_TYPES)
        step = resumed.step
        if step.username != self._username:
            raise ValueError(
                f"This challenge state is for user {step.username!r}, not {self._username!r}:"
                " make the user with state['username']."
            )
        try:
            challenge = self._challenge_of(step)
        except UnsupportedChallengeError as exc:
            raise ValueError(
                f"Challenge state has an unknown challenge {step.challenge_name!r}."
            ) from exc
        except InvalidResponseError as exc:
            raise ValueError(f"Challenge state has malformed parameters: {exc}") from exc
        self._challenge = step
        self._flow_type = resumed.auth_flow
        self.device_name = resumed.device_name
        return challenge

    # JS-compatible methods: they answer the challenge this user is waiting on.

    def _send_mfa_code_flow(
        self, code: str, mfa_type: str, client_metadata: Metadata
    ) -> Flow[CognitoUserSession | C]:
        return self._answer_mfa_flow(self._waiting(), code, mfa_type, client_metadata)

    def _send_mfa_selection_answer_flow(self, answer: str) -> Flow[CognitoUserSession | C]:
        return self._select_mfa_type_flow(self._waiting(), answer)

    def _complete_new_password_challenge_flow(
        self,
        new_password: str,
        required_attribute_data: Mapping[str, str] | None,
        client_metadata: Metadata,
    ) -> Flow[CognitoUserSession | C]:
        step = self._waiting()
        return self._new_password_flow(step, new_password, required_attribute_data, client_metadata)

    def _send_custom_challenge_answer_flow(
        self, answer: str, client_metadata: Metadata
    ) -> Flow[CognitoUserSession | C]:
        return self._custom_answer_flow(self._waiting(), answer, client_metadata)

    def _initiate_auth_flow(self, details: AuthenticationDetails) -> Flow[CognitoUserSession | C]:
        flow = flows.custom_auth(
            self.pool._auth_context(),
            self._username,
            details.auth_parameters,
            client_metadata=details.effective_client_metadata(),
        )
        return self._resume(flow)

    def _associate_software_token_flow(self) -> Flow[str]:
        step = self._waiting_setup()
        if step is not None:
            return (yield from self._associate_setup_flow(step)).secret_code
        session = yield from self._get_session_flow(None)
        flow = flows.associate_software_token(access_token=session.access_token.jwt_token)
        return (yield from flow).secret_code

    def _verify_software_token_flow(
        self, code: str, friendly_device_name: str | None
    ) -> Flow[CognitoUserSession | C | dict[str, Any]]:
        step = self._waiting_setup()
        if step is not None:
            return (yield from self._verify_setup_flow(step, code, friendly_device_name))
        token = (yield from self._get_session_flow(None)).access_token.jwt_token
        answer = yield flows.verify_software_token_call(
            code, friendly_device_name, access_token=token
        )
        return answer

    # Shared by the typed challenges and the methods above.

    def _answer_mfa_flow(
        self, step: ChallengeStep, code: str, mfa_type: str, client_metadata: Metadata
    ) -> Flow[CognitoUserSession | C]:
        flow = flows.mfa_code(
            self.pool._auth_context(),
            step,
            code,
            mfa_type,
            client_metadata=client_metadata,
            device_key=self._cache.device_key_of(step.username),
        )
        return self._resume(flow)

    def _select_mfa_type_flow(
        self, step: ChallengeStep, answer: str
    ) -> Flow[CognitoUserSession | C]:
        return self._resume(flows.select_mfa_type(self.pool._auth_context(), step, answer))

    def _new_password_flow(
        self,
        step: ChallengeStep,
        new_password: str,
        attributes: Mapping[str, str] | None,
        client_metadata: Metadata,
    ) -> Flow[CognitoUserSession | C]:
        context = self.pool._auth_context()
        flow = flows.new_password(
            context, step, new_password, attributes, client_metadata=client_metadata
        )
        return self._resume(flow)

    def _custom_answer_flow(
        self, step: ChallengeStep, answer: str, client_metadata: Metadata
    ) -> Flow[CognitoUserSession | C]:
        flow = flows.custom_answer(
            self.pool._auth_context(),
            step,
            answer,
            client_metadata=client_metadata,
            device_key=self._cache.device_key_of(step.username),
        )
        return self._resume(flow)

    def _associate_setup_flow(self, step: ChallengeStep) -> Flow[flows.SoftwareTokenSecret]:
        secret = yield from flows.associate_software_token(session=step.session)
        if self._challenge is not None and self._challenge.session == step.session:
            # JS keeps the new Session for verifySoftwareToken: so do the JS-style methods.
            self._challenge = replace(step, session=secret.session or step.session)
        return secret

    def _verify_setup_flow(
        self, step: ChallengeStep, code: str, friendly_device_name: str | None
    ) -> Flow[CognitoUserSession | C]:
        context = self.pool._auth_context()
        flow = flows.verify_software_token_setup(context, step, code, friendly_device_name)
        return self._resume(flow)

    def _waiting(self) -> ChallengeStep:
        if self._challenge is None:
            raise NotAuthenticatedError(_NO_CHALLENGE)
        return self._challenge

    def _waiting_setup(self) -> ChallengeStep | None:
        step = self._challenge
        return step if step is not None and step.challenge_name == "MFA_SETUP" else None
