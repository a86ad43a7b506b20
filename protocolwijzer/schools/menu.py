"""The site menu: every page a person may use is one tap away, and nothing else is shown.

Which items appear depends on the rights of the membership the person acts in (through
``policy.py``, never a role compared here), so an MR member no longer meets "Geen toegang"
behind every link. A new page that people reach from the menu gets one line in ``MENU``;
pages about one object (a group, a person) are linked from the page that lists them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from protocolwijzer.schools.policy import (
    Membership,
    Right,
    has_own_consent_page,
    membership_for,
)

Shows = Callable[[Membership], bool]


def _has(right: Right) -> Shows:
    return lambda membership: membership.has(right)


def _always(_membership: Membership) -> bool:
    return True


def _handles_reports(membership: Membership) -> bool:
    # Schoolleiding, the aanspreekpunt pesten, and whoever handles a case (incidents).
    from protocolwijzer.incidents.access import may_see_case_list

    return may_see_case_list(membership)


def _reports(membership: Membership) -> bool:
    # Everyone of a school reports (issue 15): staff, pupils, parents, the MR.
    return membership.person is not None and membership.role != "beheerder"


def _asks_questions(membership: Membership) -> bool:
    # Staff ask their leidinggevende from a verdict, and read the answers there.
    from protocolwijzer.incidents.questions import may_have_questions

    return may_have_questions(membership)


@dataclass(frozen=True)
class MenuItem:
    label: Any  # a lazy translation
    url_name: str
    # The pages (URL names, or a prefix ending in "*") during which the item is current.
    current_on: tuple[str, ...]
    shows: Shows = _always
    # On the start page's tile, when the menu's short label says too little.
    tile_label: Any = None


# For signed-in people, in the order of the menu. The first item is where sign-in lands.
MENU: tuple[MenuItem, ...] = (
    MenuItem(_("My school"), "schools:my_school", ("schools:my_school", "schools:group",
                                                   "schools:person*", "schools:import*")),
    # The teacher on a trip: one tap from every page (issue 14).
    MenuItem(_("Not in the photo"), "consent:trip", ("consent:trip*", "consent:group_list"),
             _has(Right.VIEW_GROUPS), tile_label=_("Who may not be in the photo?")),
    MenuItem(_("Protocol"), "protocols:mine", ("protocols:mine",), _has(Right.READ_PROTOCOL)),
    # A pupil's own page about photos of them; from 16 they choose there (issue 14).
    MenuItem(_("Photos of me"), "consent:my_consent", ("consent:my_consent",),
             has_own_consent_page, tile_label=_("Photos of you: who decides")),
    MenuItem(_("Check"), "checks:check", ("checks:check",), _has(Right.RUN_CHECK)),
    # What was published with pupils on it, and what a withdrawal asks to take down.
    MenuItem(_("Publications"), "publications:list",
             ("publications:list", "publications:new", "publications:detail"),
             _has(Right.LOG_PUBLICATION)),
    MenuItem(_("Take down"), "publications:tasks", ("publications:task*",
                                                    "publications:settings"),
             _has(Right.MANAGE_TAKEDOWNS)),
    # Melden (issue 15): report a post, a message or behaviour; a pupil also anonymously.
    MenuItem(_("Report something"), "incidents:report",
             ("incidents:report", "incidents:report_anonymous", "incidents:report_status"),
             _reports, tile_label=_("Report something that is not OK")),
    # Twijfel: questions to and from the leidinggevende.
    MenuItem(_("Questions"), "incidents:questions", ("incidents:question*",),
             _asks_questions, tile_label=_("Questions to your leidinggevende")),
    # Reports and cases (issue 15): for those who handle them.
    MenuItem(_("Reports"), "incidents:cases", ("incidents:case*", "incidents:triage",
                                                "incidents:settings"), _handles_reports,
             tile_label=_("Reports and cases")),
    MenuItem(_("Who has read it"), "protocols:acknowledgements",
             ("protocols:acknowledgements",), _has(Right.VIEW_ACKNOWLEDGEMENTS)),
    MenuItem(_("Protocol versions"), "protocols:adoptions",
             ("protocols:adoption*", "protocols:edit"),
             lambda m: m.has(Right.MANAGE_PROTOCOL) or m.has(Right.REVIEW_PROTOCOL)),
    MenuItem(_("Figures"), "schools:figures", ("schools:figures",), _has(Right.VIEW_FIGURES)),
    MenuItem(_("Audit log"), "audit:log", ("audit:log",), _has(Right.VIEW_AUDIT_LOG)),
    MenuItem(_("All protocols"), "protocols:list", ("protocols:list", "protocols:detail")),
)

# Pages for everyone, which the start page does not offer as a task.
PUBLIC_PAGES = frozenset({"protocols:list", "schools:home", "accounts:login"})

# For visitors who are not signed in.
PUBLIC_MENU: tuple[MenuItem, ...] = (
    MenuItem(_("Schools"), "schools:home", ("schools:home",)),
    MenuItem(_("Protocols"), "protocols:list", ("protocols:list", "protocols:detail")),
    MenuItem(_("Sign in"), "accounts:login", ("accounts:login",)),
)


@dataclass(frozen=True)
class ShownItem:
    label: str
    url: str
    is_current: bool
    is_public: bool  # a page for everyone, not one of this role's own tasks
    tile_label: str


def _is_current(item: MenuItem, view_name: str) -> bool:
    return any(view_name.startswith(name[:-1]) if name.endswith("*") else view_name == name
               for name in item.current_on)


def menu_for(request: HttpRequest) -> list[ShownItem]:
    """The items this request's user sees, the current page's item marked."""
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match is not None else ""
    membership = membership_for(request.user)
    if not request.user.is_authenticated:
        items = PUBLIC_MENU
    elif membership is None:
        # An account without a school (an operator): the public pages only.
        items = tuple(item for item in MENU if item.url_name == "protocols:list")
    else:
        items = tuple(item for item in MENU if item.shows(membership))
    return [ShownItem(str(item.label), reverse(item.url_name), _is_current(item, view_name),
                      item.url_name in PUBLIC_PAGES, str(item.tile_label or item.label))
            for item in items]


def main_menu(request: HttpRequest) -> dict[str, Any]:
    """Context processor: ``main_menu``, worked out only when a template uses it."""
    return {"main_menu": SimpleLazyObject(lambda: menu_for(request))}
