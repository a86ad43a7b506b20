from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping
from pathlib import Path, PurePath
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from protocolwijzer.audit.actions import do_record
from protocolwijzer.engine.errors import ProtocolError
from protocolwijzer.engine.protocol import (
    Protocol,
    builtin_protocol_paths,
    load_protocol,
    load_protocol_text,
)
from protocolwijzer.protocols.importing import ImportResult, import_document, protocol_text
from protocolwijzer.protocols.importing.review import CONFIRM, DROP, LATER, apply_review
from protocolwijzer.protocols.models import (
    Acknowledgement,
    Adoption,
    Article,
    ProtocolVersion,
)
from protocolwijzer.schools.models import Person, School

# The audit log's action for an acknowledgement (its field takes codes it does not list).
ACKNOWLEDGED = "protocol_acknowledged"


def do_import_protocol(path_or_text: str | bytes | os.PathLike[str], *,
                       builtin: bool = False) -> ProtocolVersion:
    """Stores a protocol file as a version and returns it.

    A path (``pathlib.Path`` or another ``os.PathLike``) is read from disk; a ``str`` or
    ``bytes`` is the YAML text itself. The file is parsed and validated completely before
    anything is written, so a broken file raises ``ProtocolError`` and changes nothing.
    Importing a text that is already stored returns the stored version (the text's SHA-256
    identifies it) and creates nothing, so importing is safe to repeat; at most it marks the
    version built-in when the same text turns out to ship with Protocolwijzer.
    """
    if isinstance(path_or_text, os.PathLike):
        protocol = load_protocol(Path(path_or_text))
    else:
        protocol = load_protocol_text(path_or_text)
    with transaction.atomic():
        version, created = ProtocolVersion.objects.get_or_create(
            protocol_id=protocol.id, sha256=protocol.sha256,
            defaults={"version": protocol.version, "title": protocol.title,
                      "organisation": protocol.organisation,
                      "source_yaml": protocol.source_text, "is_builtin": builtin})
        if created:
            Article.objects.bulk_create(_articles(version, protocol))
        elif builtin and not version.is_builtin:
            version.is_builtin = True
            version.save(update_fields=["is_builtin"])
    return version


def do_load_builtin_protocols() -> list[ProtocolVersion]:
    """Imports every protocol that ships with Protocolwijzer; safe to repeat."""
    return [do_import_protocol(path, builtin=True) for path in builtin_protocol_paths().values()]


def do_acknowledge(person: Person, version: ProtocolVersion) -> Acknowledgement:
    """Records that ``person`` has read ``version``; returns the (first) acknowledgement.

    Idempotent: acknowledging again keeps the first date, because that is when the person
    said they had read it. Only the version in force at the person's own school can be
    acknowledged (a ValidationError otherwise): a page that was opened before the school
    switched versions must not let someone confirm a text they have not seen. The first
    acknowledgement is written to the school's audit log.
    """
    with transaction.atomic():
        in_force = (Person.objects.filter(pk=person.pk)
                    .values_list("school__protocol_id", flat=True).first())
        if in_force != version.pk:
            raise ValidationError(_("This is not the protocol version in force at your "
                                    "school."), code="not_in_force")
        acknowledgement, created = Acknowledgement.objects.get_or_create(
            person=person, protocol_version=version)
        if created:
            detail = {"protocol": version.protocol_id, "version": version.version}
            if person.user is None:  # a parent from their guardian link: say who
                detail["guardian"] = person.pk
            do_record(ACKNOWLEDGED, actor=person.user, school=person.school_id,
                      target=acknowledgement, detail=detail)
    return acknowledgement


def _articles(version: ProtocolVersion, protocol: Protocol) -> list[Article]:
    articles = []
    for section in protocol.sections:
        for article in section.articles:
            summary = article.summary
            if isinstance(summary, str) or summary is None:
                summary_nl, summary_en = summary or "", ""
            else:
                summary_nl, summary_en = summary.get("nl", ""), summary.get("en", "")
            articles.append(Article(
                protocol_version=version, article_id=article.id, section_id=section.id,
                section_title=section.title or "", kind=article.kind, text=article.text,
                summary_nl=summary_nl, summary_en=summary_en, order=article.order))
    return articles


# --- Importing a school's own protocol document (issue 16) ---------------------------------

# The audit log's actions for an import (its field takes codes it does not list).
DOCUMENT_IMPORTED = "protocol_document_imported"
IMPORT_SAVED = "protocol_import_saved"


def do_read_protocol_document(school: School, data: bytes, filename: str, *,
                              by: AbstractBaseUser) -> ImportResult:
    """Reads a school's own protocol document into a proposed protocol file (the same import
    as ``protocolwijzer protocols import``), for a person to review; stores nothing but the
    audit event. Raises ``DocumentError`` for a file that cannot be imported, and then
    records nothing at all."""
    name = PurePath(filename).name or "protocol.txt"
    result = import_document(data, name, protocol_id=school_protocol_id(school),
                             organisation=school.name)
    do_record(DOCUMENT_IMPORTED, actor=by, school=school,
              detail={"file": name[:120], "articles": len(result.outline.articles()),
                      "proposals": sum(1 for match in result.matches if match is not None)})
    return result


def do_save_imported_protocol(school: School, protocol: Mapping[str, Any], *, filename: str,
                              decisions: Mapping[str, str], renames: Mapping[str, str],
                              by: AbstractBaseUser) -> Adoption:
    """Makes a concept of the school's protocol from a reviewed import: each proposal
    confirmed, dropped or left as a proposal (``decisions``, by imported article id) and
    articles renamed (``renames``), see ``importing.review``. Raises a ValidationError on
    ``source_yaml`` naming the field of a file the engine refuses; nothing is stored then."""
    # Imported here: the lifecycle builds on this module (do_import_protocol).
    from protocolwijzer.protocols.lifecycle import do_create_concept

    reviewed = apply_review(protocol, decisions, renames)
    try:
        text = protocol_text(reviewed, filename)
    except ProtocolError as exc:
        raise ValidationError({"source_yaml": [p.format() for p in exc.problems]},
                              code="invalid_protocol") from None
    counts = Counter(decisions.values())
    with transaction.atomic():
        adoption = do_create_concept(school, text, by=by)
        do_record(IMPORT_SAVED, actor=by, school=school, target=adoption,
                  detail={"adoption": adoption.pk, "file": filename[:120],
                          "confirmed": counts[CONFIRM], "dropped": counts[DROP],
                          "later": counts[LATER]})
    return adoption


def school_protocol_id(school: School) -> str:
    """The protocol id of a school's own protocol: its name as a slug (the import would take
    the file's name, which two schools may share)."""
    slug = slugify(school.name)[:70].strip("-")
    return slug if len(slug) >= 2 else f"school-{school.pk}"
