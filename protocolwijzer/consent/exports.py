"""Downloads of the register: the class list as PDF and XLSX (Willibrord A.10's "actuele
lijst", for the teacher's folder and for print), and a person's own register data as JSON
(AVG art. 15 right of access and art. 20 data portability).

The renderers are pure: the views load what may be shown through the access functions
and hand it over. Only the personal download reads the database here, through
``own_register_subjects`` (its door; it moves to consent/access.py once that exists).
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from protocolwijzer.consent.guardian import SHOWN_TEXTS, shown_to_guardian
from protocolwijzer.consent.lists import ClassList
from protocolwijzer.consent.models import Decision, Purpose
from protocolwijzer.consent.register import Status, disagreement_rule, status
from protocolwijzer.formulas import starts_like_formula
from protocolwijzer.pdf import fonts, numbered_canvas
from protocolwijzer.schools.access import require_membership
from protocolwijzer.schools.models import Group, Person

# The markers the PDF and XLSX add to ja/nee; explained in each file's legend.
NO_ANSWER_MARK = "?"
DISAGREE_MARK = "!"
ASK_STUDENT_MARK = "16+"


def cell_text(state: Status) -> str:
    """"ja" or "nee" for whether the student may appear, with the no-answer and
    disagreement markers."""
    text = pgettext("may appear", "yes") if state.may_appear else pgettext("may appear", "no")
    if state.state == "unknown":
        text += f" {NO_ANSWER_MARK}"
    if state.disagreement:
        text += f" {DISAGREE_MARK}"
    return text


def student_label(row: Any) -> str:
    name = row.student.full_name
    return f"{name} ({ASK_STUDENT_MARK})" if row.needs_own_choice else name


def legend() -> list[str]:
    return [
        _("yes: may appear for this purpose; no: may not appear."),
        _("%(mark)s no answer: the school's rule for this purpose when nobody has "
          "answered decides.") % {"mark": NO_ANSWER_MARK},
        _("%(mark)s the parents or guardians disagree; the school's rule for "
          "disagreement decides.") % {"mark": DISAGREE_MARK},
        _("(%(mark)s) the student is 16 or older and has not decided yet: ask the student "
          "(AVG art. 8, UAVG art. 5).") % {"mark": ASK_STUDENT_MARK},
        _("This list is valid on the date above only: a parent or student can change a "
          "decision at any time."),
    ]


def list_title(group: Group) -> str:
    return _("Who may appear on photos: %(group)s") % {"group": group.name}


def list_subtitle(group: Group, day: datetime.date) -> str:
    return _("%(school)s, list of %(date)s") % {
        "school": group.school.name, "date": formats.date_format(day, "j F Y")}


def export_filename(group: Group, extension: str) -> str:
    stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in group.name)
    return f"toestemming-{stem}.{extension}"


# --- PDF -----------------------------------------------------------------------------

FONT_SIZE = 9
def class_list_pdf(group: Group, result: ClassList, day: datetime.date) -> bytes:
    """The class list on A4 landscape: one row per student, one column per purpose, the
    header row repeated on every page, a legend and page numbers."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
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
    page_size = landscape(A4)
    margin = 14 * mm
    text = ParagraphStyle("pw-text", fontName=font, fontSize=FONT_SIZE, leading=11.5)
    head = ParagraphStyle("pw-head", parent=text, fontName=bold)
    title = ParagraphStyle("pw-title", parent=text, fontName=bold, fontSize=15, leading=19)
    small = ParagraphStyle("pw-small", parent=text, fontSize=FONT_SIZE, leading=11)

    story: list[Flowable] = [
        Paragraph(escape(list_title(group)), title),
        Paragraph(escape(list_subtitle(group, day)), text),
        Spacer(1, 5 * mm),
    ]
    if result.rows:
        width = page_size[0] - 2 * margin
        # Dutch purpose names are long single words (Schoolwebsite, Nieuwsbrief): the name
        # column gives way so that a header never breaks inside a word.
        name_width = min(45 * mm, width * 0.25)
        purpose_width = (width - name_width) / max(1, len(result.purposes))
        # The header row is set in the regular weight on its grey band: bold DejaVu would
        # split "Schoolwebsite" at this width.
        data: list[list[Any]] = [[Paragraph(escape(_("Student")), text),
                                  *[Paragraph(escape(p.name), text) for p in result.purposes]]]
        style = [
            ("FONT", (0, 0), (-1, -1), font, FONT_SIZE),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (1, 1), (-1, -1), "CENTER"),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dfe6ee")),
            ("LINEBELOW", (0, 0), (-1, 0), 1, colors.HexColor("#334155")),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#94a3b8")),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        for r, row in enumerate(result.rows, start=1):
            data.append([Paragraph(escape(student_label(row)), text),
                         *[cell_text(s) for s in row.statuses]])
            for c, state in enumerate(row.statuses, start=1):
                if not state.may_appear:
                    # Grey, not red: the printed list is read in black and white too, where
                    # the word "nee" carries the meaning.
                    style.append(("BACKGROUND", (c, r), (c, r), colors.HexColor("#e5e7eb")))
                    style.append(("FONT", (c, r), (c, r), bold, FONT_SIZE))
        table = Table(data, colWidths=[name_width] + [purpose_width] * len(result.purposes),
                      repeatRows=1)
        table.setStyle(TableStyle(style))
        story.append(table)
    else:
        story.append(Paragraph(escape(_("There are no students in this group.")), text))
    story.append(Spacer(1, 5 * mm))
    story.append(KeepTogether([Paragraph(escape(_("Legend")), head),
                               *[Paragraph(escape(line), small) for line in legend()]]))

    footer_left = _("%(school)s · %(group)s · %(date)s · Contains personal data: do not "
                    "leave lying around, destroy after use.") % {
        "school": group.school.name, "group": group.name,
        "date": formats.date_format(day, "j F Y")}

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=page_size, leftMargin=margin, rightMargin=margin,
                            topMargin=margin, bottomMargin=margin + 4 * mm,
                            title=list_title(group), author=group.school.name)
    canvas_class = numbered_canvas(font, footer_left, margin)
    doc.build(story, canvasmaker=canvas_class)
    return buffer.getvalue()


# --- XLSX ----------------------------------------------------------------------------


def class_list_xlsx(group: Group, result: ClassList, day: datetime.date) -> bytes:
    """The class list as a workbook: the list on the first sheet (header in row 1, frozen,
    with a filter; printed landscape with the header on every page) and the title, date
    and legend on a second."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = safe_sheet_title(group.name)
    header = [_("Student"), *[p.name for p in result.purposes]]
    for column, value in enumerate(header, start=1):
        cell = _text(sheet, 1, column, value)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    grey = PatternFill("solid", fgColor="E5E7EB")
    for r, row in enumerate(result.rows, start=2):
        _text(sheet, r, 1, student_label(row))
        for c, state in enumerate(row.statuses, start=2):
            cell = _text(sheet, r, c, cell_text(state))
            if not state.may_appear:
                cell.fill = grey
                cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 34
    for column in range(2, len(header) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 16
    sheet.freeze_panes = "B2"
    if result.rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(result.rows) + 1}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.print_title_rows = "1:1"

    about = workbook.create_sheet(_("About this list"))
    _text(about, 1, 1, list_title(group)).font = Font(bold=True, size=14)
    _text(about, 2, 1, list_subtitle(group, day))
    _text(about, 4, 1, _("Legend")).font = Font(bold=True)
    for offset, line in enumerate(legend(), start=5):
        _text(about, offset, 1, line)
    about.column_dimensions["A"].width = 110

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def safe_sheet_title(name: str) -> str:
    cleaned = "".join("-" if c in "[]:*?/\\" else c for c in name).strip("'")
    return cleaned[:31] or "Lijst"


def _text(sheet: Any, row: int, column: int, value: str) -> Any:
    """Writes ``value`` as text. openpyxl makes any string starting with "=" a formula,
    so the type is set explicitly, and a quote prefix keeps the cell text when someone
    edits it in Excel; ``safe_cell`` is not used here because its apostrophe would show."""
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    cell.data_type = "s"
    if starts_like_formula(value):
        cell.quotePrefix = True
    return cell


# --- The register's data of one person (AVG art. 15 and 20) ---------------------------


User = AbstractBaseUser | AnonymousUser


def own_register_subjects(user: User) -> QuerySet[Person]:
    """The students whose register data ``user`` may download as their own: a parent's
    children, or a student themselves, including leavers whose data is still kept.

    Staff get 403: the register holds no data about them (their own actions are in the
    audit log, which the school answers an access request from), and their access to
    students' data goes through the class lists, not through a personal download.
    """
    membership = require_membership(user)
    person = membership.person
    if person is None or membership.role not in (Person.Role.OUDER, Person.Role.LEERLING):
        raise PermissionDenied(_("Only a parent or a student can download their own data "
                                 "from the consent register."))
    students = Person.objects.filter(role=Person.Role.LEERLING, school_id=person.school_id)
    if membership.role == Person.Role.OUDER:
        return students.filter(guardians=person).select_related("school")
    return students.filter(pk=person.pk).select_related("school")


def register_data(students: Iterable[Person], day: datetime.date,
                  requested_by: Person) -> dict[str, Any]:
    """What the register holds about ``students`` for ``requested_by``, as plain JSON-ready
    data.

    A student gets everything about themselves. A guardian gets their own decisions and,
    per purpose, their own choice and whether the school may use photos: never the other
    guardian's decisions or name, nor whether the guardians disagree (issue 10, point 12),
    the same as their page shows.
    """
    as_guardian = requested_by.role == Person.Role.OUDER
    out: dict[str, Any] = {
        "format": "protocolwijzer-consent-export/1",
        "exported_on": day.isoformat(),
        "requested_by": requested_by.full_name,
        "students": [],
    }
    for student in students:
        purposes = list(Purpose.objects.filter(school_id=student.school_id)
                        .order_by("order", "name"))
        decisions = list(Decision.objects.filter(student=student)
                         .select_related("purpose", "decided_by", "text")
                         .order_by("decided_at", "pk"))
        rule = disagreement_rule(student)
        record: dict[str, Any] = {
            "name": student.full_name,
            "school": student.school.name,
            "date_of_birth": student.date_of_birth.isoformat()
            if student.date_of_birth else None,
            "still_at_school": student.is_active,
            "left_on": student.left_on.isoformat() if student.left_on else None,
        }
        if as_guardian:
            # A guardian sees their own decisions only, never the other guardian's.
            mine = [d for d in decisions if d.decided_by_id == requested_by.pk]
            record["purposes"] = [_purpose_data_for_guardian(
                p, mine, status(student, p, day, decisions, rule)) for p in purposes]
            record["decisions"] = [_decision_data(d) for d in mine]
        else:
            record["purposes"] = [_purpose_data(p, status(student, p, day, decisions, rule))
                                  for p in purposes]
            record["decisions"] = [_decision_data(d) for d in decisions]
        out["students"].append(record)
    return out


def _purpose_header(purpose: Purpose) -> dict[str, Any]:
    return {
        "code": purpose.code,
        "name": purpose.name,
        "description": purpose.description,
        "in_use": purpose.is_active,
        "without_an_answer": purpose.get_silence_display(),
    }


def _purpose_data(purpose: Purpose, state: Status) -> dict[str, Any]:
    return {
        **_purpose_header(purpose),
        "current": {
            "state": state.state,
            "may_appear": state.may_appear,
            "decided_by": state.source,
            "student_should_decide": state.needs_student_choice,
            "guardians_disagree": state.disagreement,
        },
    }


def _purpose_data_for_guardian(purpose: Purpose, own: list[Decision],
                               state: Status) -> dict[str, Any]:
    own_choice = next((d.choice for d in reversed(own) if d.purpose_id == purpose.pk), "")
    shown = shown_to_guardian(own_choice, state, purpose)
    return {
        **_purpose_header(purpose),
        "current": {
            "your_choice": own_choice or None,
            # Unknown to a guardian who has not chosen where silence is no: whether the
            # school may publish would give the other guardian's choice away.
            "may_appear": None if shown == "none_not_yet" else state.may_appear,
            "explanation": str(SHOWN_TEXTS[shown]),
        },
    }


def _decision_data(decision: Decision) -> dict[str, Any]:
    return {
        "purpose": decision.purpose.code,
        "purpose_name": decision.purpose.name,
        "choice": decision.choice,
        "choice_label": decision.get_choice_display(),
        "decided_by": decision.decided_by.full_name if decision.decided_by else None,
        "how": decision.how,
        "how_label": decision.get_how_display(),
        "form_dated": decision.form_dated.isoformat() if decision.form_dated else None,
        "decided_at": decision.decided_at.isoformat(),
        "consent_text_version": decision.text.version if decision.text else None,
        "consent_text": decision.text.body if decision.text else None,
    }
