import socket
from collections.abc import Callable

import httpx
import pytest

from cognito_identity import NetworkError, RetryPolicy, errors
from cognito_identity._transport import AsyncTransport, Transport
from cognito_identity._wire import Call

ENDPOINT = "https://cognito-idp.us-east-1.amazonaws.com/"
CALL = Call("InitiateAuth", {"ClientId": "c"})


class Sleeps:
    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def policy(sleeps: Sleeps, **overrides: float) -> RetryPolicy:
    settings: dict[str, float] = {"max_attempts": 4, "base_delay": 0.1, "max_delay": 2.0}
    settings.update(overrides)
    return RetryPolicy(sleep=sleeps, random=lambda: 0.5, monotonic=lambda: 0.0, **settings)  # type: ignore[arg-type]


def counting(
    handler: Callable[[httpx.Request], httpx.Response],
) -> tuple[list[httpx.Request], httpx.Client]:
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return handler(request)

    return seen, httpx.Client(transport=httpx.MockTransport(record))


def error(status: int, code: str) -> Callable[[httpx.Request], httpx.Response]:
    return lambda request: httpx.Response(status, json={"__type": code, "message": "m"})


def test_request_goes_out_as_aws_json() -> None:
    seen, client = counting(lambda request: httpx.Response(200, json={"ok": True}))
    assert Transport(ENDPOINT, client).send(CALL) == {"ok": True}
    request = seen[0]
    assert request.method == "POST"
    assert str(request.url) == ENDPOINT
    assert request.headers["x-amz-target"] == "AWSCognitoIdentityProviderService.InitiateAuth"
    assert request.headers["content-type"] == "application/x-amz-json-1.1"
    assert request.headers["cache-control"] == "no-store"
    assert request.content == b'{"ClientId":"c"}'


def test_not_authorized_is_attempted_exactly_once() -> None:
    sleeps = Sleeps()
    seen, client = counting(error(400, "NotAuthorizedException"))
    with pytest.raises(errors.NotAuthorizedException):
        Transport(ENDPOINT, client, retry=policy(sleeps)).send(CALL)
    assert len(seen) == 1
    assert sleeps.waits == []


def test_server_errors_are_retried_up_to_the_limit() -> None:
    sleeps = Sleeps()
    seen, client = counting(lambda request: httpx.Response(500, text="<html>oops</html>"))
    with pytest.raises(errors.InvalidResponseError):
        Transport(ENDPOINT, client, retry=policy(sleeps)).send(CALL)
    assert len(seen) == 4
    assert sleeps.waits == pytest.approx([0.075, 0.15, 0.3])


def test_throttling_then_success() -> None:
    answers = [httpx.Response(400, json={"__type": "TooManyRequestsException"})]
    answers.append(httpx.Response(200, json={"done": 1}))
    seen, client = counting(lambda request: answers.pop(0))
    assert Transport(ENDPOINT, client, retry=policy(Sleeps())).send(CALL) == {"done": 1}
    assert len(seen) == 2


def test_network_errors_are_retried_then_raised() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    sleeps = Sleeps()
    seen, client = counting(refuse)
    with pytest.raises(NetworkError, match=r"cognito-idp\.us-east-1"):
        Transport(ENDPOINT, client, retry=policy(sleeps, max_attempts=3)).send(CALL)
    assert len(seen) == 3
    assert len(sleeps.waits) == 2


def test_backoff_is_capped_and_jittered() -> None:
    low = RetryPolicy(base_delay=1, max_delay=4, random=lambda: 0.0)
    high = RetryPolicy(base_delay=1, max_delay=4, random=lambda: 0.999999)
    assert [low.backoff(n) for n in (1, 2, 3, 4, 5)] == [0.5, 1, 2, 2, 2]
    assert [round(high.backoff(n), 3) for n in (1, 2, 3, 4, 5)] == [1, 2, 4, 4, 4]


def test_total_time_limit_stops_retrying() -> None:
    now = [0.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    limited = RetryPolicy(
        max_attempts=10,
        base_delay=1,
        max_delay=8,
        total_time=2.5,
        sleep=sleep,
        random=lambda: 1.0,
        monotonic=lambda: now[0],
    )
    seen, client = counting(error(503, "ServiceUnavailable"))
    with pytest.raises(errors.CognitoServiceError):
        Transport(ENDPOINT, client, retry=limited).send(CALL)
    assert waits == [1.0]  # after 1 s, a 2 s wait would end past 2.5 s
    assert len(seen) == 2


def test_never_policy_makes_one_attempt() -> None:
    seen, client = counting(error(500, "InternalErrorException"))
    with pytest.raises(errors.InternalErrorException):
        Transport(ENDPOINT, client, retry=RetryPolicy.never()).send(CALL)
    assert len(seen) == 1


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def test_connection_refused_is_a_network_error_naming_the_endpoint() -> None:
    url = closed_port_url()
    transport = Transport(url, retry=RetryPolicy.never())
    try:
        with pytest.raises(NetworkError) as caught:
            transport.send(CALL)
    finally:
        transport.close()
    assert url in caught.value.message
    assert caught.value.code == "NetworkError"
    assert caught.value.status_code is None


def test_a_client_passed_in_is_not_closed() -> None:
    client = httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200)))
    transport = Transport(ENDPOINT, client)
    transport.send(CALL)
    transport.close()
    assert not client.is_closed
    client.close()


@pytest.mark.anyio
async def test_async_transport_retries_with_its_own_sleep() -> None:
    answers = [httpx.Response(502, text="bad gateway"), httpx.Response(200, json={"x": 1})]
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    client = httpx.AsyncClient(transport=httpx.MockTransport(lambda request: answers.pop(0)))
    transport = AsyncTransport(ENDPOINT, client, retry=policy(Sleeps()), sleep=sleep)
    assert await transport.send(CALL) == {"x": 1}
    assert len(waits) == 1
    await client.aclose()
    await transport.aclose()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (429, "SomethingNew"),
        (408, "RequestTimeout"),
        (400, "Throttling"),
        (400, "ThrottlingException"),
        (400, "RequestLimitExceeded"),
        (502, "BadGateway"),
    ],
)
def test_transient_answers_are_retried(status: int, code: str) -> None:
    answers = [httpx.Response(status, json={"__type": code}), httpx.Response(200, json={})]
    seen, client = counting(lambda request: answers.pop(0))
    assert Transport(ENDPOINT, client, retry=policy(Sleeps())).send(CALL) == {}
    assert len(seen) == 2


@pytest.mark.parametrize(
    "code",
    [
        "NotAuthorizedException",
        "CodeMismatchException",
        "ExpiredCodeException",
        "InvalidPasswordException",
        "LimitExceededException",  # a per-user attempt limit: minutes, not a retry's wait
        "UserNotFoundException",
    ],
)
def test_answers_that_cannot_change_are_not_retried(code: str) -> None:
    sleeps = Sleeps()
    seen, client = counting(error(400, code))
    with pytest.raises(errors.CognitoServiceError) as caught:
        Transport(ENDPOINT, client, retry=policy(sleeps)).send(CALL)
    assert caught.value.code == code
    assert (len(seen), sleeps.waits) == (1, [])
