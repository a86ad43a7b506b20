"""Every page a role uses is reachable by following links from where sign-in lands, and no
link offered to a role leads to "Geen toegang" (issue 14: pages that were reachable only
by typing the address, and an MR member who met a refusal behind every link)."""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from protocolwijzer.consent.actions import do_set_up_consent
from protocolwijzer.protocols.actions import do_load_builtin_protocols
from protocolwijzer.schools.models import School
from protocolwijzer.schools.tests.personas import Personas, make_personas, sign_in

LINK = re.compile(r'<a [^>]*href="([^"#]*)', re.I)
# Downloads and pages that act (letters make a new link) are reached but not followed.
NOT_FOLLOWED = (".csv", ".pdf", ".xlsx", "/brief/", "/mijn-gegevens/")
MAX_PAGES = 120


@pytest.fixture
def p(db) -> Personas:
    personas = make_personas()
    versions = {v.protocol_id: v for v in do_load_builtin_protocols()}
    School.objects.filter(pk=personas.school.pk).update(
        protocol=versions["willibrord-miland-2023"])
    do_set_up_consent(personas.school)
    return personas


def crawl(client: Client) -> dict[str, int]:
    """Every page reachable by links from the start page, with its status."""
    start = reverse("schools:my_school")
    seen: dict[str, int] = {}
    queue = deque([start])
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response.status_code
        if response.status_code != 200 or url.endswith(NOT_FOLLOWED) or \
                not response["Content-Type"].startswith("text/html"):
            continue
        for href in LINK.findall(response.content.decode()):
            target = urljoin(url, href.replace("&amp;", "&"))
            parts = urlsplit(target)
            if parts.netloc or parts.path.startswith(("/beheer/", "/static/", "/api/")):
                continue
            if target.endswith(NOT_FOLLOWED):
                seen.setdefault(target, 0)  # offered, not requested
                continue
            queue.append(target)
    return seen


def reachable_paths(seen: dict[str, int]) -> set[str]:
    return {urlsplit(url).path for url in seen}


@pytest.mark.parametrize("persona", ["schoolleider", "communicatie", "teacher", "mentor",
                                     "mr_lid", "student", "parent"])
def test_no_link_offered_to_a_role_leads_to_a_refusal(client: Client, p, persona: str):
    sign_in(client, p.user(persona))

    seen = crawl(client)

    refused = {url: status for url, status in seen.items() if status in (403, 404)}
    assert refused == {}


def test_the_school_management_reaches_the_parents_page_and_who_has_read_it(
        client: Client, p):
    sign_in(client, p.user("schoolleider"))

    paths = reachable_paths(crawl(client))

    for name, args in (("consent:group_guardians", [p.group_1a.pk]),
                       ("consent:group_guardians", [p.group_1b.pk]),
                       ("protocols:acknowledgements", []),
                       ("consent:trip_list", [p.group_1a.pk]),
                       ("schools:figures", []), ("audit:log", []),
                       ("consent:student", [p.student.pk])):
        assert reverse(name, args=args) in paths, name


def test_a_teacher_reaches_the_trip_list_and_the_class_list_of_their_group(
        client: Client, p):
    sign_in(client, p.user("teacher"))

    paths = reachable_paths(crawl(client))

    assert reverse("consent:trip_list", args=[p.group_1a.pk]) in paths
    assert reverse("consent:group_list", args=[p.group_1a.pk]) in paths
    assert reverse("consent:group_guardians", args=[p.group_1a.pk]) not in paths


def test_the_mr_member_reaches_the_protocol_the_checker_and_the_figures(client: Client, p):
    sign_in(client, p.user("mr_lid"))

    paths = reachable_paths(crawl(client))

    assert {reverse("protocols:mine"), reverse("checks:check"),
            reverse("schools:figures")} <= paths


@pytest.mark.parametrize("persona", ["parent", "student"])
def test_a_parent_and_a_pupil_reach_the_download_of_their_own_consent_data(
        client: Client, p, persona: str):
    sign_in(client, p.user(persona))

    seen = crawl(client)

    assert reverse("consent:my_data") in reachable_paths(seen)


def test_staff_are_not_offered_a_download_the_register_has_nothing_for(client: Client, p):
    sign_in(client, p.user("teacher"))

    assert reverse("consent:my_data") not in reachable_paths(crawl(client))


def test_a_pupil_reaches_their_own_consent_page_from_the_menu(client: Client, p):
    sign_in(client, p.user("student"))

    seen = crawl(client)

    assert seen.get(reverse("consent:my_consent")) == 200
