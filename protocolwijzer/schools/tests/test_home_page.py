from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from protocolwijzer.schools.models import School, Stichting


@pytest.mark.django_db
def test_the_home_page_lists_both_demo_schools_with_a_link_to_their_protocol(
        client: Client) -> None:
    call_command("load_demo", stdout=StringIO())

    response = client.get(reverse("schools:home"))
    page = response.content.decode()

    assert response.status_code == 200
    assert "Stichting Voorbeeldscholen" in page
    assert "Praktijkschool De Maas" in page
    assert "Basisschool De Wilgenhoek" in page
    assert reverse("protocols:detail", args=["praktijkonderwijs-roermond-2015"]) in page
    assert reverse("protocols:detail", args=["willibrord-miland-2023"]) in page


@pytest.mark.django_db
def test_the_home_page_shows_a_school_without_a_protocol(client: Client) -> None:
    stichting = Stichting.objects.create(name="Stichting Nieuw")
    School.objects.create(stichting=stichting, name="De Nieuwe School", slug="de-nieuwe-school")

    page = client.get(reverse("schools:home")).content.decode()

    assert "De Nieuwe School" in page
    assert page.count('href="/protocollen/') == 1  # the navigation, no protocol of its own


@pytest.mark.django_db
def test_the_home_page_is_in_dutch_by_default(client: Client) -> None:
    page = client.get(reverse("schools:home")).content.decode()

    assert '<html lang="nl">' in page


@pytest.mark.django_db
def test_a_visitor_can_switch_the_pages_to_english(client: Client) -> None:
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"},
                           follow=True)

    assert '<html lang="en">' in response.content.decode()


@pytest.mark.django_db
def test_an_english_browser_still_gets_dutch_until_the_person_chooses(client: Client) -> None:
    page = client.get(reverse("schools:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert '<html lang="nl">' in page.content.decode()
    assert page.headers["Content-Language"] == "nl"
