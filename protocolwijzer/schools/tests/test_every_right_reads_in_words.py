"""The confirmation of a role change says in words what the person may do from now on:
every right needs its words, or the page would fail for a role that has it."""

from protocolwijzer.schools.policy import RIGHT_LABELS, ROLE_RIGHTS, Right


def test_every_right_of_every_role_has_words() -> None:
    assert set(RIGHT_LABELS) == set(Right)
    for rights in ROLE_RIGHTS.values():
        assert all(str(RIGHT_LABELS[right]).strip() for right in rights)
