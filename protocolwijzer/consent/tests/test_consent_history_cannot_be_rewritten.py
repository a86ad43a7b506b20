"""Consent history cannot be rewritten by operators (issue 10, point 11): a consent text
or a purpose's meaning that decisions were given on does not change, and a person with
decisions is not deleted (only the retention purge removes them)."""

from __future__ import annotations

import pytest
from django.db.models import ProtectedError

from protocolwijzer.accounts.models import User
from protocolwijzer.consent.actions import do_record_decision, do_set_up_consent
from protocolwijzer.consent.models import ConsentText, Decision, Purpose, RegisterHistoryIsFinal
from protocolwijzer.schools.models import Person
from protocolwijzer.schools.tests.personas import PASSWORD, make_personas, sign_in


@pytest.fixture
def p(db):
    personas = make_personas()
    do_set_up_consent(personas.school)
    personas.social = Purpose.objects.get(school=personas.school, code="sociale-media")
    personas.decision = do_record_decision(personas.student, personas.social, "given",
                                           decided_by=personas.parent, how="guardian_page")
    return personas


@pytest.fixture
def operator(client):
    user = User.objects.create_superuser("operator@example.org", PASSWORD)
    sign_in(client, user)
    return client


def test_a_used_consent_text_cannot_be_changed_or_deleted(p):
    text = p.decision.text
    text.body = "Een andere tekst achteraf."
    with pytest.raises(RegisterHistoryIsFinal):
        text.save()
    with pytest.raises(RegisterHistoryIsFinal):
        text.delete()
    assert ConsentText.objects.get(pk=text.pk).body != "Een andere tekst achteraf."


def test_an_unused_consent_text_can_still_be_corrected(p):
    draft = ConsentText.objects.create(school=p.school, version=2, body="Concept")
    draft.body = "Concept, verbeterd"
    draft.save()
    assert ConsentText.objects.get(pk=draft.pk).body == "Concept, verbeterd"


def test_the_admin_shows_a_used_consent_text_read_only(p, operator):
    url = f"/beheer/consent/consenttext/{p.decision.text.pk}/change/"
    page = operator.get(url).content.decode()
    assert 'name="body"' not in page
    posted = operator.post(url, {"school": p.school.pk, "version": 1,
                                 "body": "Achteraf veranderd"})
    assert posted.status_code == 403
    assert Decision.objects.get().text.body != "Achteraf veranderd"


def test_a_purposes_meaning_is_fixed_once_it_has_decisions(p, operator):
    p.social.name = "Iets anders"
    with pytest.raises(RegisterHistoryIsFinal):
        p.social.save()
    p.social.refresh_from_db()
    p.social.is_active = False  # setting it out of use is allowed
    p.social.save()
    page = operator.get(f"/beheer/consent/purpose/{p.social.pk}/change/").content.decode()
    assert 'name="name"' not in page and 'name="description"' not in page
    assert 'name="is_active"' in page
    assert operator.get(f"/beheer/consent/purpose/{p.social.pk}/delete/").status_code == 403


@pytest.mark.parametrize("who", ["student", "parent"])
def test_a_person_with_decisions_cannot_be_deleted(p, operator, who):
    person = getattr(p, who)
    with pytest.raises(ProtectedError):
        Person.objects.filter(pk=person.pk).delete()

    page = operator.post(f"/beheer/schools/person/{person.pk}/delete/", {"post": "yes"})

    assert page.status_code == 200  # Django's admin names the protected decisions
    assert "consent decision" in page.content.decode() or "toestemmingskeuze" in (
        page.content.decode())
    assert Person.objects.filter(pk=person.pk).exists()
    assert Decision.objects.get().decided_by == p.parent


def test_a_purpose_with_decisions_cannot_be_deleted(p):
    with pytest.raises(ProtectedError):
        Purpose.objects.filter(pk=p.social.pk).delete()
    assert Decision.objects.count() == 1
