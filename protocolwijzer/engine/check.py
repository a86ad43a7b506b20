"""One check without a database: read the post's text with the school's context, then
decide. The command line calls this directly; ``checks.actions.do_check`` (the page and
the API) calls it after reading the consent register and before recording, so the three
interfaces cannot decide differently.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from protocolwijzer.engine.evaluate import Verdict, evaluate
from protocolwijzer.engine.protocol import Protocol
from protocolwijzer.engine.situation import Situation

if TYPE_CHECKING:
    from protocolwijzer.analysis import Roster, TextAnalysis


@dataclass(frozen=True)
class TextContext:
    """What the text analysis knows of the school beyond the protocol's own names: its
    other names (school, stichting), its public contacts (no personal data) and the names
    of the people the checker may see. Empty on the command line."""

    names: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()
    roster: Roster | None = None


NO_CONTEXT = TextContext()


def analyse_situation(protocol: Protocol, situation: Situation,
                      context: TextContext = NO_CONTEXT) -> TextAnalysis | None:
    """The analysis of the post's text (None without text), the protocol's names being the
    school's own."""
    if not situation.text.strip():
        return None
    from protocolwijzer.analysis import analyse_text  # loaded only when there is text

    return analyse_text(situation.text, organisation_names=[*protocol.names, *context.names],
                        public_contacts=context.contacts, roster=context.roster)


def check_situation(protocol: Protocol, situation: Situation,
                    context: TextContext = NO_CONTEXT) -> Verdict:
    """The verdict on a parsed situation: analyse, then evaluate."""
    return evaluate(protocol, situation, analyse_situation(protocol, situation, context))
