"""The checker page never silently allows a photo whose people the member did not state
(issue 11, point 6): without students counted and without "Er staat niemand op", the
verdict asks who is on it, citing A.5."""

from typing import Any

from django.test import Client

from protocolwijzer.checks.models import CheckRecord
from protocolwijzer.checks.tests.helpers import image_file, post_check
from protocolwijzer.protocols.models import ProtocolVersion
from protocolwijzer.schools.tests.personas import Personas, sign_in

# Roermond A.5: "Het is voor betrokkenen niet toegestaan om foto-, film- en geluidsopnamen
# van schoolgerelateerde situaties op de sociale media te zetten tenzij betrokkenen hier
# uitdrukkelijk toestemming voor plaatsing hebben gegeven."
SCHOOL_ACCOUNT_POST = {"action": "publish", "context": "work", "school_related": "yes",
                       "channel": "facebook", "account": "school"}


def _unmet(response: Any) -> set[str]:
    result = response.context["result"]
    assert result is not None
    return {shown.finding.article for group in result.groups for shown in group.findings
            if shown.finding.effect == "obligation" and not shown.finding.met}


def test_an_uploaded_photo_without_anyone_stated_asks_who_is_on_it(
        client: Client, members: Personas,
        builtin_versions: dict[str, ProtocolVersion]) -> None:
    sign_in(client, members.communicatie.user, second_factor=True)

    response = post_check(client, **SCHOOL_ACCOUNT_POST,
                          **{"foto-0-photo": image_file("plein.png", "PNG")})

    assert response.context["result"].verdict == "needs_changes"
    assert _unmet(response) == {"A.5"}
    assert CheckRecord.objects.get().situation["post"]["media"] == [{"kind": "photo"}]


def test_an_uploaded_photo_with_nobody_on_it_is_allowed(
        client: Client, members: Personas,
        builtin_versions: dict[str, ProtocolVersion]) -> None:
    sign_in(client, members.communicatie.user, second_factor=True)

    response = post_check(client, **SCHOOL_ACCOUNT_POST,
                          **{"foto-0-photo": image_file("plein.png", "PNG"),
                             "foto-0-nobody": "on"})

    assert response.context["result"].verdict == "allowed"
    assert CheckRecord.objects.get().situation["post"]["media"] == [
        {"kind": "photo", "people": []}]
