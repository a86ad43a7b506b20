"""Conditions over a situation's facts, as written in a protocol file.

A condition is YAML data, not code::

    condition:
      channel.social_media: true            # equality
      media.recordings: {gt: 0}              # an operator
      target.role: [student, former_student] # a list means "one of"
    condition:
      any:
        - account: professional
        - not: {text.present: true}

A mapping of several facts means all of them. ``all``, ``any`` and ``not`` must stand
alone in their mapping. Every fact name and value is checked against the contract's
vocabulary when the file is loaded, so a condition can never test a fact that does not
exist, or a value the fact cannot have.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from typing import Any

from protocolwijzer.engine.errors import Problem, format_path
from protocolwijzer.engine.vocabulary import FACTS
from protocolwijzer.i18n import gettext as _

Facts = Mapping[str, Any]
Predicate = Callable[[Facts], bool]
Path = tuple[str | int, ...]

_COMBINATORS = ("all", "any", "not")
_COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "eq": operator.eq, "ne": operator.ne,
    "gt": operator.gt, "gte": operator.ge, "lt": operator.lt, "lte": operator.le,
}
_OPERATORS = (*_COMPARISONS, "in", "not_in")


def always(_facts: Facts) -> bool:
    return True


def facts_in(raw: Any) -> frozenset[str]:
    """The fact names a (valid) condition tests."""
    if not isinstance(raw, dict):
        return frozenset()
    found: set[str] = set()
    for key, value in raw.items():
        if key in ("all", "any"):
            for part in value if isinstance(value, list) else ():
                found |= facts_in(part)
        elif key == "not":
            found |= facts_in(value)
        else:
            found.add(key)
    return frozenset(found)


def compile_condition(raw: Any, path: Path, problems: list[Problem],
                      line_for: Callable[[Path], int | None]) -> Predicate:
    """Compiles ``raw`` into a predicate; appends every problem found to ``problems``."""

    def problem(at: Path, message: str) -> Predicate:
        problems.append(Problem(format_path(at), message, line_for(at)))
        return always

    if not isinstance(raw, dict) or not raw:
        return problem(path, _("A condition must be a mapping of facts to values, "
                               "or all/any/not."))
    combinators = [key for key in raw if key in _COMBINATORS]
    if combinators:
        if len(raw) != 1:
            return problem(path, _("'%(key)s' must stand alone in its mapping; put the other "
                                   "conditions inside it.") % {"key": combinators[0]})
        key = combinators[0]
        inner = raw[key]
        if key == "not":
            negated = compile_condition(inner, (*path, key), problems, line_for)
            return lambda facts: not negated(facts)
        if not isinstance(inner, list) or not inner:
            return problem((*path, key), _("'%(key)s' takes a non-empty list of conditions.")
                           % {"key": key})
        parts = tuple(compile_condition(item, (*path, key, i), problems, line_for)
                      for i, item in enumerate(inner))
        if key == "all":
            return lambda facts: all(part(facts) for part in parts)
        return lambda facts: any(part(facts) for part in parts)

    leaves = [_compile_leaf(fact, value, (*path, fact), problems, line_for)
              for fact, value in raw.items()]
    if len(leaves) == 1:
        return leaves[0]
    all_leaves = tuple(leaves)
    return lambda facts: all(leaf(facts) for leaf in all_leaves)


def _compile_leaf(fact: str, value: Any, path: Path, problems: list[Problem],
                  line_for: Callable[[Path], int | None]) -> Predicate:
    start = len(problems)

    def problem(message: str, at: Path = path) -> None:
        problems.append(Problem(format_path(at), message, line_for(at)))

    if fact not in FACTS:
        problem(_("'%(fact)s' is not a known fact; known facts are: %(known)s.")
                % {"fact": fact, "known": ", ".join(FACTS)})
        return always
    if isinstance(value, list):
        value = {"in": value}
    elif not isinstance(value, dict):
        value = {"eq": value}
    if not value:
        problem(_("Give a value or an operator for '%(fact)s'.") % {"fact": fact})
        return always

    tests: list[Predicate] = []
    for op, operand in value.items():
        if op not in _OPERATORS:
            problem(_("'%(op)s' is not an operator; use one of %(ops)s.")
                    % {"op": op, "ops": ", ".join(_OPERATORS)}, (*path, op))
            continue
        operands = operand if op in ("in", "not_in") else [operand]
        if op in ("in", "not_in") and (not isinstance(operand, list) or not operand):
            problem(_("'%(op)s' takes a non-empty list.") % {"op": op}, (*path, op))
            continue
        for item in operands:
            message = _check_value(fact, op, item)
            if message:
                problem(message, (*path, op))
        tests.append(_make_test(fact, op, operand))
    if len(problems) > start:
        return always
    if len(tests) == 1:
        return tests[0]
    all_tests = tuple(tests)
    return lambda facts: all(test(facts) for test in all_tests)


def _check_value(fact: str, op: str, value: Any) -> str | None:
    kind, values = FACTS[fact]
    if op in ("gt", "gte", "lt", "lte") and kind != "int":
        return _("'%(op)s' only compares numbers, and '%(fact)s' is not a number.") % {
            "op": op, "fact": fact}
    if value is None and op in ("eq", "ne", "in", "not_in"):
        return None  # "the situation does not say", for optional facts
    if kind == "enum" and value not in values:
        return _("'%(value)s' is not a value of '%(fact)s'; use one of %(values)s.") % {
            "value": value, "fact": fact, "values": ", ".join(values)}
    if kind == "bool" and not isinstance(value, bool):
        return _("'%(fact)s' is true or false, not '%(value)s'.") % {"fact": fact,
                                                                     "value": value}
    if kind == "int" and (isinstance(value, bool) or not isinstance(value, int)):
        return _("'%(fact)s' is a whole number, not '%(value)s'.") % {"fact": fact,
                                                                      "value": value}
    if kind == "str" and not isinstance(value, str):
        return _("'%(fact)s' is text, not '%(value)s'.") % {"fact": fact, "value": value}
    return None


def _make_test(fact: str, op: str, operand: Any) -> Predicate:
    if op == "in":
        allowed = frozenset(operand)
        return lambda facts: facts.get(fact) in allowed
    if op == "not_in":
        refused = frozenset(operand)
        return lambda facts: facts.get(fact) not in refused
    compare = _COMPARISONS[op]
    if op in ("eq", "ne"):
        return lambda facts: compare(facts.get(fact), operand)
    # An absent number never satisfies an ordering: nothing is guessed.
    return lambda facts: (value := facts.get(fact)) is not None and compare(value, operand)
