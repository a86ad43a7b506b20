"""The checker page never silently allows a recording whose people the member did not
state (issue 11, point 6): a photo or video is its faces, tagged (issue 13); a sound
recording, and anything described without a file, is the counts, and without students
counted and without "Er staat niemand op" the verdict asks who is on it, citing A.5."""

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
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


def _wav(name: str = "kring.wav", seconds: float = 1.0) -> SimpleUploadedFile:
    """A real sound recording: a second of a quiet tone."""
    import io
    import math
    import struct
    import wave

    out = io.BytesIO()
    with wave.open(out, "wb") as recording:
        recording.setnchannels(1)
        recording.setsampwidth(2)
        recording.setframerate(8000)
        recording.writeframes(b"".join(
            struct.pack("<h", int(3000 * math.sin(i / 8))) for i in range(int(8000 * seconds))))
    return SimpleUploadedFile(name, out.getvalue(), content_type="audio/wav")


def _item_fields(response: Any) -> dict[str, str]:
    item = response.context["photos"].forms[0].media_item
    assert item is not None
    return {"foto-0-item": str(item.pk)}


def test_a_sound_recording_without_anyone_stated_asks_who_can_be_heard(
        client: Client, members: Personas,
        builtin_versions: dict[str, ProtocolVersion]) -> None:
    sign_in(client, members.communicatie.user, second_factor=True)
    uploaded = post_check(client, **SCHOOL_ACCOUNT_POST, **{"foto-0-photo": _wav()})
    assert uploaded.context["photos"].forms[0].media_item.kind == "sound"

    response = post_check(client, **SCHOOL_ACCOUNT_POST, **_item_fields(uploaded))

    assert response.context["result"].verdict == "needs_changes"
    assert _unmet(response) == {"A.5"}
    assert CheckRecord.objects.get().situation["post"]["media"] == [{"kind": "audio"}]


def test_a_sound_recording_with_the_students_counted_is_judged_by_the_counts(
        client: Client, members: Personas,
        builtin_versions: dict[str, ProtocolVersion]) -> None:
    sign_in(client, members.communicatie.user, second_factor=True)
    uploaded = post_check(client, **SCHOOL_ACCOUNT_POST, **{"foto-0-photo": _wav()})

    response = post_check(client, **SCHOOL_ACCOUNT_POST, **_item_fields(uploaded),
                          **{"foto-0-students_given": "2", "foto-0-students_unknown": "1"})

    assert response.context["result"].verdict == "forbidden"
    assert CheckRecord.objects.get().situation["post"]["media"] == [
        {"kind": "audio", "people": [{"role": "student", "consent": "given"}] * 2
         + [{"role": "student", "consent": "unknown"}]}]


def test_a_photo_on_which_no_face_is_found_says_so_and_offers_to_draw_one(
        client: Client, members: Personas,
        builtin_versions: dict[str, ProtocolVersion]) -> None:
    sign_in(client, members.communicatie.user, second_factor=True)
    uploaded = post_check(client, **SCHOOL_ACCOUNT_POST,
                          **{"foto-0-photo": image_file("plein.png", "PNG", size=(320, 240))})
    assert "We vonden geen gezichten" in uploaded.content.decode()

    response = post_check(client, **SCHOOL_ACCOUNT_POST, **_item_fields(uploaded))

    assert response.context["result"].verdict == "allowed"
    assert CheckRecord.objects.get().situation["post"]["media"] == [
        {"kind": "photo", "people": []}]


def test_a_video_described_without_a_file_is_judged_by_the_counts(
        client: Client, members: Personas,
        builtin_versions: dict[str, ProtocolVersion]) -> None:
    sign_in(client, members.communicatie.user, second_factor=True)

    response = post_check(client, **SCHOOL_ACCOUNT_POST,
                          **{"foto-0-kind": "video", "foto-0-students_refused": "1"})

    assert response.context["result"].verdict == "forbidden"
