"""The pool's custom auth triggers for use case 25 (local only: the local server runs them).

A passwordless flow: one question, three tries. On AWS these are your Lambda functions
(Define, Create and Verify Auth Challenge); here they are Python functions that the local
server imports by the name in the ARN.
"""

from __future__ import annotations

from typing import Any

QUESTION = "What is 6 * 7?"
ANSWER = "42"


def lambda_config() -> dict[str, str]:
    """``LambdaConfig`` naming the three functions below."""
    arn = f"arn:aws:lambda:us-east-1:000000000000:function:{__name__}."
    return {
        "DefineAuthChallenge": arn + "define",
        "CreateAuthChallenge": arn + "create",
        "VerifyAuthChallengeResponse": arn + "verify",
    }


def define(event: dict[str, Any]) -> dict[str, Any]:
    """Ask until one right answer (tokens), at most three times."""
    session = event["request"]["session"]
    if session and session[-1]["challengeResult"]:
        event["response"].update(issueTokens=True, failAuthentication=False)
    else:
        event["response"].update(
            challengeName="CUSTOM_CHALLENGE",
            issueTokens=False,
            failAuthentication=len(session) >= 3,
        )
    return event


def create(event: dict[str, Any]) -> dict[str, Any]:
    """The question is public; the answer stays on the server."""
    event["response"].update(
        publicChallengeParameters={"question": QUESTION},
        privateChallengeParameters={"answer": ANSWER},
    )
    return event


def verify(event: dict[str, Any]) -> dict[str, Any]:
    """Right when the answer matches."""
    expected = event["request"]["privateChallengeParameters"]["answer"]
    event["response"]["answerCorrect"] = event["request"]["challengeAnswer"] == expected
    return event
