"""Dossiers (issue 15): the entries a case made about a person, their export as PDF, the
person's own copy (AVG art. 15) and the retention purge.

A measure recorded in a case makes a ``DossierEntry`` in the person's personeelsdossier
(staff) or leerlingendossier (pupils and parents; ``actions.dossier_file_for``). Here
they are read back:

- ``dossier_lines(person, for_subject=...)``: each entry as the page and the PDF show it:
  its date, the articles quoted verbatim from the protocol version the case was judged
  under, the measure, who decided and when, and why;
- ``dossier_pdf(person, for_subject=...)``: the export. With ``for_subject`` it is the copy
  for the person concerned (or a pupil's parent), AVG art. 15: art. 15(4) says the copy
  must not harm the rights of others, so every other person's name and details are left
  out: the decider is named by their role, and names, phone numbers, e-mail and postal
  addresses in the free text are replaced (``dossier_redaction.Redactor``);
- ``do_export_dossier``: the one way out, audited (``dossier_exported``);
- ``do_purge_dossiers(now)``: entries of people who left longer ago than their school's
  ``IncidentSettings.retention_years`` go, with one audited count per school
  (``dossier_retention.py``).

The door is ``dossier_person_for(user, person_id, own=...)``: the school's copy for
schoolleiding of the person's school and for the handler of a case about the person; the
person's own copy for the person themselves and a parent for their child. Anyone else gets
a 404, as if the person had no dossier, and the refusal is audited.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from protocolwijzer.audit.actions import do_record
from protocolwijzer.engine.protocol import Protocol, localize
from protocolwijzer.incidents.access import is_schoolleiding_of
from protocolwijzer.incidents.actions import protocol_judged_under
from protocolwijzer.incidents.dossier_redaction import LEFT_OUT, Redactor
from protocolwijzer.incidents.dossier_retention import do_purge_dossiers, dossier_purge_counts
from protocolwijzer.incidents.models import Case, DossierEntry
from protocolwijzer.pdf import fonts, numbered_canvas
from protocolwijzer.schools.models import Person, School
from protocolwijzer.schools.policy import Membership, membership_for

R = Person.Role
User = AbstractBaseUser | AnonymousUser


def entries_for(person: Person) -> QuerySet[DossierEntry]:
    """Every dossier entry about ``person``, oldest first, with what the export shows."""
    return (DossierEntry.objects.filter(person=person)
            .select_related("school", "case", "measure", "measure__decided_by", "created_by")
            .order_by("created_at", "pk"))


# --- the door --------------------------------------------------------------------------

def _is_handling_a_case_about(membership: Membership, person: Person) -> bool:
    """Whether the user handles a case in which ``person``'s behaviour is judged or for
    whom a measure was recorded (not a witness's or a target's: they have no entries)."""
    me = membership.person
    if me is None or membership.role == "beheerder":
        return False
    return Case.objects.filter(
        Q(people__person=person, people__part="subject") | Q(measures__person=person),
        handler=me, school_id=person.school_id).exists()


def own_dossier_people(user: User) -> list[Person]:
    """Whose own copy this user may ask for: themselves and, for a parent, their
    children at the school (AVG art. 15; a parent exercises it for their child)."""
    membership = membership_for(user)
    me = membership.person if membership is not None else None
    if me is None or membership is None or membership.role == "beheerder":
        return []
    people = [me]
    if me.role == R.OUDER:
        people += list(me.children.filter(school_id=me.school_id)
                       .order_by("last_name", "first_name"))
    return people


def may_open_dossier(user: User, person: Person) -> bool:
    """The school's copy: schoolleiding of the person's school, or the handler of a case
    about them (a beheerder of the board manages schools, not pupils' files)."""
    membership = membership_for(user)
    if membership is None:
        return False
    return (is_schoolleiding_of(membership, person.school_id)
            or _is_handling_a_case_about(membership, person))


def dossier_person_for(user: User, person_id: int, *, own: bool = False) -> Person:
    """The person whose dossier this user may see (``own``: the copy for the person
    concerned); 404, audited as ``dossier_refused``, for anyone else."""
    person = (Person.objects.select_related("school", "group").filter(pk=person_id)
              .first())
    if person is not None:
        if own and any(p.pk == person.pk for p in own_dossier_people(user)):
            return person
        if not own and may_open_dossier(user, person):
            return person
    do_record("dossier_refused", actor=user if user.is_authenticated else None,
              school=person.school_id if person is not None else None,
              detail={"person": person_id, "copy": "subject" if own else "school"})
    raise Http404(_("There is no such dossier."))


def do_read_dossier(person: Person, *, for_subject: bool, by: User) -> list[DossierLine]:
    """The entries as a page shows them; every read is audited."""
    lines = dossier_lines(person, for_subject=for_subject)
    do_record("dossier_read", actor=by, school=person.school_id, target=person,
              detail={"person": person.pk, "entries": len(lines),
                      "copy": "subject" if for_subject else "school"})
    return lines


# --- what an entry shows -------------------------------------------------------------------

@dataclass(frozen=True)
class QuotedArticle:
    id: str
    title: str
    text: str  # verbatim from the protocol file ("" when the version is gone)


@dataclass(frozen=True)
class DossierLine:
    """One entry as the page and the PDF show it."""

    pk: int
    file: str  # the file's name: personeelsdossier or leerlingendossier
    day: datetime.date  # when the entry was made
    case_id: int | None  # None in the copy for the person concerned
    broken: list[QuotedArticle]  # the articles found broken in the case
    basis: QuotedArticle | None  # the article the measure rests on (sancties.B.1)
    measure: str
    decided_by: str  # a name, or in the copy for the person concerned their role
    decided_on: datetime.date | None
    reason: str
    note: str  # the entry's own text, for an entry without a measure


def _current_protocol(school: School) -> Protocol | None:
    version = school.protocol
    return version.engine_protocol() if version is not None else None


def _quote(protocol: Protocol | None, article_id: str) -> QuotedArticle:
    article = protocol.articles.get(article_id) if protocol is not None else None
    if article is None:
        return QuotedArticle(article_id, "", "")
    return QuotedArticle(article_id, localize(article.title), article.text)


def _role_name(person: Person | None) -> str:
    return str(person.get_role_display()) if person is not None else ""


def dossier_lines(person: Person, *, for_subject: bool,
                  entries: Iterable[DossierEntry] | None = None) -> list[DossierLine]:
    """The entries about ``person`` as shown (see the module's docstring)."""
    entries = list(entries_for(person) if entries is None else entries)
    redact = Redactor.for_subject(person) if for_subject else None
    protocols: dict[int | None, Protocol | None] = {}
    lines = []
    for entry in entries:
        case = entry.case
        key = case.pk if case is not None else None
        if key not in protocols:
            # An entry without a case quotes the school's current protocol.
            protocols[key] = (protocol_judged_under(case) if case is not None else
                              _current_protocol(entry.school))
        protocol = protocols[key]
        measure = entry.measure
        broken = list(measure.articles if measure is not None else
                      (case.articles if case is not None else []))
        decider = measure.decided_by if measure is not None else entry.created_by
        if for_subject:
            decided_by = _role_name(decider)
        else:
            decided_by = (_("%(name)s (%(role)s)") % {"name": decider.full_name,
                                                     "role": _role_name(decider)}
                          if decider is not None else "")
        reason = measure.reason if measure is not None else ""
        # The entry's text repeats a measure's fields (and names the decider): it is shown
        # only for an entry that has no measure.
        note = "" if measure is not None else entry.text
        if redact is not None:
            reason, note = redact(reason), redact(note)
        lines.append(DossierLine(
            pk=entry.pk, file=str(entry.get_file_display()),
            day=timezone.localdate(entry.created_at),
            case_id=None if for_subject else key,
            broken=[_quote(protocol, a) for a in broken],
            basis=_quote(protocol, entry.article) if entry.article else None,
            measure=measure.measure if measure is not None else "",
            decided_by=decided_by,
            decided_on=measure.decided_on if measure is not None else None,
            reason=reason, note=note))
    return lines


# --- the PDF ---------------------------------------------------------------------------

FONT_SIZE = 9.5


def dossier_title(person: Person, lines: Sequence[DossierLine]) -> str:
    files = {line.file for line in lines}
    if len(files) == 1:
        file = files.pop()
    elif person.role in (R.LEERLING, R.OUDER):
        file = str(DossierEntry.File.LEERLINGENDOSSIER.label)
    else:
        file = str(DossierEntry.File.PERSONEELSDOSSIER.label)
    return _("%(file)s of %(name)s") % {"file": file.capitalize(), "name": person.full_name}


def dossier_filename(person: Person, *, for_subject: bool) -> str:
    stem = "".join(c if c.isalnum() else "-" for c in person.full_name).strip("-")
    kind = "mijn-dossier" if for_subject else "dossier"
    return f"{kind}-{stem}.pdf"


def _day(day: datetime.date) -> str:
    return formats.date_format(day, "j F Y")


def dossier_pdf(person: Person, *, for_subject: bool,
                today: datetime.date | None = None) -> bytes:
    """The dossier of ``person`` on A4: the school, the person, and every entry with its
    date, the articles quoted from the protocol file, the measure, who decided and why.
    ``for_subject``: the copy for the person concerned, without other people's data."""
    lines = dossier_lines(person, for_subject=for_subject)
    return render_dossier_pdf(person, lines, for_subject=for_subject,
                              today=today or timezone.localdate())


def render_dossier_pdf(person: Person, lines: Sequence[DossierLine], *, for_subject: bool,
                       today: datetime.date) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )
    from reportlab.platypus.flowables import Flowable

    font, bold = fonts()
    margin = 18 * mm
    text = ParagraphStyle("pw-text", fontName=font, fontSize=FONT_SIZE, leading=12.5)
    label = ParagraphStyle("pw-label", parent=text, fontName=bold)
    title = ParagraphStyle("pw-title", parent=text, fontName=bold, fontSize=16, leading=20)
    heading = ParagraphStyle("pw-heading", parent=text, fontName=bold, fontSize=11.5,
                             leading=15, spaceBefore=4)
    quote = ParagraphStyle("pw-quote", parent=text, leftIndent=4 * mm, textColor=colors.HexColor(
        "#334155"))

    def p(value: str, style: ParagraphStyle = text) -> Paragraph:
        return Paragraph(escape(value).replace("\n", "<br/>"), style)

    def quoted(article: QuotedArticle) -> list[Flowable]:
        head = article.id + (f" · {article.title}" if article.title else "")
        parts: list[Flowable] = [p(head, label)]
        if article.text:
            parts.append(p(f"“{article.text}”", quote))
        return parts

    heading_title = dossier_title(person, lines)
    facts = [[p(_("School"), label), p(person.school.name)],
             [p(_("Person"), label), p(f"{person.full_name} ({_role_name(person)})")]]
    if person.group is not None and person.role == R.LEERLING:
        facts.append([p(_("Group"), label), p(person.group.name)])
    facts.append([p(_("Printed on"), label), p(_day(today))])
    story: list[Flowable] = [p(heading_title, title), Spacer(1, 3 * mm)]
    fact_table = Table(facts, colWidths=[32 * mm, None], hAlign="LEFT")
    fact_table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    story += [fact_table, Spacer(1, 4 * mm)]
    if for_subject:
        story += [p(_("Copy for the person concerned (AVG art. 15). Other people's names "
                      "and details are left out (shown as %(mark)s); who decided is named "
                      "by their role.") % {"mark": LEFT_OUT}, quote), Spacer(1, 4 * mm)]

    width = A4[0] - 2 * margin
    for number, line in enumerate(lines, start=1):
        rows: list[list[Any]] = []
        if line.broken:
            rows.append([p(_("Articles broken"), label),
                         [part for a in line.broken for part in quoted(a)]])
        if line.basis is not None:
            rows.append([p(_("Consequence under"), label), quoted(line.basis)])
        if line.measure:
            rows.append([p(_("Measure"), label), p(line.measure, label)])
        if line.decided_by:
            rows.append([p(_("Decided by"), label), p(line.decided_by)])
        if line.decided_on is not None:
            rows.append([p(_("Decided on"), label), p(_day(line.decided_on))])
        if line.reason:
            rows.append([p(_("Reason"), label), p(line.reason)])
        if line.note:
            rows.append([p(_("Note"), label), p(line.note)])
        if line.case_id is not None:
            rows.append([p(_("Case"), label), p(f"#{line.case_id}")])
        entry_head = _("Entry %(number)s · %(date)s · %(file)s") % {
            "number": number, "date": _day(line.day), "file": line.file}
        table = Table(rows, colWidths=[36 * mm, width - 36 * mm])
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEABOVE", (0, 0), (-1, 0), 0.8, colors.HexColor("#334155")),
            ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#cbd5e1")),
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 2)]))
        story += [KeepTogether([p(entry_head, heading), table]), Spacer(1, 5 * mm)]
    if not lines:
        story.append(p(_("There are no entries in this dossier.")))

    footer = _("%(school)s · %(name)s · Confidential: contains personal data.") % {
        "school": person.school.name, "name": person.full_name}
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=margin, rightMargin=margin,
                            topMargin=margin, bottomMargin=margin + 4 * mm,
                            title=heading_title, author=person.school.name)
    doc.build(story, canvasmaker=numbered_canvas(font, footer, margin))
    return buffer.getvalue()


def do_export_dossier(person: Person, *, for_subject: bool, by: User) -> bytes:
    """The PDF, written to the audit log (who exported whose dossier, which copy, how
    many entries; never their content)."""
    lines = dossier_lines(person, for_subject=for_subject)
    do_record("dossier_exported", actor=by, school=person.school_id, target=person,
              detail={"person": person.pk, "entries": len(lines),
                      "copy": "subject" if for_subject else "school"})
    return render_dossier_pdf(person, lines, for_subject=for_subject,
                              today=timezone.localdate())


__all__ = ["do_export_dossier", "do_purge_dossiers", "dossier_lines", "dossier_pdf",
           "dossier_person_for", "dossier_purge_counts", "entries_for", "own_dossier_people"]
