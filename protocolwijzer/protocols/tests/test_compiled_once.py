"""Compiled protocols live in one cache for every caller, keyed by the text they were
compiled from (issue 11, point 13)."""

import re

from protocolwijzer.protocols.models import ProtocolVersion


def test_every_request_uses_the_protocol_compiled_once_per_process(
        builtin_versions: dict[str, ProtocolVersion]) -> None:
    version = next(iter(builtin_versions.values()))

    # Each request loads its own model instance; none of them compiles the text again.
    first = ProtocolVersion.objects.get(pk=version.pk).engine_protocol()
    second = ProtocolVersion.objects.get(pk=version.pk).engine_protocol()

    assert first is second


def test_a_changed_text_is_compiled_anew(builtin_versions: dict[str, ProtocolVersion]) -> None:
    version = next(iter(builtin_versions.values()))
    before = ProtocolVersion.objects.get(pk=version.pk).engine_protocol()
    changed = ProtocolVersion.objects.get(pk=version.pk)
    changed.source_yaml = re.sub(r"(?m)^version: .*$", "version: gewijzigd-9",
                                 changed.source_yaml, count=1)
    assert changed.source_yaml != version.source_yaml

    after = changed.engine_protocol()

    assert after is not before and after.version == "gewijzigd-9"
