"""Decisions per second of the protocol engine, against the same rules in Cedar.

Baseline: every rule of both seed protocols is compiled to a Cedar policy (a permit-all plus
one ``forbid`` per prohibition and unmet obligation, with the stated exception as ``unless``)
and decided by cedarpy, the Python binding of the Rust Cedar engine, in batches over one
pre-parsed policy set. The run also checks that both engines agree on every situation
(allowed or not), so the comparison is between equal work.

Second figure: p50/p99 wall time of one ``protocolwijzer check FILE --format json`` process,
against the bare interpreter start (``python -c pass``) as the floor.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import cedarpy

from protocolwijzer.engine.diff import situation_space
from protocolwijzer.engine.evaluate import decide, evaluate
from protocolwijzer.engine.protocol import Protocol, builtin_protocol
from protocolwijzer.engine.situation import parse_situation

N = 100_000
N_FULL = 10_000
SEED = 2026
# 200, so that p99 is the second slowest run rather than the slowest (as with 60 or 100).
CHECK_RUNS = 200
UNCACHED_RUNS = 20
POSTS = [
    "Trots op onze leerlingen van groep 8 na de musical!",
    "Morgen is de sportdag, vergeet je gymschoenen niet.",
    "Bel me even op 06-12345678 voor de afspraak.",
    "Die meester is echt een idioot.",
    "Dit is mijn eigen mening. Ik ben niet verantwoordelijk voor reacties van anderen.",
    "Ik ben medewerker van Willibrord-Miland en ik vind dit een goed plan.",
    "Wat een mooie open dag hadden we vandaag! " * 5,
    "Ik weet waar je woont, pas maar op.",
]


def cedar_name(fact: str) -> str:
    return fact.replace(".", "_")


def cedar_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps("none" if value is None else value)


def cedar_condition(raw: Any) -> str:
    if raw is None:
        return "true"
    parts = []
    for key, value in raw.items():
        if key == "all":
            parts.append("(" + " && ".join(cedar_condition(v) for v in value) + ")")
        elif key == "any":
            parts.append("(" + " || ".join(cedar_condition(v) for v in value) + ")")
        elif key == "not":
            parts.append("!(" + cedar_condition(value) + ")")
        else:
            parts.append(cedar_leaf(key, value))
    return " && ".join(parts)


def cedar_leaf(fact: str, value: Any) -> str:
    name = f"context.{cedar_name(fact)}"
    ops = {"in": value} if isinstance(value, list) else value if isinstance(value, dict) \
        else {"eq": value}
    out = []
    for op, operand in ops.items():
        if op in ("in", "not_in"):
            test = "(" + " || ".join(f"{name} == {cedar_value(v)}" for v in operand) + ")"
            out.append(test if op == "in" else f"!{test}")
        else:
            symbol = {"eq": "==", "ne": "!=", "gt": ">", "gte": ">=", "lt": "<", "lte": "<="}[op]
            out.append(f"{name} {symbol} {cedar_value(operand)}")
    return " && ".join(out)


def cedar_policies(protocol: Protocol) -> str:
    policies = ["permit(principal, action, resource);"]
    for scope in protocol.model.scope:
        # Out of scope is not a refusal: the scope never forbids.
        del scope
    scope_test = " && ".join(cedar_condition(s.condition) for s in protocol.model.scope) or "true"
    for rule in protocol.rules:
        source = rule.source
        if source.effect not in ("forbidden", "obligation"):
            continue
        when = [scope_test, "(" + " || ".join(f'context.actor_role == "{r}"'
                                               for r in source.roles) + ")"]
        if source.contexts:
            when.append("(" + " || ".join(f'context.context == "{c}"'
                                          for c in source.contexts) + ")")
        if source.actions:
            when.append("(" + " || ".join(f'context.action == "{a}"'
                                          for a in source.actions) + ")")
        when.append(cedar_condition(source.condition))
        unless = ""
        if source.effect == "forbidden" and source.exception is not None:
            unless = f" unless {{ {cedar_condition(source.exception.condition)} }}"
        if source.effect == "obligation":
            unless = f" unless {{ {cedar_condition(source.requires)} }}"
        policies.append(f"forbid(principal, action, resource) when {{ {' && '.join(when)} }}"
                        f"{unless};")
    return "\n".join(policies)


def cedar_request(facts: dict[str, Any]) -> dict[str, Any]:
    context = {cedar_name(k): ("none" if v is None else v) for k, v in facts.items()}
    return {"principal": 'User::"actor"', "action": 'Action::"act"',
            "resource": 'Situation::"s"', "context": context}


def main() -> None:
    protocols = [builtin_protocol("praktijkonderwijs-roermond-2015"),
                 builtin_protocol("willibrord-miland-2023")]
    space = [facts for _, facts in situation_space()]
    rng = random.Random(SEED)
    sample = [(rng.randrange(2), rng.choice(space)) for _ in range(N)]
    print(f"engine_evaluate: {N:,} situations drawn (seed {SEED}) from a space of "
          f"{len(space):,}, split over both seed protocols")

    start = time.perf_counter()
    ours = [decide(protocols[p], facts).verdict for p, facts in sample]
    ours_seconds = time.perf_counter() - start

    policy_sets = [cedarpy.PolicySet.from_str(cedar_policies(p)) for p in protocols]
    entities = cedarpy.Entities.from_json_str("[]")
    requests = [(p, cedar_request(facts)) for p, facts in sample]
    start = time.perf_counter()
    cedar: list[str] = [""] * N
    for p in (0, 1):
        indices = [i for i, (q, _) in enumerate(requests) if q == p]
        for offset in range(0, len(indices), 2000):
            chunk = indices[offset:offset + 2000]
            results = cedarpy.is_authorized_batch([requests[i][1] for i in chunk],
                                                  policy_sets[p], entities)
            for i, result in zip(chunk, results, strict=True):
                cedar[i] = "allow" if result.allowed else "deny"
    cedar_seconds = time.perf_counter() - start

    agree = sum((verdict in ("allowed", "out_of_scope")) == (c == "allow")
                for verdict, c in zip(ours, cedar, strict=True))
    ours_rate, cedar_rate = N / ours_seconds, N / cedar_seconds
    print(f"  protocolwijzer decide():  {ours_rate:>10,.0f} decisions/s ({ours_seconds:.2f} s)")
    print(f"  baseline cedarpy (batch): {cedar_rate:>10,.0f} decisions/s ({cedar_seconds:.2f} s)")
    print(f"  ratio ours/cedarpy: {ours_rate / cedar_rate:.2f}x; "
          f"verdicts agree on {agree:,} of {N:,} situations")
    counts = {v: ours.count(v) for v in sorted(set(ours))}
    print(f"  verdicts: {counts}")

    full_evaluate(protocols, rng)
    end_to_end()


def full_evaluate(protocols: list[Protocol], rng: random.Random) -> None:
    """evaluate() from a situation: contract validation, text analysis and the decision."""
    situations = []
    for _ in range(N_FULL):
        protocol = rng.choice(protocols)
        situations.append((protocol, parse_situation({
            "protocol": protocol.id, "actor": {"role": rng.choice(["staff", "student",
                                                                   "parent"])},
            "context": rng.choice(["lesson", "work", "off_duty"]), "school_related": True,
            "action": rng.choice(["publish", "discuss"]), "channel": "facebook",
            "account": "personal", "post": {"text": rng.choice(POSTS), "media": [
                {"kind": "photo", "people": [{"role": "student",
                                              "consent": rng.choice(["given", "unknown"])}]}]},
        })))
    start = time.perf_counter()
    for protocol, situation in situations:
        evaluate(protocol, situation)
    seconds = time.perf_counter() - start
    print(f"  evaluate() with Dutch text analysis: {N_FULL / seconds:,.0f} situations/s "
          f"({N_FULL:,} situations, {seconds * 1000 / N_FULL:.2f} ms each)")


def end_to_end() -> None:
    """p50/p99 of one ``protocolwijzer check FILE`` process, against ``python -c pass``.

    Both run as an installed program runs: with byte code (a ``PYTHONDONTWRITEBYTECODE``
    in the environment would make every check compile our modules from source, which no
    installed copy does) and with a cache directory of their own (``PW_CACHE_DIR``), which
    the first, unmeasured check fills. That first check, and checks with the cache turned
    off, are reported beside the figure.
    """
    exe = Path(sys.executable).with_name("protocolwijzer")
    situation = {"protocol": "willibrord-miland-2023", "actor": {"role": "staff"},
                 "context": "off_duty", "school_related": True, "action": "publish",
                 "channel": "facebook", "account": "personal",
                 "post": {"text": "Trots op onze leerlingen van groep 8 na de musical! Dit is "
                                  "mijn eigen mening. Ik ben niet verantwoordelijk voor "
                                  "reacties van anderen.",
                          "media": [{"kind": "photo", "people": [
                              {"role": "student", "consent": "given"},
                              {"role": "student", "consent": "unknown"}]}]}}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "situatie.json"
        path.write_text(json.dumps(situation), encoding="utf-8")
        env = {key: value for key, value in os.environ.items()
               if key != "PYTHONDONTWRITEBYTECODE"}
        env["PW_CACHE_DIR"] = str(Path(tmp) / "cache")
        argv = [str(exe), "check", str(path), "--format", "json"]

        def timed(argv: list[str], runs: int = CHECK_RUNS,
                  environment: dict[str, str] = env) -> list[float]:
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                subprocess.run(argv, capture_output=True, check=False, env=environment)
                times.append(time.perf_counter() - start)
            return sorted(times)

        first = timed(argv, 1)  # fills the cache (and writes byte code where missing)
        timed([sys.executable, "-c", "pass"], 3)
        # Interleaved, so that the machine's load falls on both alike.
        check: list[float] = []
        floor: list[float] = []
        for _ in range(CHECK_RUNS // 10):
            check += timed(argv, 10)
            floor += timed([sys.executable, "-c", "pass"], 10)
        check.sort()
        floor.sort()
        uncached = timed(argv, UNCACHED_RUNS, {**env, "PW_CACHE_DIR": ""})

    def p(times: list[float], q: float) -> float:
        return times[min(len(times) - 1, int(q * len(times)))] * 1000

    print(f"end-to-end `protocolwijzer check` ({CHECK_RUNS} runs): p50 {p(check, .5):.0f} ms, "
          f"p99 {p(check, .99):.0f} ms, slowest {check[-1] * 1000:.0f} ms, "
          f"mean {statistics.mean(check) * 1000:.0f} ms")
    print(f"  baseline bare interpreter start: p50 {p(floor, .5):.0f} ms, "
          f"p99 {p(floor, .99):.0f} ms, slowest {floor[-1] * 1000:.0f} ms; ratio p99 "
          f"check/interpreter: {p(check, .99) / p(floor, .99):.1f}x "
          f"(p50: {p(check, .5) / p(floor, .5):.1f}x)")
    print(f"  first check, filling the cache: {first[0] * 1000:.0f} ms; "
          f"without the cache (PW_CACHE_DIR=, {UNCACHED_RUNS} runs): p50 {p(uncached, .5):.0f} "
          f"ms, p99 {p(uncached, .99):.0f} ms")


if __name__ == "__main__":
    main()
