"""Define / Create / Verify auth challenge triggers for the custom-auth tests, as the local
server runs them (Python callables named by a Lambda ARN; see server/domain/triggers.py).

The flow is the one in AWS's custom authentication examples: an optional SRP password step,
then one question; three wrong answers fail the sign-in.
"""

from __future__ import annotations

from typing import Any

QUESTION = "What is 6 * 7?"
ANSWER = "42"
MAX_WRONG = 3


def arn(name: str) -> str:
    """The ARN naming the trigger function ``name`` of this module."""
    return f"arn:aws:lambda:us-east-1:000000000000:function:{__name__}.{name}"


def lambda_config() -> dict[str, str]:
    """The pool's LambdaConfig for these triggers."""
    return {
        "DefineAuthChallenge": arn("define"),
        "CreateAuthChallenge": arn("create"),
        "VerifyAuthChallengeResponse": arn("verify"),
    }


def define(event: dict[str, Any]) -> dict[str, Any]:
    session = event["request"]["session"]
    event["response"].update(_decision(session))
    return event


def _decision(session: list[dict[str, Any]]) -> dict[str, Any]:
    ask = {"challengeName": "CUSTOM_CHALLENGE", "issueTokens": False, "failAuthentication": False}
    if not session:
        return ask
    last = session[-1]
    wrong = [
        s for s in session if s["challengeName"] == "CUSTOM_CHALLENGE" and not s["challengeResult"]
    ]
    if last["challengeName"] == "SRP_A":
        return {**ask, "challengeName": "PASSWORD_VERIFIER"}
    if last["challengeName"] == "CUSTOM_CHALLENGE" and last["challengeResult"]:
        return {**ask, "challengeName": None, "issueTokens": True}
    if not last["challengeResult"] and (
        last["challengeName"] != "CUSTOM_CHALLENGE" or len(wrong) >= MAX_WRONG
    ):
        return {**ask, "challengeName": None, "failAuthentication": True}
    return ask


def create(event: dict[str, Any]) -> dict[str, Any]:
    event["response"].update(
        publicChallengeParameters={"question": QUESTION},
        privateChallengeParameters={"answer": ANSWER},
        challengeMetadata="QUESTION-1",
    )
    return event


def verify(event: dict[str, Any]) -> dict[str, Any]:
    expected = event["request"]["privateChallengeParameters"]["answer"]
    event["response"]["answerCorrect"] = event["request"]["challengeAnswer"] == expected
    return event
