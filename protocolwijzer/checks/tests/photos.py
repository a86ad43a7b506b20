"""A group photo without real children, and a class whose consent is in the register.

The photo is a synthetic group scene from the core's labelled face set (faces of adults
from scikit-image's samples, pasted onto a made-up background; ``imaging.faceset``), with
EXIF (camera, date, GPS) and XMP added, as a phone would: what the blurred copy must lose.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from protocolwijzer.consent.actions import do_record_decision, do_set_up_consent
from protocolwijzer.consent.models import Decision, Purpose
from protocolwijzer.imaging.faceset import group_photo
from protocolwijzer.schools.models import Group, Person

Box = tuple[int, int, int, int]
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/'
       b'02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">'
       b'<dc:title>Schoolreis groep 8</dc:title></rdf:Description></rdf:RDF></x:xmpmeta>')


@dataclass
class GroupPhoto:
    jpeg: bytes
    boxes: list[Box]  # the faces' true boxes, left to right as the page numbers them

    def upload(self, name: str = "klassenfoto.jpg") -> SimpleUploadedFile:
        return SimpleUploadedFile(name, self.jpeg, content_type="image/jpeg")


def make_group_photo(seed: int = 1, faces: int = 6) -> GroupPhoto:
    """A 1280 x 720 group photo with ``faces`` faces large enough to tag, and metadata."""
    scene = group_photo(seed, (1280, 720), faces=faces, min_face=70, max_face=150)
    exif = Image.Exif()
    exif[0x010F] = "Telefoonmerk"  # Make
    exif[0x0110] = "Model 13"  # Model
    exif[0x0132] = "2026:06:12 10:30:00"  # DateTime
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (52.0, 5.0, 30.0)
    gps[3] = "E"
    gps[4] = (4.0, 53.0, 10.0)
    out = io.BytesIO()
    scene.image.convert("RGB").save(out, "JPEG", quality=92, exif=exif, xmp=XMP)
    boxes = sorted((face.box for face in scene.faces), key=lambda b: (b[0], b[1]))
    return GroupPhoto(out.getvalue(), boxes)


def give_consent(student: Person, purpose_code: str, choice: str) -> Decision:
    """Records a guardian's decision in the register, as the guardian's page does."""
    purpose = Purpose.objects.get(school=student.school, code=purpose_code)
    guardian = student.guardians.first()
    assert guardian is not None, f"{student} has no guardian to decide"
    return do_record_decision(student, purpose, choice, decided_by=guardian,
                              how=Decision.How.GUARDIAN_PAGE,
                              at=timezone.now() - datetime.timedelta(days=1))


def class_with_consent(group: Group, *, refused: int, given: int,
                       purpose_code: str = "sociale-media") -> tuple[list[Person], list[Person]]:
    """``refused`` + ``given`` pupils of ``group`` (made up when the group has too few),
    whose guardians said no and yes in the register; returned as (no, yes)."""
    do_set_up_consent(group.school)
    pupils = list(Person.objects.filter(group=group, role=Person.Role.LEERLING)
                  .order_by("first_name", "last_name"))
    names = iter(["Amira", "Bram", "Daan", "Eva", "Fleur", "Gijs", "Julia", "Lotte"])
    while len(pupils) < refused + given:
        first = next(names)
        pupil = Person.objects.create(school=group.school, group=group, first_name=first,
                                      last_name="Voorbeeld", role=Person.Role.LEERLING)
        guardian = Person.objects.create(school=group.school, first_name="Ouder",
                                         last_name=f"van {first}", role=Person.Role.OUDER)
        guardian.children.add(pupil)
        pupils.append(pupil)
    no, yes = pupils[:refused], pupils[refused:refused + given]
    for pupil in no:
        give_consent(pupil, purpose_code, Decision.Choice.REFUSED)
    for pupil in yes:
        give_consent(pupil, purpose_code, Decision.Choice.GIVEN)
    return no, yes


def deviation_from_blocks(picture: Image.Image, face_box: Box) -> float:
    """How far the pixels of a face's covered region (the box with the blur's margin) lie
    from the mean of the coarse block each is in, on average, in grey levels: about 0 for
    flat blocks (JPEG adds a little noise), tens for a face with its detail. The blocks
    are the blur's own (``imaging.blur``: cells of the image's grid)."""
    import numpy as np

    from protocolwijzer.imaging.blur import block_size, cover_box

    x1, y1, x2, y2 = cover_box(face_box, picture.width, picture.height)
    block = block_size(x2 - x1, y2 - y1)
    grey = np.asarray(picture.convert("L"), dtype=np.float64)
    # Only whole cells inside the region, away from their edges (where JPEG smears).
    deviations = []
    for top in range(-(-y1 // block) * block, y2 - block + 1, block):
        for left in range(-(-x1 // block) * block, x2 - block + 1, block):
            cell = grey[top + 2:top + block - 2, left + 2:left + block - 2]
            deviations.append(np.abs(cell - cell.mean()).mean())
    assert deviations, "the covered region holds no whole block"
    return float(np.mean(deviations))
