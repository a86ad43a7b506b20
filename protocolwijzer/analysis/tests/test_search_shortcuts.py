"""The analyser skips a search where its pattern cannot match; these tests read the
patterns themselves to check that each shortcut is right, so that it can only save time,
never change a result.

Plain pytest: the analyser is pure standard library and needs no Django.
"""

from __future__ import annotations

import re
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as parser  # type: ignore[attr-defined]
from typing import Any

from protocolwijzer.analysis import analyse_text
from protocolwijzer.analysis.abuse_rules import _ABUSE_RULES
from protocolwijzer.analysis.groups import _HATE_START, _hate_phrases
from protocolwijzer.analysis.regexcache import CASE_ALIKE, compile_words, word_start_first


def _chars(items: Any) -> set[str] | None:
    """The characters of a character class, or None when it is not a plain list."""
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None
    return chars


def _first(items: Any) -> tuple[set[str] | None, bool]:
    """The characters a match of a parsed pattern can begin with (None: any), and whether
    it can match the empty string."""
    first: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            return first | {chr(av)}, False
        if op is sre.IN:
            chars = _chars(av)
            return (None if chars is None else first | chars), False
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue   # takes no character
        if op is sre.SUBPATTERN:
            if av[1] & sre.SRE_FLAG_IGNORECASE:
                return None, False
            more, empty = _first(av[3])
        elif op is sre.BRANCH:
            more, empty = set(), False
            for alternative in av[1]:
                some, can_be_empty = _first(alternative)
                if some is None or more is None:
                    more = None
                else:
                    more |= some
                empty = empty or can_be_empty
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            more, empty = _first(av[2])
            empty = empty or av[0] == 0
        else:
            return None, False
        if more is None:
            return None, False
        first |= more
        if not empty:
            return first, False
    return first, True


def _needs(items: Any, marks: str) -> bool:
    """Whether every match of a parsed pattern takes one of the characters ``marks``."""
    for op, av in items:
        if op is sre.LITERAL and chr(av) in marks:
            return True
        if op is sre.IN and (chars := _chars(av)) is not None and chars <= set(marks):
            return True
        if op is sre.SUBPATTERN and _needs(av[3], marks):
            return True
        if op is sre.BRANCH and all(_needs(alternative, marks) for alternative in av[1]):
            return True
        if (op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1
                and _needs(av[2], marks)):
            return True
    return False


def test_every_hateful_phrase_begins_with_a_letter_the_search_stops_at() -> None:
    phrases, _kinds = _hate_phrases()
    parsed = parser.parse(phrases.pattern, phrases.flags)
    first, empty = _first(parsed.data)
    assert first is not None and not empty
    assert first <= set(_HATE_START), sorted(first - set(_HATE_START))


def test_a_rule_without_words_runs_only_where_one_of_its_emoji_stands() -> None:
    for rule in _ABUSE_RULES:
        assert rule.trigger or rule.marks, rule.source
        if rule.marks:
            parsed = parser.parse(rule.source, rule.pattern.flags)
            assert _needs(parsed.data, rule.marks), rule.source


def test_the_shortcuts_keep_hate_and_emoji_threats_found() -> None:
    assert "discrimination" in analyse_text("Alle moslims moeten het land uit.").abuse_kinds
    assert "threat" in analyse_text("\U0001F52A morgen na school ben je dood").abuse_kinds
    assert "insult" in analyse_text("Jij \U0001F595").abuse_kinds


def _matches(pattern: re.Pattern[str], text: str) -> list[Any]:
    found = []
    for pos in (0, 1, 2, 5):   # a search from inside the text looks back before it
        found += [(m.span(), m.groups(), m.lastgroup) for m in pattern.finditer(text, pos)]
    return found


def test_a_pattern_written_letter_first_finds_the_same_matches() -> None:
    # every rule's words, against word characters of every kind and at either end
    words = sorted({word for rule in _ABUSE_RULES for word in rule.trigger})
    text = " ".join(words)
    texts = [text, text.upper(), "_".join(words), "1".join(words), "\u00e9".join(words),
             "'".join(words), "-".join(words), ". ".join(words),
             "ik ga je slaan", "xik ga je slaan", "_ik", "ik", "9we", "\u00e9we zijn"]
    sources = [rule.source for rule in _ABUSE_RULES] + [
        r"\b(?:ik|we|wij)\s+\w+", r"\bik\b", r"\b(?P<tgt>hem|haar)\b", r"\b(?:a|[bc])x",
        r"\b(?:ik)?we", r"\bi?k", r"\b(?:ik|we)x|\bjij\b|ga", r"[a|b]\b(?:ik|we)"]
    rewritten = 0
    for source in sources:
        for flags in (0, re.IGNORECASE):
            faster = word_start_first(source, flags)
            rewritten += faster != source
            for sample in texts:
                assert (_matches(re.compile(faster, flags), sample)
                        == _matches(re.compile(source, flags), sample)), (source, sample)
    assert rewritten > len(_ABUSE_RULES)
    assert word_start_first(r"\b(?:ik|we)\s") == r"(?:i(?<!\wi)k|w(?<!\ww)e)\s"
    assert word_start_first(r"\b(?:ik|we)?\s") == r"\b(?:ik|we)?\s"   # an optional start stays


def test_a_group_that_opens_an_alternative_is_spread_over_it_with_the_same_matches() -> None:
    texts = ["gestuurd naar de mentor", "xgestuurd naar de mentor", "sturen naar de directeur",
             "ab cdx efx ghqx efqz cdxz abz", "_cdxz 9efxz \u00e9abz", "CDXZ EFXZ"]
    sources = [r"\b(?:ab|(?:cd|ef)x)z", r"\b(?:ab|(?:cd|(?:ef|gh)q)x)z",
               r"\b(?:ab|(?:cd|ef)x(?P<g>z))", r"\b(?:ab|(?:cd|ef)?x)z", r"\b(?:ab|(?:cd|ef)+x)z",
               r"\b(?:niet|(?:gestuurd|sturen)\s+naar\s+de\s+(?:mentor|directeur))\b"]
    for source in sources:
        for flags in (0, re.IGNORECASE):
            faster = word_start_first(source, flags)
            for sample in texts:
                assert (_matches(re.compile(faster, flags), sample)
                        == _matches(re.compile(source, flags), sample)), (source, sample)
    assert word_start_first(r"\b(?:ab|(?:cd|ef)x)z") == (
        r"(?:a(?<!\wa)b|c(?<!\wc)dx|e(?<!\we)fx)z")
    # a capturing group after the spread group would be there twice: left as it was
    assert word_start_first(r"\b(?:ab|(?:cd|ef)x(?P<g>z))") == r"\b(?:ab|(?:cd|ef)x(?P<g>z))"


def test_a_case_blind_start_is_found_from_a_set_of_both_cases_with_the_same_matches() -> None:
    # the set of first characters holds both cases of each letter and the characters
    # beyond ASCII that match it when case is ignored: checked against every character
    letter = re.compile(r"(?i:[a-z])")
    alike: dict[str, str] = {}
    for code in range(0x80, 0x110000):
        if letter.fullmatch(chr(code)):
            for ascii_letter in "abcdefghijklmnopqrstuvwxyz":
                if re.fullmatch(f"(?i:{ascii_letter})", chr(code)):
                    alike[ascii_letter] = alike.get(ascii_letter, "") + chr(code)
    assert alike == CASE_ALIKE
    sources = [
        r"\b(?i:juf|juffrouw|meester|mevr\.|de heer|mr\.)\s+(?P<name>[A-Z][a-z\u00e0-\u00ff]+)",
        r"\b(?i:(?:mijn|m'n|je)\s+(?:zoon|zus)|leerling|ik heet|naam:)\s+(?P<name>[A-Z]\w+)",
        r"\b(?i:sk|ik|kees)\b", r"\b(?i:ab|\dc)x", r"\b(?i:ab|cd)?x"]
    texts = ["juf Jan", "Juf Jan", "JUF Jan", "xjuf Jan", "_juf Jan", "9juf Jan",
             "\u00e9juf Jan", "\u212aees SK sk \u017fk \u0130K \u0131k ik IK", "Kees kees",
             "mijn zoon Piet en M'N ZUS Anna", "Leerling Bram, ik heet Daan", "naam: Eva",
             "meneer.De heer Jansen", "mevr. Smit", "Mr. Bean", "ab x abx 1cx",
             "de heer\nJansen", "juf\u00e9 Jan"]
    rewritten = 0
    for source in sources:
        for flags in (0, re.IGNORECASE):
            faster = word_start_first(source, flags)
            rewritten += faster != source
            for sample in texts:
                assert (_matches(re.compile(faster, flags), sample)
                        == _matches(re.compile(source, flags), sample)), (source, sample)
    assert rewritten == 6   # the last two: a digit first, an optional start
    assert word_start_first(r"\b(?i:ik|we)\s") == (
        "[Ii\u0130\u0131Ww]" + r"(?<!\w.)(?i:(?<=i)k|(?<=w)e)\s")


def test_a_pattern_is_only_compiled_letter_first_where_the_search_can_skip_ahead() -> None:
    # one set of a few first letters: skipped to
    assert compile_words(r"\b(?:ik|we)\s").pattern == r"(?:i(?<!\wi)k|w(?<!\ww)e)\s"
    # alternatives at the top that each begin with a letter: skipped to as well
    assert compile_words(r"\bik\b|\bwe\b").pattern == r"i(?<!\wi)k\b|w(?<!\ww)e\b"
    # one of them a group or a word boundary, or a start at most letters: the word
    # boundary is cheaper
    assert compile_words(r"\bik\b|\b(?:we|wij)\b").pattern == r"\bik\b|\b(?:we|wij)\b"
    assert compile_words(r"\bik\b|\b\d").pattern == r"\bik\b|\b\d"
    wide = r"\b(?:al|bo|co|de|ei|fa|go|ha)\b"
    assert compile_words(wide).pattern == wide
    assert compile_words(r"\b(?:ik|we)\s", re.IGNORECASE).pattern == r"\b(?:ik|we)\s"
    assert compile_words(r"\b(?i:juf|mr\.)\s").pattern.startswith("[JjMm]")


def test_a_leetspeak_word_is_found_from_the_start_of_its_run_only_with_the_same_matches() -> None:
    import random

    from protocolwijzer.analysis.normalise import _LEET_WORD

    anywhere = re.compile(r"[a-z0-9@$]*(?:[a-z][0-9@$]|[0-9@$][a-z])[a-z0-9@$]*")
    rng = random.Random(12)
    samples = ["h0er", "k4nk3r l0s3r", "je bent 1 l00ser", "n00b$ en @ap", "abc 123", "a1"]
    samples += ["".join(rng.choice("ab0@$ -.X9\u00e9") for _ in range(rng.randint(0, 14)))
                for _ in range(20000)]
    for sample in samples:
        assert ([m.span() for m in _LEET_WORD.finditer(sample)]
                == [m.span() for m in anywhere.finditer(sample)]), sample


def test_a_quote_is_found_from_its_mark_with_the_same_matches() -> None:
    import random

    from protocolwijzer.analysis.document import _QUOTE

    before = re.compile(
        r"(?:(?<=^)|(?<=[\s(:]))[\"“”„«‘'’`]([^\"“”„«»‘’'`\n]{1,120}?)[\"“”»‘’'`](?![a-z])")
    rng = random.Random(12)
    samples = ['hij zei "jij bent dom" en ging', "'ok'", ':"a"', "x'y'", '("a")b', "\n'a'"]
    samples += ["".join(rng.choice("ab \n(:x\"'“”`.") for _ in range(rng.randint(0, 14)))
                for _ in range(20000)]
    for sample in samples:
        assert ([(m.span(), m.span(1)) for m in _QUOTE.finditer(sample)]
                == [(m.span(), m.span(1)) for m in before.finditer(sample)]), sample


def test_laughter_and_affection_are_found_as_the_plain_pattern_finds_them() -> None:
    import random

    from protocolwijzer.analysis._context import FRIENDLY, FRIENDLY_EMOJI

    plain = re.compile(
        r"\b(?:(?:ha){2,}h?|(?:hi){2,}|(?:he){2,}|lo+l|xd|grapje|geintje|gg|xx+|ily|"
        r"hou\s+van\s+je)\b|[" + FRIENDLY_EMOJI + "]")
    pieces = ["ha", "hi", "he", "h", "l", "o", "x", "d", "g", "gg", " ", "a", "ily", "_", "9",
              "hou van je", "hou  van\nje", "grapje", "geintje", "\u00e9", *FRIENDLY_EMOJI]
    rng = random.Random(12)
    samples = ["hahaha jij sukkel", "xd", "lool", "haha", "ha", "jij \u2764", "hihi_", "ahaha"]
    samples += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
                for _ in range(20000)]
    for sample in samples:
        assert ([m.span() for m in FRIENDLY.finditer(sample)]
                == [m.span() for m in plain.finditer(sample)]), sample


def test_alternatives_sorted_by_their_first_letter_find_the_same_matches() -> None:
    import random

    from protocolwijzer.analysis.regexcache import by_first_letter

    sources = [r"\b(?:alle|ook|allemaal)x|\bjij",
               r"\b(?:(?:zwarte|turkse)(?:\s+(?:mensen|jongens))?|(?:moslim|trans)\w+"
               r"|(?<=voor een )(?:meisje|meid)|moskee|moskeeen|tyfus(?:turken|joden))(?![\w'])"
               r"|\b(?:zijn|is)\s+(?:turks|trans)\b",
               r"\b(?:niet|nooit|nie)\s+(?:ok|oke)|\bno+\b|\b(?:nee|ne)\b"]
    pieces = ["alle", "allemaal", "ook", "x", "jij", " ", "zwarte", "turkse", "mensen",
              "jongens", "moslim", "trans", "voor een ", "meisje", "meid", "moskee", "en",
              "tyfus", "turken", "zijn", "is", "'", "_", "niet", "nooit", "nie", "ok", "oke",
              "noo", "nee", "ne", "\u00e9", "9"]
    rng = random.Random(12)
    samples = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 7)))
               for _ in range(20000)]
    for source in sources:
        dispatched = by_first_letter(source)
        assert dispatched is not None and dispatched != source
        for sample in samples:
            assert (_matches(re.compile(dispatched), sample)
                    == _matches(re.compile(source), sample)), (source, sample)
    assert by_first_letter(r"\b(?:alle|ook|allemaal)x|\bjij") == (
        r"\b(?:a(?:lle|llemaal)x|ookx|jij)")
    # a capturing group, an alternative that is not a letter first, ignoring case: as it was
    assert by_first_letter(r"\b(?P<g>ab|cd)x") is None
    assert by_first_letter(r"\b(?:ab|\w+d)x") is None
    assert by_first_letter(r"\b(?:ab|cd)x|y") is None
    assert by_first_letter(r"\b(?:ab|cd)x", re.IGNORECASE) is None


def test_a_rule_with_an_optional_first_word_sorted_by_letter_finds_the_same_matches() -> None:
    import random

    from protocolwijzer.analysis.abuse_rules import _compiled
    from protocolwijzer.analysis.regexcache import by_first_letter, optional_start_spread

    assert optional_start_spread(r"\b(?:alle\s+|die\s+)?(?:x|y)z|\bq") == (
        r"\b(?:alle\s+|die\s+)(?:x|y)z|\b(?:x|y)z|\bq")
    # lazy, or capturing: as it was
    assert optional_start_spread(r"\b(?:ab)??c") == r"\b(?:ab)??c"
    assert optional_start_spread(r"\b(?P<g>ab)?c") == r"\b(?P<g>ab)?c"
    spread = [rule.source for rule in _ABUSE_RULES
              if optional_start_spread(rule.source) != rule.source
              and by_first_letter(optional_start_spread(rule.source)) is not None]
    assert len(spread) >= 2   # the group rules of "alle moslims zijn ..."
    pieces = ["alle", "die", "de", "zulke", "van", "moslims", "joden", "turken", "homo's",
              "marokkanen", "zijn", "horen", "hier", "niet", "bestaan", "zouden", "mogen",
              "tuig", "lui", "dom", "vies", "terug", "naar", "allemaal", " ", "  ", "\n",
              ".", "-", "'", "x", "9", "\u00e9"]
    rng = random.Random(12)
    samples = ["alle moslims zijn tuig", "die joden horen hier niet", "van die turken zijn lui"]
    samples += ["".join(rng.choice(pieces) + rng.choice(["", " ", " "])
                        for _ in range(rng.randint(0, 12))) for _ in range(20000)]
    for source in spread:
        plain = re.compile(source)
        for sample in samples:
            assert _matches(_compiled(source), sample) == _matches(plain, sample), sample


def test_health_conditions_sorted_by_letter_find_the_same_matches_and_groups() -> None:
    import random

    from protocolwijzer.analysis import personal_data as pd

    words = ["diabetes", "type", "1", "adhd", "add", "autisme", "ass", "pdd-nos", "pddnos",
             "ziek", "van", "goed", "depressief", "opgenomen", "in", "het", "een", "ziekenhuis",
             "kliniek", "aan", "zijn", "haar", "knie", "geopereerd", "been", "gebroken",
             "gips", "krukken", "therapeut", "burnout", "burn-out", "hij", "is", "heeft",
             "kanker", "griep", "soa", "hiv", "in het gips", "ziekte", "crohn", "x", "de",
             "psychiatrisch", "zwanger", "chronisch", "operatie", "blind", "doof", "'",
             "ziekgemeld", "syndroom", "down", "e", "s", "ontsteking", "oorontsteking"]
    rng = random.Random(12)
    samples = []
    while len(samples) < 3000:
        text = " ".join(rng.choice(words) for _ in range(rng.randint(40, 120)))
        samples.append(text.replace(" x ", rng.choice([" ", ". ", "\n", "-", ""])))
    for text in samples:
        expected = [(m.span(), m.lastgroup) for m in pd._CONDITION.finditer(text)]
        assert [(m.span(), m.lastgroup) for m in pd._conditions(text)] == expected, text
    # the sorted search runs for these (long, with neither word it leaves out)
    assert sum(len(t) >= pd._CONDITION_SORTED_FROM
               and not any(w in t for w in pd._CONDITION_UNCUT) for t in samples) > 50


def test_employee_rules_are_skipped_only_where_their_place_is_found_nowhere() -> None:
    import random

    from protocolwijzer.analysis.disclaimers import _employee_checks

    pieces = ["ik", "ben", "werk", "als", "een", "docent", "juf", "leerkracht", "mentor",
              "bij", "op", "van", "aan", "@", "at", "de", "deze", "onze", "het", "mijn",
              "school", "basisschool", "vestiging", "het lyceum", "de vmbo", "hier",
              "sinds", "2019", "waar", "lesgeef", "werken", "is", "leuk", ",", ".", "\n",
              "-", "mijn werkgever", "wij als team", "collega's", "groep", "6", "x",
              "de valk", "valk", "college", "oud-docent", "niet"]
    rng = random.Random(12)
    samples = ["ik werk als docent bij de valk", "leerkracht groep 6 @ onze school",
               "als mentor op deze school", "ik ben hier mentor", "de valk, waar ik lesgeef"]
    samples += [" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
                for _ in range(20000)]
    for names in ((), ("De Valk",)):
        place, rules = _employee_checks(names)
        assert sum(needs for _rule, needs in rules) == len(rules) - 1
        matched = 0
        for text in samples:
            for rule, needs_place in rules:
                if needs_place and rule.search(text):
                    matched += 1
                    assert place.search(text), (text, rule.pattern)
        assert matched > 100


def test_a_pattern_is_skipped_only_for_a_text_without_a_string_each_match_holds() -> None:
    import random

    from protocolwijzer.analysis.disclaimers import (
        _OWN_OPINION,
        _THIRD_PARTY_FULL,
        _employee_checks,
    )
    from protocolwijzer.analysis.regexcache import could_match, required_strings

    assert required_strings(re.compile(r"\b(?:op|uit)\s+eigen\s+titels\b")) == ("titels",)
    assert required_strings(re.compile(r"\b(?:mij|jouzelf)\b")) == ("jouzelf", "mij")
    assert required_strings(re.compile(r"d(?<!\wd)it\s+is")) == ("dit",)
    # a part that may be left out, a case-blind one, a class: no string to go by
    assert required_strings(re.compile(r"\b(?:mijn\s+)?x\w+")) is None
    assert required_strings(re.compile(r"(?i:titel)")) is None
    assert required_strings(re.compile(r"titel", re.IGNORECASE)) is None
    assert required_strings(re.compile(r"(?:[a-z]+|abc)def")) == ("def",)
    titles = re.compile(r"\bop\s+eigen\s+titels\b")
    # read from the third search on (a one-off check does not parse its patterns again)
    assert [could_match(titles, "op eigen houtje") for _ in range(5)] == [
        True, True, True, False, False]
    patterns = [*_OWN_OPINION, *_THIRD_PARTY_FULL,
                *(rule for rule, _needs in _employee_checks(("De Valk",))[1])]
    assert sum(required_strings(p) is not None for p in patterns) >= 20
    pieces = ["dit", "is", "mijn", "eigen", "persoonlijke", "mening", "op", "titel", "prive",
              "niet", "namens", "school", "werkgever", "mezelf", "mijzelf", "spreek", "voor",
              "reacties", "van", "derden", "zijn", "hun", "rekening", "views", "are", "my",
              "own", "ik", "werk", "als", "docent", "bij", "de", "valk", "waar", "lesgeef",
              "staat", "los", "werk", ",", ".", "(", "\n", "x", "standpunt", "team", "ben"]
    rng = random.Random(12)
    samples = [" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
               for _ in range(20000)]
    matched = 0
    for pattern in patterns:
        needed = required_strings(pattern)
        for text in samples:
            for match in pattern.finditer(text):
                matched += 1
                assert needed is None or any(w in match.group() for w in needed), (
                    pattern.pattern, text)
                assert could_match(pattern, text)
    assert matched > 100


def test_a_lazy_context_pattern_is_skipped_only_where_it_cannot_match() -> None:
    import random

    from protocolwijzer.analysis import _context, boundaries, offences, school
    from protocolwijzer.analysis._context import Lazy
    from protocolwijzer.analysis.regexcache import required_strings

    lazies = {id(value): value for module in (_context, boundaries, offences, school)
              for value in vars(module).values() if isinstance(value, Lazy)}
    gated = [lazy for lazy in lazies.values() if required_strings(lazy.compiled) is not None]
    assert len(gated) >= 10
    rng = random.Random(12)
    matched = 0
    for lazy in gated:
        # texts of the pattern's own words, so that many of them match
        words = [*re.findall(r"[a-z']{2,}", lazy.compiled.pattern), "x", "1", ",", ".", "\n"]
        needed = required_strings(lazy.compiled)
        assert needed is not None
        for _ in range(400):
            text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 10)))
            for match in lazy.compiled.finditer(text):
                matched += 1
                assert any(w in match.group() for w in needed), (lazy.compiled.pattern, text)
            assert (lazy.search(text) is None) == (lazy.compiled.search(text) is None), text
            assert ([m.span() for m in lazy.finditer(text)]
                    == [m.span() for m in lazy.compiled.finditer(text)]), text
    assert matched > 500


def test_a_negative_look_back_before_the_first_letter_is_sorted_with_the_same_matches() -> None:
    import random

    from protocolwijzer.analysis.regexcache import by_first_letter, compile_words
    from protocolwijzer.analysis.school import _UNANNOUNCED

    source = r"\b(?:(?<!\bik\s)(?<!\bwe\s)(?:weet|weten)\s+nog|wie|ss+t+)\b"
    assert by_first_letter(source) == (
        r"\b(?:w(?:(?<!\bik\sw)(?<!\bwe\sw)(?:eet|eten)\s+nog|ie)\b|ss+t+\b)")
    assert _UNANNOUNCED.compiled.pattern != _UNANNOUNCED._source   # sorted by letter
    plain = compile_words(_UNANNOUNCED._source)
    words = [*re.findall(r"[a-z]{2,}", _UNANNOUNCED._source), "ik", "we", "je", "sst", "x"]
    rng = random.Random(12)
    samples = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 8)))
               for _ in range(20000)]
    samples += ["ik weet het nog niet", "de ouders weten het nog niet", "ssst onder ons"]
    found = 0
    for sample in samples:
        expected = _matches(plain, sample)
        found += bool(expected)
        assert _matches(_UNANNOUNCED.compiled, sample) == expected, sample
        got = _matches(re.compile(by_first_letter(source) or ""), sample)
        assert got == _matches(re.compile(source), sample), sample
    assert found > 1000


def test_context_answers_kept_per_sentence_take_back_the_same_hits() -> None:
    from protocolwijzer.analysis._context import _neutralised
    from protocolwijzer.analysis.abuse import _lexicon_hits
    from protocolwijzer.analysis.abuse_rules import _rule_hits
    from protocolwijzer.analysis.document import _document
    from protocolwijzer.analysis.groups import _group_hits
    from protocolwijzer.analysis.normalise import _normalise

    texts = ["Hij noemde me 'kankerlijer' en 'mongool'. Dat is echt niet ok.",
             "'Moslims zijn tuig' zeg ik. Jij bent een sukkel en een loser.",
             "Ik heb gemeld dat hij 'aap' werd genoemd. Racisme is niet ok! Kut.",
             "Zeggen dat homo's ziek zijn is discriminatie. Jij sukkel. Ik sla je.",
             "Ik ben een Polak en trots. Polakken zijn tuig. Ik maak je af.",
             "We moeten stoppen met 'sukkel' en 'loser' zeggen. Tyfuslijer. Kanker op."]
    hits_seen = 0
    for text in texts:
        doc = _document(_normalise(text))
        found = _lexicon_hits(doc) + _rule_hits(doc) + _group_hits(doc)
        seen: dict[tuple[int, int], bool] = {}
        assert ([_neutralised(doc, h, seen) for h in found]
                == [_neutralised(doc, h) for h in found]), text
        hits_seen += len(found)
    assert hits_seen > 15
