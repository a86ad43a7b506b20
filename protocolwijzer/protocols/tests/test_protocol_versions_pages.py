"""The schoolleiding adapts the school's protocol in the browser: copy, edit per article with
the roles as tick boxes, see what changes in practice, submit, record instemming, adopt and
put in force. The MR reads what was submitted to it; staff do not manage versions."""

import datetime
import re

from django.test import Client
from django.urls import reverse

from protocolwijzer.protocols.models import Adoption
from protocolwijzer.schools.tests.personas import Personas, sign_in


def _copy(client: Client, p: Personas) -> Adoption:
    page = client.get(reverse("protocols:adoptions")).content.decode()
    assert "Kopieer en pas aan" in page
    response = client.post(reverse("protocols:adoption_copy"),
                           {"version": p.school.protocol.pk, "school": p.school.pk})
    adoption = Adoption.objects.get(school=p.school)
    assert response.url == reverse("protocols:edit", kwargs={"pk": adoption.pk})
    return adoption


def _form_of(page: str) -> dict[str, list[str]]:
    """The editor form's fields as the browser would send them."""
    data: dict[str, list[str]] = {}
    for name, value in re.findall(r'name="(rule-\d+-roles)" value="(\w+)" checked', page):
        data.setdefault(name, []).append(value)
    for name, text in re.findall(r'name="(rule-\d+-yaml)"[^>]*>(.*?)</textarea>', page, re.S):
        data[name] = [text.replace("&#x27;", "'").replace("&quot;", '"').replace("&gt;", ">")
                      .replace("&lt;", "<").replace("&amp;", "&")]
    return data


def _a5_index(page: str) -> str:
    return re.search(r'data-rule="(\d+)">\s*<legend>Regel A\.5-recordings', page).group(1)


def test_a_schoolleider_binds_parents_by_a5_and_reads_it_in_plain_dutch(
        client: Client, willibrord: Personas) -> None:
    sign_in(client, willibrord.schoolleider.user)
    adoption = _copy(client, willibrord)
    edit = reverse("protocols:edit", kwargs={"pk": adoption.pk})
    page = client.get(edit).content.decode()
    data = _form_of(page)
    data[f"rule-{_a5_index(page)}-roles"].append("parent")

    check = client.post(reverse("protocols:edit_check", kwargs={"pk": adoption.pk}), data).json()
    assert (check["valid"], check["problems"]) == (True, [])
    changes = client.post(reverse("protocols:edit_changes", kwargs={"pk": adoption.pk}), data)
    assert "Ouders mogen na deze wijziging foto&#x27;s of video&#x27;s niet meer plaatsen op " \
           "Facebook of in de klassenapp" in changes.content.decode()

    assert client.post(edit, data).status_code == 302
    adoption.refresh_from_db()
    assert "roles:\n    - staff\n    - student\n    - parent" in adoption.source_yaml


def test_an_invalid_rule_is_named_and_saving_it_changes_nothing(
        client: Client, willibrord: Personas) -> None:
    sign_in(client, willibrord.schoolleider.user)
    adoption = _copy(client, willibrord)
    before = adoption.source_yaml
    edit = reverse("protocols:edit", kwargs={"pk": adoption.pk})
    page = client.get(edit).content.decode()
    data = _form_of(page)
    key = f"rule-{_a5_index(page)}-yaml"
    data[key] = [data[key][0].replace("effect: forbidden", "effect: verboden")]

    check = client.post(reverse("protocols:edit_check", kwargs={"pk": adoption.pk}), data).json()
    assert check["valid"] is False
    assert check["problems"][0]["where"] == "A.5 · regel A.5-recordings · effect"
    response = client.post(edit, data)
    assert response.status_code == 200 and "Er is niets opgeslagen" in response.content.decode()
    adoption.refresh_from_db()
    assert adoption.source_yaml == before


def test_steps_through_the_pages_and_the_mr_reads_only_what_was_submitted(
        client: Client, willibrord: Personas) -> None:
    sign_in(client, willibrord.schoolleider.user)
    adoption = _copy(client, willibrord)
    page = reverse("protocols:adoption", kwargs={"pk": adoption.pk})

    mr = Client()
    sign_in(mr, willibrord.mr_lid.user)
    assert mr.get(page).status_code == 404  # a concept is the schoolleiding's own
    teacher = Client()
    sign_in(teacher, willibrord.teacher.user)
    assert teacher.get(reverse("protocols:adoptions")).status_code == 403

    refused = client.post(reverse("protocols:adoption_adopt", kwargs={"pk": adoption.pk}),
                          {"adopted_by": "het bestuur", "adopted_on": "2026-09-01"})
    assert refused.status_code == 400
    client.post(reverse("protocols:adoption_submit", kwargs={"pk": adoption.pk}),
                {"bodies": ["MR"], "submitted_on": "2026-09-01"})
    refused = client.post(reverse("protocols:adoption_adopt", kwargs={"pk": adoption.pk}),
                          {"adopted_by": "het bestuur", "adopted_on": "2026-09-02"})
    assert "heeft nog niet besloten" in refused.content.decode()

    read = mr.get(page).content.decode()
    assert "Wat verandert er in de praktijk?" in read and "Besluit vastleggen" not in read
    assert "De hele tekst van deze versie" in read and "A.5" in read
    client.post(reverse("protocols:adoption_decide", kwargs={"pk": adoption.pk}),
                {"body": "MR", "outcome": "given", "decided_on": "2026-09-10",
                 "minutes_reference": "Notulen MR 10-9, punt 4"})
    client.post(reverse("protocols:adoption_adopt", kwargs={"pk": adoption.pk}),
                {"adopted_by": "het bestuur", "adopted_on": "2026-09-11"})
    future = datetime.date.today() + datetime.timedelta(days=30)
    client.post(reverse("protocols:adoption_in_force", kwargs={"pk": adoption.pk}),
                {"in_force_from": future.isoformat()})
    adoption.refresh_from_db()
    assert adoption.status == Adoption.Status.ADOPTED and adoption.in_force_from == future
    assert "Notulen MR 10-9, punt 4" in mr.get(page).content.decode()


def test_a_submitted_school_version_is_not_listed_among_the_public_protocols(
        client: Client, willibrord: Personas) -> None:
    sign_in(client, willibrord.schoolleider.user)
    adoption = _copy(client, willibrord)
    client.post(reverse("protocols:adoption_submit", kwargs={"pk": adoption.pk}),
                {"bodies": ["MR"], "submitted_on": "2026-09-01"})
    adoption.refresh_from_db()

    public = Client().get(reverse("protocols:list")).content.decode()
    assert adoption.version.version not in public
    assert willibrord.school.protocol.version in public
