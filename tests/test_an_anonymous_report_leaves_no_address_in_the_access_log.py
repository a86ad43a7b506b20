"""The access log of an anonymous report (issue 15): gunicorn's line for a POST under
/melden/ shows neither the client's address nor its browser, so it cannot be linked to the
pupil's sign-in, whose address the audit log keeps. Other requests keep theirs."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from gunicorn.config import Config

from protocolwijzer.logs import AccessLogger

ADDRESS = "203.0.113.77"
BROWSER = "Mozilla/5.0 (telefoon van Sem)"


def atoms(method: str, path: str) -> dict[str, object]:
    logger = AccessLogger(Config())
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "RAW_URI": path,
               "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": ADDRESS,
               "HTTP_USER_AGENT": BROWSER, "HTTP_X_FORWARDED_FOR": ADDRESS,
               "QUERY_STRING": ""}
    request = SimpleNamespace(headers=[("X-FORWARDED-FOR", ADDRESS), ("USER-AGENT", BROWSER)])
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    return logger.atoms(response, request, environ, datetime.timedelta(milliseconds=5))


def test_a_report_post_leaves_no_address_or_browser_in_the_access_log() -> None:
    for path in ("/melden/anoniem/", "/melden/"):
        line = " ".join(str(value) for value in atoms("POST", path).values())
        assert ADDRESS not in line and "telefoon van Sem" not in line, path


def test_other_requests_keep_their_address() -> None:
    assert atoms("GET", "/melden/")["h"] == ADDRESS
    assert atoms("POST", "/check/")["h"] == ADDRESS
