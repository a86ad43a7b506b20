"""Reporting (issue 15, "Melden"): the one way a report and its evidence come in, from a
signed-in person, a pupil who stays anonymous, a parent's guardian link or an outsider's
public form; and the two guards of the public form (a proof of work and a rate limit).

``do_report`` checks every file first and creates nothing when one is refused: no file, no
row. Then, in one transaction, it stores the report, its evidence and an audit event, and
opens the case (``actions.do_open_case``, which tells the handler by mail).

An anonymous report stores nothing that points at who sent it: no reporter, no account,
no IP address in the audit event, no session data. Its reporter follows the status with a
secret shown once; only the secret's hash is kept.

Evidence (``store_evidence``) is what it is by content (``imaging.inspect``), never by its
name: a screenshot (JPEG, PNG, WebP, HEIC) or a video (MP4, MOV). The original is kept
byte for byte in the private storage and hashed on arrival, so later tampering shows
(``Evidence.verify``); the handler views a copy made from pixels (a photo) or re-muxed
without container metadata (a video), so a phone's location or name is not shown around.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import hmac
import secrets
import subprocess
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from protocolwijzer.accounts.ratelimit import Limit, count_and_check
from protocolwijzer.audit.actions import do_record
from protocolwijzer.engine.vocabulary import KNOWN_CHANNELS
from protocolwijzer.imaging import Media
from protocolwijzer.incidents.access import reports_of  # moved there; kept importable
from protocolwijzer.incidents.actions import do_open_case
from protocolwijzer.incidents.models import Evidence, Report
from protocolwijzer.media import storage
from protocolwijzer.media.actions import upload_source
from protocolwijzer.schools.models import Person, School

__all__ = ["EVIDENCE_FIELD", "MAX_EVIDENCE_FILES", "ReportStatus", "do_report",
           "is_over_rate_limit", "make_challenge", "reports_of", "status_of",
           "store_evidence", "verify_proof_of_work"]

#: The form field that carries the evidence; refusals are reported on it.
EVIDENCE_FIELD = "files"
EVIDENCE_LABEL = gettext_lazy("Screenshots or video")
MAX_EVIDENCE_FILES = 5
# The stored original's extension, by content.
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "HEIC": "heic", "MP4": "mp4",
              "MOV": "mov"}
EVIDENCE_FOLDER = "incidents"


def _refused(message: str, field: str = EVIDENCE_FIELD) -> ValidationError:
    return ValidationError({field: [message]}, code="refused")


MB = 1024 * 1024


def _size_text(size: int) -> str:
    """A limit as a message says it: in MB from 1 MB up, in KB below (never "0 MB")."""
    if size >= MB:
        value = round(size / MB, 1)
        return _("%(size)s MB") % {"size": formats.number_format(
            value, 0 if value.is_integer() else 1)}
    return _("%(size)s KB") % {"size": max(1, round(size / 1024))}


def _shown_name(name: str | None) -> str:
    name = (name or "").strip() or _("(no name)")
    return name if len(name) <= 80 else name[:77] + "..."


def photo_limit() -> int:
    return int(settings.PW_UPLOAD_MAX_BYTES)


def video_limit() -> int:
    return max(int(settings.PW_MEDIA_MAX_BYTES), photo_limit())


# -- evidence ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Inspected:
    """An uploaded file that passed the content check, and what it is."""

    file: UploadedFile
    media: Media
    source: bytes | Path


def evidence_too_large(name: str) -> str:
    """The refusal of a file larger than any evidence may be, with both limits (also for
    a file the upload handler stopped reading there)."""
    return (_("%(field)s: “%(name)s” is too large: a video may be at most %(limit)s, a "
              "screenshot at most %(photo)s.")
            % {"field": str(EVIDENCE_LABEL), "name": _shown_name(name),
               "limit": _size_text(video_limit()), "photo": _size_text(photo_limit())})


def inspect_evidence(file: UploadedFile, *, field: str = EVIDENCE_FIELD) -> Inspected:
    """What an uploaded evidence file is, or a ``ValidationError`` on ``field`` whose
    message names the field, the file and the problem (the limit, for a file too large).
    Stores nothing."""
    from protocolwijzer.imaging import RefusedFile, inspect
    from protocolwijzer.imaging.files import sniff

    name = _shown_name(file.name)
    label = str(EVIDENCE_LABEL)
    limit = video_limit()
    if file.size is None or file.size > limit:
        raise _refused(evidence_too_large(name), field)
    source = upload_source(file, limit)
    if sniff(_head(source)) is None and _size(source):
        # Not a format of any media we know (a program named .png): say what evidence
        # accepts, not the media pipeline's list, which names sound formats too.
        raise _refused(_("%(field)s: “%(name)s” is not a file we accept as evidence: send "
                         "a screenshot or photo (JPEG, PNG, WebP or HEIC) or a video (MP4 "
                         "or MOV).") % {"field": label, "name": name}, field)
    try:
        media = inspect(source, max_bytes=limit)
    except RefusedFile as refusal:
        raise _refused(_("%(field)s: “%(name)s” was not accepted: %(problem)s")
                       % {"field": label, "name": name, "problem": refusal.message},
                       field) from None
    if media.kind == "sound" or media.format.upper() not in EXTENSIONS:
        raise _refused(_("%(field)s: “%(name)s” is a sound recording; send a screenshot "
                         "(JPEG, PNG, WebP or HEIC) or a video (MP4 or MOV).")
                       % {"field": label, "name": name}, field)
    if media.kind == "photo" and file.size > photo_limit():
        raise _refused(_("%(field)s: “%(name)s” is too large: a screenshot may be at most "
                         "%(limit)s.") % {"field": label, "name": name,
                                          "limit": _size_text(photo_limit())}, field)
    return Inspected(file, media, source)


def _head(source: bytes | Path) -> bytes:
    if isinstance(source, bytes):
        return source[:512]
    with source.open("rb") as handle:
        return handle.read(512)


def _sha256(source: bytes | Path) -> str:
    if isinstance(source, bytes):
        return hashlib.sha256(source).hexdigest()
    digest = hashlib.sha256()
    with source.open("rb") as handle:
        for chunk in iter(lambda: handle.read(64 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _size(source: bytes | Path) -> int:
    return len(source) if isinstance(source, bytes) else source.stat().st_size


@contextlib.contextmanager
def _as_path(source: bytes | Path, suffix: str) -> Iterator[Path]:
    if isinstance(source, Path):
        yield source
        return
    with tempfile.TemporaryDirectory(prefix="pw-evidence-") as directory:
        path = Path(directory) / f"source{suffix}"
        path.write_bytes(source)
        yield path


def viewing_copy(media: Media, source: bytes | Path) -> tuple[bytes, str]:
    """A copy for the handler's eyes without the file's metadata (a phone's location, its
    owner's name, the editing app), and its extension. A photo is rebuilt from its pixels
    as a JPEG; a video's streams are copied into a new container without any metadata or
    chapters (nothing is decoded, so a long video costs seconds)."""
    from protocolwijzer.imaging import clean_photo, load_photo
    from protocolwijzer.imaging.files import ffmpeg_exe, input_args

    if media.kind == "photo":
        return clean_photo(load_photo(source)), "jpg"
    container = "mov" if media.format.upper() == "MOV" else "mp4"
    with _as_path(source, f".{container}") as path, \
            tempfile.TemporaryDirectory(prefix="pw-evidence-") as directory:
        out = Path(directory) / f"view.{container}"
        command = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                   *input_args(path, media.format.upper()),
                   "-map", "0:v:0", "-map", "0:a:0?", "-c", "copy",
                   "-map_metadata", "-1", "-map_metadata:s", "-1", "-map_chapters", "-1",
                   "-fflags", "+bitexact", "-movflags", "+faststart", "-f", container,
                   str(out)]
        result = subprocess.run(command, capture_output=True, timeout=300,  # nosec B603
                                check=False)
        if result.returncode != 0 or not out.exists():
            raise _refused(_("%(field)s: this video cannot be read; send it again as an MP4 "
                             "file.") % {"field": str(EVIDENCE_LABEL)})
        return out.read_bytes(), container


def _name(report: Report, what: str, extension: str) -> str:
    """A fresh name in the report's folder; never the uploader's file name."""
    return (f"{EVIDENCE_FOLDER}/{report.school_id}/{report.reference}/"
            f"{what}-{secrets.token_hex(8)}.{extension}")


def store_evidence(report: Report, file: UploadedFile | Inspected, *,
                   field: str = EVIDENCE_FIELD, written: list[str] | None = None) -> Evidence:
    """Stores one evidence file with ``report``: checked by content (a refused file raises
    a ``ValidationError`` on ``field`` and stores nothing), hashed on arrival, the original
    kept byte for byte, and a viewing copy without metadata beside it. ``written``
    collects the stored names, so that a caller whose transaction fails removes them."""
    inspected = file if isinstance(file, Inspected) else inspect_evidence(file, field=field)
    media, source = inspected.media, inspected.source
    view, view_extension = viewing_copy(media, source)  # before anything is written
    digest = _sha256(source)
    names: list[str] = []
    try:
        names.append(storage.write(_name(report, "original",
                                         EXTENSIONS[media.format.upper()]), source))
        names.append(storage.write(_name(report, "view", view_extension), view))
        evidence = Evidence.objects.create(
            report=report, case=report.case, name=names[0], view_name=names[1],
            original_name=_shown_name(inspected.file.name)[:255],
            kind="image" if media.kind == "photo" else "video",
            format=media.format.upper(), size=_size(source), sha256=digest)
    except BaseException:
        storage.delete(*names)
        raise
    if written is not None:
        written.extend(names)
    return evidence


# -- the report --------------------------------------------------------------------------------

def _clean_text(value: str, limit: int) -> str:
    return (value or "").strip()[:limit]


def _validate(school: School, *, description: str, platform: str,
              happened_on: datetime.date | None, involved: Sequence[Person],
              files: Sequence[Any]) -> None:
    errors: dict[str, list[str]] = {}
    if not description.strip():
        errors["description"] = [_("Write what happened.")]
    if platform and platform not in KNOWN_CHANNELS:
        errors["platform"] = [_("Choose where it happened from the list.")]
    if happened_on is not None and happened_on > timezone.localdate():
        errors["happened_on"] = [_("This date is in the future.")]
    if any(person.school_id != school.pk for person in involved):
        errors["involved"] = [_("Choose only people of this school.")]
    if len(files) > MAX_EVIDENCE_FILES:
        errors[EVIDENCE_FIELD] = [_("%(field)s: send at most %(limit)s files.")
                                  % {"field": str(EVIDENCE_LABEL),
                                     "limit": MAX_EVIDENCE_FILES}]
    if errors:
        raise ValidationError(errors)


def do_report(school: School, *, by: Person | None, channel: str, description: str,
              platform: str = "", happened_on: datetime.date | None = None, link: str = "",
              involved: Iterable[Person] = (), involved_described: str = "",
              files: Sequence[UploadedFile] = (), anonymous: bool = False,
              contact_email: str = "", ip: str | None = None) -> tuple[Report, str]:
    """Stores a report and opens its case; returns the report and the status secret to
    show once ("" for a signed-in reporter, who follows it with their account).

    ``channel`` is one of ``Report.Channel``. ``anonymous`` is for a pupil: the report goes
    to the aanspreekpunt pesten and stores no reporter, no people chosen from a list and
    no IP address (``ip`` is dropped). Every file is checked before anything is stored: a
    refused one raises a ``ValidationError`` naming the field, and nothing is kept.
    """
    involved = list(involved)
    if anonymous:
        if by is None or by.role != Person.Role.LEERLING or channel != Report.Channel.ACCOUNT:
            raise ValidationError(_("Only a pupil can report anonymously to the "
                                    "aanspreekpunt pesten."))
        channel, reporter, involved, ip = Report.Channel.ANONYMOUS, None, [], None
    elif channel == Report.Channel.PUBLIC:
        reporter = None
        involved = []
    else:
        if by is None:
            raise ValidationError(_("A report through an account or a parent's link has a "
                                    "reporter."))
        reporter = by
    description = _clean_text(description, 10_000)
    _validate(school, description=description, platform=platform, happened_on=happened_on,
              involved=involved, files=files)
    inspected = [inspect_evidence(file) for file in files]  # nothing is stored yet
    secret, secret_hash = "", ""
    if reporter is None or reporter.user_id is None:
        secret, secret_hash = Report.new_status_secret()
    written: list[str] = []
    user = reporter.user if reporter is not None and reporter.user_id else None
    try:
        with transaction.atomic():
            report = Report.objects.create(
                school=school, channel=channel, reporter=reporter,
                status_secret_hash=secret_hash,
                contact_email=contact_email.strip() if channel == Report.Channel.PUBLIC
                else "", platform=platform, happened_on=happened_on,
                description=description, link=link.strip(),
                involved_described=_clean_text(involved_described, 2_000),
                to_aanspreekpunt=anonymous)
            if involved:
                report.involved.set(involved)
            for item in inspected:
                store_evidence(report, item, written=written)
            detail: dict[str, Any] = {"report": report.reference, "channel": channel,
                                      "files": len(inspected)}
            if reporter is not None and user is None:
                detail["person"] = reporter.pk  # a parent through their link
            # Anonymous: no actor, no IP; the event says only that a report came in.
            do_record("report_made", actor=user, school=school, target=report,
                      detail=detail, ip=ip if channel != Report.Channel.ANONYMOUS else None)
            do_open_case(report, user)
    except BaseException:
        storage.delete(*written)
        raise
    return report, secret


# -- the reporter's view: status only ----------------------------------------------------------

@dataclass(frozen=True)
class ReportStatus:
    """What a reporter may know about their own report: nothing of the case."""

    reference: str
    created_at: datetime.datetime
    state: str  # received | in_progress | closed
    label: str
    closed_on: datetime.date | None


STATE_LABELS = {
    "received": gettext_lazy("Received: it will be looked at soon."),
    "in_progress": gettext_lazy("Being handled."),
    "closed": gettext_lazy("Handled."),
}


def status_of(report: Report) -> ReportStatus:
    case = report.case
    if case is None or case.status == case.Status.NEW:
        state = "received"
    elif case.status == case.Status.CLOSED:
        state = "closed"
    else:
        state = "in_progress"
    closed_on = (timezone.localdate(case.closed_at)
                 if case is not None and case.closed_at is not None else None)
    return ReportStatus(report.reference, report.created_at, state,
                        str(STATE_LABELS[state]), closed_on)


# -- the public form's guards ------------------------------------------------------------------

#: Leading zero bits the page's script must find: about 65,000 SHA-256 hashes on
#: average, a second or two in a phone's browser, and a cost for anyone sending thousands.
POW_BITS = 16
#: A challenge is good for this long, and once.
POW_MAX_AGE = 2 * 3600
#: Nobody describes an incident in less time than this: a faster post is a script.
MIN_FILL_SECONDS = 5
POW_SALT = "protocolwijzer.incidents.public-report"


def make_challenge(school: School, *, issued_at: float | None = None) -> str:
    """A challenge for the public form of ``school``, signed by the server (so the script
    cannot choose an easy one) and carrying when it was issued (for the minimum delay)."""
    return signing.dumps({"s": school.pk, "n": secrets.token_hex(8), "b": POW_BITS,
                          "t": int(issued_at if issued_at is not None else time.time())},
                         salt=POW_SALT)


def leading_zero_bits(digest: bytes) -> int:
    bits = 0
    for byte in digest:
        if byte == 0:
            bits += 8
            continue
        return bits + 8 - byte.bit_length()
    return bits


def solve(challenge: str, bits: int = POW_BITS) -> str:
    """What the page's script computes (for the command line and the tests)."""
    counter = 0
    while leading_zero_bits(hashlib.sha256(f"{challenge}:{counter}".encode()).digest()) < bits:
        counter += 1
    return str(counter)


def verify_proof_of_work(school: School, challenge: str, solution: str, *,
                         now: float | None = None) -> str:
    """"" when the proof of work is good, else the sentence to show. A good challenge is
    used up: the same one cannot be sent twice."""
    now = now if now is not None else time.time()
    missing = _("The form was sent without the small calculation your browser makes to show "
                "it is not a robot. Turn on JavaScript, wait until the button says the form "
                "is ready, and send it again.")
    if not challenge or not solution:
        return missing
    try:
        data = signing.loads(challenge, salt=POW_SALT, max_age=POW_MAX_AGE)
    except signing.BadSignature:
        return _("The form has expired. Reload the page and send it again.")
    if data.get("s") != school.pk or not solution.isdigit() or len(solution) > 20:
        return missing
    digest = hashlib.sha256(f"{challenge}:{solution}".encode()).digest()
    if leading_zero_bits(digest) < int(data.get("b", POW_BITS)):
        return missing
    if now - float(data.get("t", now)) < MIN_FILL_SECONDS:
        return _("The form was sent very quickly. Check what you wrote and send it again.")
    if not cache.add(f"pw:pow:{hashlib.sha256(challenge.encode()).hexdigest()}", 1,
                     timeout=POW_MAX_AGE + 60):
        return _("This form was already sent. Reload the page to send another report.")
    return ""


def address_key(ip: str | None) -> str:
    """An IP address as a keyed hash: the counters never hold the address itself."""
    return hmac.new(settings.SECRET_KEY.encode(), (ip or "").encode(),
                    hashlib.sha256).hexdigest()


def is_over_rate_limit(school: School, ip: str | None) -> int:
    """Counts one public report attempt; 0 while within the limits (per address and per
    school), else the seconds to wait."""
    hour = datetime.timedelta(hours=1)
    per_address = count_and_check(
        Limit("public_report_address", int(settings.PW_PUBLIC_REPORTS_PER_HOUR), hour),
        f"{school.pk}:{address_key(ip)}")
    per_school = count_and_check(
        Limit("public_report_school", int(settings.PW_PUBLIC_REPORTS_PER_SCHOOL_PER_HOUR),
              hour), str(school.pk))
    return max(per_address, per_school)
