"""Scenarios: situations with the verdict a careful school leader expects, as data.

A protocol's scenarios live beside it (``protocols/data/scenarios/<protocol-id>/*.yaml``
for the built-in ones) in the format ``protocolwijzer-scenarios/1``. Each scenario quotes
the sentence of the protocol it follows (``seed``), names the clauses it exercises, gives a
situation in the words of the contract (shared/spec/situation.md) and what the verdict must
show. The test suite runs every scenario through ``protocolwijzer check``;
``protocols coverage`` reports, per clause, the scenarios that exercise it.

Pure: reading files and comparing plain data; no database.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from protocolwijzer.engine.clauses import clause_refs
from protocolwijzer.engine.errors import Problem, ProblemsError, format_path
from protocolwijzer.engine.protocol import BUILTIN_DIR, Protocol, builtin_protocol
from protocolwijzer.engine.yamlsafe import load_yaml
from protocolwijzer.i18n import gettext as _

FORMAT = "protocolwijzer-scenarios/1"
SCENARIO_DIR = BUILTIN_DIR / "scenarios"

ArticleId = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$",
                                 max_length=40)]
# A clause of an article: "A.6/who", "C.4/unless".
ClauseId = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9.]*/[a-z][a-z0-9_-]*$",
                                max_length=60)]


class ScenarioFileError(ProblemsError):
    """A scenario file that does not follow the format, with one problem per field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Expectation(_Strict):
    verdict: Literal["out_of_scope", "forbidden", "needs_changes", "allowed"]
    cites: list[ArticleId] = Field(default_factory=list,
                                   description="Articles the findings must cite.")
    forbidden: list[ArticleId] = Field(default_factory=list,
                                       description="Articles cited as forbidding it.")
    not_cited: list[ArticleId] = Field(default_factory=list)
    consequences: list[ArticleId] = Field(default_factory=list)
    no_consequences: list[ArticleId] = Field(default_factory=list)
    mentions: list[str] = Field(default_factory=list,
                                description="Text the verdict must contain somewhere.")


class Scenario(_Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{1,80}$")]
    seed: str = Field(min_length=8, description="The sentence of the protocol it follows, "
                                                "verbatim.")
    point: int | None = Field(default=None, description="The issue point it was written for.")
    clauses: list[ClauseId] = Field(default_factory=list)
    situation: dict[str, Any]
    expect: Expectation


class ScenarioFile(_Strict):
    format: Literal["protocolwijzer-scenarios/1"]
    protocol: str
    written_by: str = Field(min_length=1, description="Who wrote them: issue-N, or "
                                                      "blind-<persona> for scenarios written "
                                                      "from the protocol text alone.")
    scenarios: list[Scenario] = Field(min_length=1)


def load_scenario_file(path: str | Path, protocol: Protocol | None = None) -> ScenarioFile:
    """The scenarios of one file, or ScenarioFileError naming each problem.

    With ``protocol``, the file must be for that protocol and every clause a scenario names
    must be one of the protocol's clauses (``A.6/who``): a scenario cannot claim to test
    what does not exist.
    """
    path = Path(path)
    loaded = load_yaml(path.read_bytes(), ScenarioFileError, str(path))
    try:
        scenario_file = ScenarioFile.model_validate(loaded.data)
    except ValidationError as exc:
        problems = [Problem(format_path(error["loc"]), error["msg"],
                            loaded.line_for(tuple(error["loc"])))
                    for error in exc.errors()]
        raise ScenarioFileError(problems, str(path)) from None
    if protocol is not None:
        problems = []
        if scenario_file.protocol != protocol.id:
            problems.append(Problem("protocol", _(
                "These scenarios are for %(named)s, but they stand with %(protocol)s.")
                % {"named": scenario_file.protocol, "protocol": protocol.id},
                loaded.line_for(("protocol",))))
        known = clause_refs(protocol.model)
        for s_index, scenario in enumerate(scenario_file.scenarios):
            for c_index, ref in enumerate(scenario.clauses):
                if ref not in known:
                    where = ("scenarios", s_index, "clauses", c_index)
                    problems.append(Problem(format_path(where), _(
                        "The clause %(clause)s does not exist in %(protocol)s; the clauses "
                        "are listed by protocols coverage.")
                        % {"clause": ref, "protocol": protocol.id}, loaded.line_for(where)))
        if problems:
            raise ScenarioFileError(problems, str(path))
    return scenario_file


def scenario_directory(protocol: Protocol, path: str | Path | None = None) -> Path:
    """Where a protocol's scenarios stand: ``scenarios/<protocol-id>/`` beside its file.

    ``path`` is the file the protocol was read from when the caller knows it: the compiled
    form of a text is shared by every file with that text (a copy of a built-in protocol
    is compiled once), so ``protocol.filename`` names the first of them."""
    filename = path if path is not None else protocol.filename
    if filename is None:
        return SCENARIO_DIR
    return Path(filename).parent / "scenarios"


def scenario_paths(protocol_id: str, directory: Path = SCENARIO_DIR) -> list[Path]:
    """The scenario files of a built-in protocol, in name order."""
    return sorted((directory / protocol_id).glob("*.yaml"))


def scenarios_of(protocol_id: str, directory: Path = SCENARIO_DIR,
                 protocol: Protocol | None = None) -> Iterator[tuple[ScenarioFile, Scenario]]:
    """The scenarios of a protocol, each checked against its clauses; ``protocol``
    defaults to the built-in protocol of that id."""
    protocol = protocol or builtin_protocol(protocol_id)
    for path in scenario_paths(protocol_id, directory):
        loaded = load_scenario_file(path, protocol)
        for scenario in loaded.scenarios:
            yield loaded, scenario


def situation_of(scenario_file: ScenarioFile, scenario: Scenario) -> dict[str, Any]:
    """The scenario's situation, with the file's protocol when it names none."""
    return {"protocol": scenario_file.protocol, **scenario.situation}


def unmet(expect: Expectation, verdict: Mapping[str, Any]) -> list[str]:
    """What of ``expect`` the verdict (the contract's JSON form) does not show; empty when
    it shows all of it."""
    problems = []
    if verdict.get("verdict") != expect.verdict:
        problems.append(_("verdict is %(got)s, expected %(want)s")
                        % {"got": verdict.get("verdict"), "want": expect.verdict})
    findings = verdict.get("findings", [])
    cited = {f["article"] for f in findings} | {f["exception_article"] for f in findings
                                                if f.get("exception_article")}
    forbidding = {f["article"] for f in findings if f["effect"] == "forbidden"}
    following = {c["article"] for c in verdict.get("consequences", [])}
    for label, wanted, present, should in (
            ("cites", expect.cites, cited, True),
            ("forbidden", expect.forbidden, forbidding, True),
            ("not_cited", expect.not_cited, cited, False),
            ("consequences", expect.consequences, following, True),
            ("no_consequences", expect.no_consequences, following, False)):
        for article in wanted:
            if (article in present) != should:
                problems.append(f"{label}: {article}")
    text = json.dumps(verdict, ensure_ascii=False)
    problems += [f"mentions: {needle}" for needle in expect.mentions if needle not in text]
    return problems


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def quoted_verbatim(seed: str, source_text: str) -> bool:
    """Whether ``seed`` stands in the protocol's source text, whitespace aside (the
    extraction breaks lines mid-sentence)."""
    return _squeeze(seed) in _squeeze(source_text)
