"""Write src/cognito_identity/_aws_errors.py: one exception class per error code of cognito-idp.

The table comes from botocore's service model, so the SDK never imports botocore at run time.
A few codes that every AWS JSON service can answer (unknown operation, bad JSON, signatures,
throttling) are not in the model and are added by hand below.

Run: .venv/bin/python scripts/gen_errors.py
"""

from __future__ import annotations

import html
import pathlib
import re
import textwrap

import botocore.session

OUT = pathlib.Path(__file__).resolve().parent.parent / "src/cognito_identity/_aws_errors.py"

# Codes the JSON protocol itself answers with, outside any one service model.
COMMON = {
    "AccessDeniedException": (400, "You do not have sufficient access to perform this action."),
    "IncompleteSignatureException": (
        400,
        "The request signature does not conform to AWS standards.",
    ),
    "InvalidSignatureException": (
        400,
        "The request signature we calculated does not match the signature you provided.",
    ),
    "MissingAuthenticationTokenException": (
        400,
        "The request must contain a valid (registered) AWS access key ID.",
    ),
    "UnrecognizedClientException": (400, "The security token included in the request is invalid."),
    "SerializationException": (400, "The request body could not be parsed."),
    "UnknownOperationException": (400, "The requested operation is not recognised by the service."),
    "ValidationException": (400, "The input fails to satisfy the constraints of the operation."),
    "ThrottlingException": (400, "The request was denied due to request throttling."),
    "ServiceUnavailableException": (503, "The service is unavailable. Try again later."),
}


# The model marks no error as a server fault; Cognito answers this one with HTTP 500.
STATUS_OVERRIDES = {"InternalErrorException": 500}


def first_sentence(doc: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", "", doc or "")).strip()
    text = re.sub(r"\s+", " ", text)
    sentence = re.split(r"(?<=\.)\s", text, maxsplit=1)[0] if text else ""
    return sentence.replace('"""', "'") or "An error of this code."


def collect() -> dict[str, tuple[int, str]]:
    model = botocore.session.get_session().get_service_model("cognito-idp")
    table: dict[str, tuple[int, str]] = {}
    for op_name in model.operation_names:
        for shape in model.operation_model(op_name).error_shapes:
            meta = shape.metadata
            status = meta.get("error", {}).get("httpStatusCode") or (
                500 if meta.get("fault") else 400
            )
            status = STATUS_OVERRIDES.get(shape.name, status)
            table[shape.name] = (int(status), first_sentence(shape.documentation))
    for name, value in COMMON.items():
        table.setdefault(name, value)
    return dict(sorted(table.items()))


def docstring(doc: str) -> str:
    """The class docstring: one line when it fits in 100 columns, else wrapped."""
    one_line = f'    """{doc}"""'
    if len(one_line) <= 100:
        return one_line
    body = textwrap.fill(doc, width=96, initial_indent="    ", subsequent_indent="    ")
    return f'    """{body.strip()}\n    """'


def render(table: dict[str, tuple[int, str]]) -> str:
    lines = [
        '"""One exception class per AWS error code of cognito-idp. Generated: do not edit.',
        "",
        "Regenerate with ``scripts/gen_errors.py`` (reads botocore's service model).",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from .errors import CognitoServiceError",
        "",
        "",
    ]
    for name, (status, doc) in table.items():
        lines += [
            f"class {name}(CognitoServiceError):",
            docstring(doc),
            "",
            f"    default_status_code = {status}",
            "",
            "",
        ]
    lines.append("SERVICE_ERRORS: dict[str, type[CognitoServiceError]] = {")
    for name in table:
        lines.append(f"    {name!r}: {name},")
    lines.append("}")
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    OUT.write_text(render(collect()))
    print(f"wrote {OUT}")
