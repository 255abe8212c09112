"""Example custom-auth triggers for the tests: two questions, optionally after SRP.

Configured in a pool's LambdaConfig as
``arn:aws:lambda:us-east-1:000000000000:function:tests.server.custom_auth_triggers.define``
(and ``.create``, ``.verify``). Every event received is kept in :data:`EVENTS` (the live test
server runs in the test process).
"""

from __future__ import annotations

import copy
from typing import Any

QUESTIONS = [("What is the capital of France?", "paris"), ("What is 2 + 2?", "4")]
EVENTS: list[dict[str, Any]] = []


def _customs(event: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for s in event["request"]["session"] if s["challengeName"] == "CUSTOM_CHALLENGE"]


def define(event: dict[str, Any]) -> dict[str, Any]:
    """SRP first when the client started with SRP_A, then both questions, then tokens."""
    EVENTS.append(copy.deepcopy(event))
    session = event["request"]["session"]
    response = event["response"]
    customs = _customs(event)
    if any(step["challengeResult"] is False for step in session):
        response.update(issueTokens=False, failAuthentication=True)
    elif len(session) == 1 and session[0]["challengeName"] == "SRP_A":
        response.update(challengeName="PASSWORD_VERIFIER", issueTokens=False)
    elif len(customs) == len(QUESTIONS):
        response.update(issueTokens=True, failAuthentication=False)
    else:
        response.update(challengeName="CUSTOM_CHALLENGE", issueTokens=False)
    return event


def create(event: dict[str, Any]) -> dict[str, Any]:
    """The next question; the answer stays private."""
    EVENTS.append(copy.deepcopy(event))
    index = len(_customs(event))
    question, answer = QUESTIONS[index]
    event["response"]["publicChallengeParameters"] = {"question": question}
    event["response"]["privateChallengeParameters"] = {"answer": answer}
    event["response"]["challengeMetadata"] = f"QUESTION-{index + 1}"
    return event


def verify(event: dict[str, Any]) -> None:
    """Compare without case; fills the response in place (returning None is allowed)."""
    EVENTS.append(copy.deepcopy(event))
    expected = event["request"]["privateChallengeParameters"]["answer"]
    given = str(event["request"]["challengeAnswer"]).strip().lower()
    event["response"]["answerCorrect"] = given == expected


def broken(event: dict[str, Any]) -> dict[str, Any]:
    """A trigger that refuses everyone."""
    raise ValueError("no entry today")


def not_an_event(event: dict[str, Any]) -> str:
    """A trigger returning something that isn't the event."""
    return "hello"
