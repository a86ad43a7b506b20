"""Synthetic people for the demo schools.

Names are drawn from short lists of common Dutch first names, tussenvoegsels and surnames
with a fixed seed per school, so every run produces the same invented people (no real
persons) and loading the demo again finds them instead of adding new ones.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field

from protocolwijzer.schools.models import Person

STICHTING_NAME = "Stichting Voorbeeldscholen"

# Demo accounts. Every demo person signs in as voornaam.achternaam@<school-slug>.example
# (a reserved domain: no mail ever leaves) with one published password; the demo is for
# trying Protocolwijzer out and must never hold real people.
DEMO_PASSWORD = "demo-wachtwoord-2026"
DEMO_BEHEERDER_EMAIL = "beheerder@voorbeeldscholen.example"
DEMO_BEHEERDER_NAME = "Beheerder Voorbeeldscholen"
# The key of every demo two-factor device: the 20 ASCII bytes "protocolwijzer-demo!".
# Authenticator apps take it in base32; tests compute codes from the hex key.
DEMO_TOTP_KEY_HEX = "70726f746f636f6c77696a7a65722d64656d6f21"
DEMO_TOTP_SECRET_BASE32 = "OBZG65DPMNXWY53JNJ5GK4RNMRSW23ZB"

CHILD_FIRST_NAMES = (
    "Daan", "Sem", "Lucas", "Levi", "Finn", "Milan", "Noah", "Liam", "Bram", "Thijs",
    "Jesse", "Ruben", "Mohammed", "Youssef", "Luuk", "Gijs", "Emma", "Julia", "Mila",
    "Tess", "Sophie", "Zoë", "Nora", "Sara", "Eva", "Lotte", "Fenna", "Saar", "Noor",
    "Yara", "Anouk", "Lieke", "Amira", "Fleur",
)
ADULT_FIRST_NAMES = (
    "Jan", "Peter", "Mark", "Kees", "Henk", "Erik", "Martijn", "Sander", "Bas", "Dennis",
    "Ahmed", "Rob", "Marieke", "Linda", "Sandra", "Esther", "Monique", "Anja", "Ingrid",
    "Petra", "Karin", "Saskia", "Wendy", "Mirjam", "Fatima", "Yvonne", "Ilse", "Nicole",
)
# (tussenvoegsel, surname): most Dutch surnames have none, a good share have one.
SURNAMES = (
    ("", "Jansen"), ("", "Bakker"), ("", "Visser"), ("", "Smit"), ("", "Meijer"),
    ("", "Mulder"), ("", "Bos"), ("", "Vos"), ("", "Peters"), ("", "Hendriks"),
    ("", "Dekker"), ("", "Brouwer"), ("", "Dijkstra"), ("", "Kok"), ("", "Willems"),
    ("", "Vermeulen"), ("", "Kuipers"), ("", "Yilmaz"), ("", "El Amrani"),
    ("de", "Vries"), ("de", "Jong"), ("de", "Boer"), ("de", "Groot"), ("de", "Graaf"),
    ("van", "Dijk"), ("van", "Leeuwen"), ("van den", "Berg"), ("van den", "Heuvel"),
    ("van der", "Linden"), ("van der", "Meer"), ("van de", "Ven"), ("ter", "Horst"),
)


@dataclass(frozen=True)
class DemoSchool:
    name: str
    slug: str
    protocol_id: str
    groups: tuple[str, ...]
    students: int = 20
    # Consent purposes where no answer means yes (the school's choice, as Willibrord A.8
    # makes it for the website).
    opt_out_purposes: tuple[str, ...] = ()
    # Made-up public contact details (the .example domain is reserved for examples).
    phone: str = ""
    email: str = ""
    website: str = ""
    address: str = ""


DEMO_SCHOOLS = (
    DemoSchool("Praktijkschool De Maas", "praktijkschool-de-maas",
               "praktijkonderwijs-roermond-2015", ("Klas 1A", "Klas 1B", "Klas 2A", "Klas 3A"),
               phone="0475-390100", email="info@praktijkschool-de-maas.example",
               website="www.praktijkschool-de-maas.example", address="Maasboulevard 10"),
    DemoSchool("Basisschool De Wilgenhoek", "basisschool-de-wilgenhoek",
               "willibrord-miland-2023", ("Groep 3", "Groep 5", "Groep 7", "Groep 8"),
               opt_out_purposes=("schoolwebsite",), phone="0172-610200",
               email="info@basisschool-de-wilgenhoek.example",
               website="www.basisschool-de-wilgenhoek.example", address="Wilgenlaan 4"),
)


@dataclass(frozen=True)
class DemoPerson:
    first_name: str
    tussenvoegsel: str
    last_name: str
    role: str
    group: str | None = None
    children: tuple[DemoPerson, ...] = field(default=(), compare=False)
    # Staff: the groups they teach, and whether they see every group (the conciërge).
    teaches: tuple[str, ...] = ()
    all_groups: bool = False

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.first_name, self.tussenvoegsel, self.last_name, self.role)


def demo_people(school: DemoSchool) -> list[DemoPerson]:
    """The people of one demo school: staff in every role, students and a guardian each."""
    rng = random.Random(f"protocolwijzer-demo:{school.slug}")
    used: set[tuple[str, str, str]] = set()

    def name(first_names: tuple[str, ...],
             surname: tuple[str, str] | None = None) -> tuple[str, str, str]:
        while True:
            tussenvoegsel, last_name = surname or rng.choice(SURNAMES)
            candidate = (rng.choice(first_names), tussenvoegsel, last_name)
            if candidate not in used:
                used.add(candidate)
                return candidate

    people: list[DemoPerson] = []
    staff_roles = [Person.Role.SCHOOLLEIDING, Person.Role.COMMUNICATIE, Person.Role.MR_LID,
                   Person.Role.MR_LID, *[Person.Role.MEDEWERKER] * 5]
    teacher_number = 0
    for role in staff_roles:
        teaches: tuple[str, ...] = ()
        if role == Person.Role.MEDEWERKER:
            # Each teacher has two groups; the last staff member is the conciërge, who
            # was granted "all groups" (staff see only the groups they are linked to).
            count = len(school.groups)
            teaches = (school.groups[teacher_number % count],
                       school.groups[(teacher_number + 1) % count])
            teacher_number += 1
        people.append(DemoPerson(*name(ADULT_FIRST_NAMES), role=role, teaches=teaches,
                                 all_groups=teacher_number == 5))
    for group in school.groups:
        people.append(DemoPerson(*name(ADULT_FIRST_NAMES), role=Person.Role.MENTOR,
                                 group=group))
    for index in range(school.students):
        family = rng.choice(SURNAMES)
        student = DemoPerson(*name(CHILD_FIRST_NAMES, family), role=Person.Role.LEERLING,
                             group=school.groups[index % len(school.groups)])
        # Most children carry a parent's surname; some guardians have another one.
        guardian_surname = family if rng.random() < 0.75 else None
        guardian = DemoPerson(*name(ADULT_FIRST_NAMES, guardian_surname),
                              role=Person.Role.OUDER, children=(student,))
        people.extend((student, guardian))
    return people


def _ascii_word(text: str) -> str:
    """Lower-case ASCII letters and digits only: Zoë -> zoe, van der Meer -> vandermeer."""
    decomposed = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", decomposed.lower())


def demo_emails(school: DemoSchool,
                people: list[DemoPerson]) -> dict[tuple[str, str, str, str], str]:
    """voornaam.achternaam@<school slug>.example for each person, in list order; a name
    that recurs gets a number (jan.jansen2), so addresses are unique and stay the same on
    every run."""
    emails: dict[tuple[str, str, str, str], str] = {}
    taken: set[str] = set()
    for person in people:
        surname = _ascii_word(person.tussenvoegsel + person.last_name)
        base = f"{_ascii_word(person.first_name)}.{surname}"
        local, number = base, 1
        while local in taken:
            number += 1
            local = f"{base}{number}"
        taken.add(local)
        emails[person.key] = f"{local}@{school.slug}.example"
    return emails
