"""A trained abuse model beside the rules (issue 12).

The rules of :mod:`protocolwijzer.analysis.text` know words and constructions; pupils write
in endless phrasings they do not know ("die kech ruikt naar zn moeders kelder", "niemand
wil jou in de groep 💀"). This module reads such messages with a linear classifier over
character and word n-grams, trained by ``scripts/train-text-model``
(:mod:`protocolwijzer.train_text_model`) on the development corpus
``bench/data/text/corpus/dev/`` (and the older development sets) and shipped as
``data/abuse_model.bin``. Nothing is downloaded and no machine-learning library is needed
at run time: the weights are read once, on first use (about ten milliseconds), and a
reading is a sum of array entries (for a long text summed with numpy: ``model_arrays``).
``score.combine`` decides what the model may add to the rules and take back from them.

Features (one function, :func:`features`, for training and reading alike)
    The text is folded to lowercase without accents, emoji modifiers and joiners are
    dropped, white space is collapsed, every digit reads as 0 and repeated letters are
    squeezed to one ("loooser", "looser" and "loser" are one word). Then: character
    n-grams of 2 to 5 over the whole text (so they cross word borders: "je b", "t een "),
    and word unigrams and bigrams. Each feature is hashed with CRC-32 (stable across
    processes, unlike ``hash()``) into 2**20 buckets. A text's features are binary, each
    block (characters, words) scaled to unit length, and each bucket weighted by how much
    more often it occurs in abusive than in other messages (NB-weighting, Wang & Manning
    2012), which is folded into the stored weights.

Abuse
    Logistic regression without an intercept (a text of words the model never saw reads
    as even odds): :func:`read` gives the probability that the text is abusive, and
    :data:`MODEL_THRESHOLD` is where the model alone calls it so. Buckets seen in fewer
    than two training messages carry no weight (but count in the length).

Kinds
    A second linear model, trained on the abusive messages only, chooses one of the
    analyser's kinds (``ABUSE_KINDS``) for a finding the rules did not make. The corpus's
    sixteen kinds map onto them like this (``KIND_MAP``): name-calling, degrading
    nicknames, mockery, ridicule, passive-aggressive put-downs, defamation and
    encouragement of self-harm are ``insult``; threats and stalking ``threat``; exclusion
    and calls on others to harass ``exclusion``; doxxing ``doxxing``; sexual remarks,
    intimate pictures and an adult's boundary crossing ``sexual``; hate against a group
    ``discrimination``.

Where
    Each bucket's contribution (its weight times its value) is spread over the characters
    of the n-gram or word that produced it; the run of whole sentences whose words add up
    to the most (Kadane's algorithm over the sentences' sums) is the span the checker
    marks. Measured on the corpus's own spans, leaving one voice out: the span holds the
    writer's abusive words in nine messages out of ten.
"""

from __future__ import annotations

import bisect
import json
import math
import sys
import unicodedata
import zlib
from array import array
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import accumulate, pairwise, repeat
from operator import itemgetter
from pathlib import Path
from typing import Any, Final, NamedTuple

from . import regexcache as re  # re, with compiled patterns kept between processes
from .folding import Table, translate

MODEL_FILE: Final = Path(__file__).with_name("data") / "abuse_model.bin"
FORMAT: Final = "protocolwijzer-abuse-model/1"

# The corpus's kinds (bench/data/text/corpus/WRITERS.md) on the analyser's kinds.
KIND_MAP: Final = {
    "insult": "insult", "nickname": "insult", "mockery": "insult", "ridicule": "insult",
    "passive_aggressive": "insult", "defamation": "insult", "self_harm": "insult",
    "threat": "threat", "stalking": "threat",
    "exclusion": "exclusion", "call_to_harass": "exclusion",
    "doxxing": "doxxing",
    "sexual_remark": "sexual", "sexual_image": "sexual", "boundary_crossing": "sexual",
    "group_hate": "discrimination",
}


class Settings(NamedTuple):
    """How a text becomes features; stored in the model file with the weights."""

    char_min: int = 2
    char_max: int = 5
    squeeze: bool = True       # repeated letters become one
    bits: int = 20             # 2**bits hash buckets


SETTINGS: Final = Settings()

# --------------------------------------------------------------------------------------
# Features
# --------------------------------------------------------------------------------------

_DROPPED: Final = frozenset({0xFE0E, 0xFE0F, 0x200D, *range(0x1F3FB, 0x1F400)})
_CHAR_SEED: Final = zlib.crc32(b"char")
_WORD_SEED: Final = zlib.crc32(b"word")
_PAIR_SEED: Final = zlib.crc32(b"pair")
# Words (letters and digits, with "zn", "m'n", "'s") and single symbols such as emoji;
# punctuation is left to the character n-grams.
_TOKEN: Final = re.compile(r"[^\W_]+(?:'[^\W_]+)?|[^\w\s.,;:!?'\"()\[\]{}/\\*&%+=<>#@~^`|-]")


@lru_cache(maxsize=4096)
def _fold(ch: str) -> str:
    if ord(ch) in _DROPPED:
        return ""
    decomposed = unicodedata.normalize("NFKD", ch.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _view_char(ch: str) -> str:
    """What a character becomes in the normalised view: folded (:func:`_fold`), white
    space as a space and digits as 0."""
    folded = ch.lower() if ch.isascii() else _fold(ch)
    return "".join(" " if c.isspace() else "0" if c.isdigit() else c for c in folded)


_FOLDING: Final = Table(_view_char)
_NON_ASCII: Final = re.compile(r"[^\x00-\x7f]")
_RUN: Final = re.compile(r"(.)\1+", re.S)


class View(NamedTuple):
    """The normalised text; ``idx[i]`` is the original offset of character ``i``."""

    text: str
    idx: list[int]


def normalise(text: str, settings: Settings = SETTINGS) -> View:
    """The text folded character by character (lowercase, no accents, no emoji modifiers
    or joiners, white space a space, digits 0), then each run of spaces, and of one
    repeated letter when ``settings.squeeze``, kept as its first character, and the space
    at either end dropped. Done with ``str.translate`` and a search for runs rather than
    character by character: the same view, a fraction of the work."""
    folded = translate(text, _FOLDING)
    # Where each folded character came from: the same place unless a character was
    # dropped or became several (a joiner, "ﬁ").
    origin: list[int] | None = None
    if not text.isascii():
        pieces: list[Any] = []
        last = 0
        for m in _NON_ASCII.finditer(text):
            i = m.start()
            size = len(_FOLDING[ord(text[i])])
            if size != 1:
                pieces += (range(last, i), (i,) * size)
                last = i + 1
        if pieces:
            origin = []
            for piece in pieces:
                origin += piece
            origin += range(last, len(text))
    chars: list[str] = []
    idx: list[int] = []
    start = 0
    for m in _RUN.finditer(folded):
        c = m.group(1)
        if c == " " or (settings.squeeze and c.isalpha()):
            end = m.start() + 1
            chars.append(folded[start:end])
            idx += origin[start:end] if origin is not None else range(start, end)
            start = m.end()
    chars.append(folded[start:])
    idx += origin[start:] if origin is not None else range(start, len(folded))
    view = "".join(chars)
    if view.startswith(" "):
        view = view[1:]
        del idx[0]
    if view.endswith(" "):
        view = view[:-1]
        idx.pop()
    return View(view, idx)


# Runs of one character that the view keeps as one: a space or an ASCII letter (a capital
# too: "ℌ" folds to "H"), and any other character, kept as one only if it is a letter.
_SQUEEZED: Final = re.compile(r"([ A-Za-z])\1+")
_WIDE_RUN: Final = re.compile(r"([^\x00-\x7f])\1+")
_SPACES: Final = re.compile(r"  +")


def normalised_text(text: str, settings: Settings = SETTINGS) -> str:
    """``normalise(text, settings).text``, without the offsets that reading a text's
    probability does not need: the runs are squeezed by two searches in C, not one Python
    step each (a run of one letter never disappears, so squeezing the ASCII runs first
    leaves the others as they were)."""
    folded = translate(text, _FOLDING)
    if not settings.squeeze:
        view = _SPACES.sub(" ", folded)
    else:
        view = _SQUEEZED.sub(r"\1", folded)
        if not view.isascii():
            view = _WIDE_RUN.sub(_squeezed_if_letter, view)
    if view.startswith(" "):
        view = view[1:]
    if view.endswith(" "):
        view = view[:-1]
    return view


def _squeezed_if_letter(match: re.Match[str]) -> str:
    return match.group(1) if match.group(1).isalpha() else match.group()


class Features(NamedTuple):
    """A text's features as hash buckets: its character n-grams size by size and left to
    right (where each stands follows from its place: :func:`char_positions`), and its
    words and word pairs with where they stand in the normalised text."""

    chars: list[int]
    words: list[int]
    word_spans: list[tuple[int, int]]


def features(view: View, settings: Settings = SETTINGS) -> Features:
    """Every feature of a normalised text: the one definition that training and reading
    share."""
    mask = (1 << settings.bits) - 1
    text = view.text
    if not text:
        return Features([], [], [])
    chars: list[int] = []
    for hashes in _char_hashes(text, settings):
        chars += map(mask.__and__, hashes)
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    words = [hash_ & mask for hash_ in _word_hashes([word for word, _, _ in tokens])]
    spans = [(start, end) for _, start, end in tokens]
    spans += [(start, end) for (_, start, _), (_, _, end) in pairwise(tokens)]
    return Features(chars, words, spans)


def _char_hashes(text: str, settings: Settings) -> Iterator[list[int]]:
    """The CRC-32 of each character n-gram of the padded text (its UTF-8 bytes), size by
    size and left to right, unmasked. CRC-32 runs on: the n-gram at ``i`` one longer is
    the CRC of its last character continued from the shorter one's, so every n-gram costs
    one call on one character, and no n-gram is cut out of the text."""
    # White space is collapsed and trimmed, so no n-gram of the padded text is all space.
    crc = zlib.crc32
    padded = " " + text + " "
    pieces = list(map(_ENCODED.__getitem__, padded))
    hashes = list(map(_SEEDED.__getitem__, padded))
    for size in range(1, settings.char_max + 1):
        if size > 1:
            hashes = list(map(crc, pieces[size - 1:], hashes))
        if size >= settings.char_min:
            yield hashes


class _Encoded(dict[str, bytes]):
    """Each character's UTF-8 bytes, kept as characters occur (a view holds few)."""

    def __missing__(self, ch: str) -> bytes:
        value = self[ch] = ch.encode()
        return value


class _Seeded(dict[str, int]):
    """Each character's CRC-32 as a character n-gram of one (from ``_CHAR_SEED``)."""

    def __missing__(self, ch: str) -> int:
        value = self[ch] = zlib.crc32(ch.encode(), _CHAR_SEED)
        return value


_ENCODED: Final = _Encoded()
_SEEDED: Final = _Seeded()


def _word_hashes(words: list[str]) -> list[int]:
    """The CRC-32 of each word, then of each pair of neighbouring words ("a b"), unmasked."""
    crc = zlib.crc32
    encoded = list(map(str.encode, words))
    # a pair is the first word continued with " " and the second: two calls, not three
    spaced = list(map(b" ".__add__, encoded))
    pairs = map(crc, spaced[1:], map(crc, encoded, repeat(_PAIR_SEED)))
    return [*map(crc, encoded, repeat(_WORD_SEED)), *pairs]


def buckets(view: View, settings: Settings = SETTINGS) -> tuple[set[int], set[int]]:
    """The distinct buckets of a text's character n-grams and of its words and word pairs:
    ``set(features(view).chars)`` and ``set(features(view).words)``, which is all that
    its probability needs, without the order and places."""
    text = view.text
    if not text:
        return set(), set()
    return _char_buckets(text, settings), _word_buckets(text, settings)


def _char_buckets(text: str, settings: Settings) -> set[int]:
    chars = array("I")
    for some in _char_hashes(text, settings):
        chars.extend(some)
    return set(_masked(chars, settings.bits))


def _word_buckets(text: str, settings: Settings) -> set[int]:
    words = array("I", _word_hashes(_TOKEN.findall(text)))
    return set(_masked(words, settings.bits))


# The low byte of each CRC's third byte, for 16 < bits <= 24 (a table for bytes.translate).
_THIRD_BYTE: Final = {bits: bytes(b & ((1 << (bits - 16)) - 1) for b in range(256))
                      for bits in range(17, 25)}
_LITTLE_WORDS: Final = sys.byteorder == "little" and array("I").itemsize == 4


def _masked(values: array, bits: int) -> array:  # type: ignore[type-arg]
    """Each value's low ``bits`` bits (``value & (2**bits - 1)``): for the usual sizes
    on the array's bytes, in C, rather than one Python call a value."""
    if _LITTLE_WORDS and bits in _THIRD_BYTE:
        raw = bytearray(values)
        raw[2::4] = raw[2::4].translate(_THIRD_BYTE[bits])
        raw[3::4] = bytes(len(values))
        return array("I", raw)
    return array("I", map(((1 << bits) - 1).__and__, values))


def char_positions(length: int, settings: Settings = SETTINGS) -> Iterator[tuple[int, int]]:
    """Where each character n-gram of :func:`features` stands in a normalised text of
    ``length`` characters, in the same order (the padding spaces left out)."""
    if not length:
        return
    for size in range(settings.char_min, settings.char_max + 1):
        # n-gram i of the padded text covers characters i - 1 .. i - 1 + size
        if length + 3 - size > 0:
            yield from zip([0, *range(length + 2 - size)],
                           [*range(size - 1, length + 1), length], strict=True)


def vector(found: Features) -> dict[int, float]:
    """The feature values of a text: binary per block (characters, words), each block of
    unit length; a bucket that both blocks hit adds up."""
    values: dict[int, float] = {}
    for block in (set(found.chars), set(found.words)):
        if block:
            value = 1.0 / math.sqrt(len(block))
            for bucket in block:
                values[bucket] = values.get(bucket, 0.0) + value
    return values


# --------------------------------------------------------------------------------------
# The model file
# --------------------------------------------------------------------------------------

# The file: one line of JSON (the header: format, corpus hash, settings, scales, and where
# each packed array starts), then the arrays, each zlib-compressed little-endian bytes.

def encode(header: dict[str, Any], arrays: dict[str, array]) -> bytes:  # type: ignore[type-arg]
    """The model file for ``header`` and the ``arrays`` it names (``read_file``'s inverse);
    the same contents give the same bytes."""
    blobs: dict[str, list[Any]] = {}
    body = b""
    for name, values in sorted(arrays.items()):
        if sys.byteorder == "big":
            values = array(values.typecode, values)
            values.byteswap()
        packed = zlib.compress(values.tobytes(), 9)
        blobs[name] = [values.typecode, len(body), len(packed)]
        body += packed
    head = json.dumps({**header, "arrays": blobs}, sort_keys=True, separators=(",", ":"))
    return head.encode("utf-8") + b"\n" + body


def read_header(data: bytes) -> dict[str, Any]:
    """The header of a model file."""
    header: dict[str, Any] = json.loads(data[:data.index(b"\n")])
    if header.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} file")
    return header


def _unpack(data: bytes, header: dict[str, Any], name: str) -> array:  # type: ignore[type-arg]
    typecode, offset, size = header["arrays"][name]
    start = data.index(b"\n") + 1 + offset
    values = array(typecode)
    values.frombytes(zlib.decompress(data[start:start + size]))
    if sys.byteorder == "big":
        values.byteswap()
    return values


@dataclass(frozen=True)
class AbuseModel:
    """The weights, quantised as they are stored. A bucket's abuse weight is
    ``weights[bucket] * abuse_scale`` (one int16 for every bucket, zero for the buckets
    that carry none, so that reading is an index and loading builds no dictionary). The
    kind weights are kept for the buckets that have any, sorted (``kind_table``): the
    weight of the bucket ``buckets[row]`` for kind ``k`` is ``kind_weights[row *
    len(kinds) + k] * kind_scale``. They are only needed for a finding of the model's
    own, so they are unpacked then, not at start-up."""

    settings: Settings
    weights: array  # type: ignore[type-arg]
    abuse_scale: float
    abuse_bias: float
    kinds: tuple[str, ...]
    kind_scale: float
    kind_bias: tuple[float, ...]
    corpus_sha256: str
    data: bytes = field(repr=False)   # the file, for the kind table

    @classmethod
    def from_bytes(cls, data: bytes) -> AbuseModel:
        header = read_header(data)
        settings = Settings(**header["settings"])
        weights = _unpack(data, header, "abuse")
        if len(weights) != 1 << settings.bits:
            raise ValueError("the abuse weights do not fill the hash space")
        return cls(settings=settings, weights=weights,
                   abuse_scale=float(header["abuse_scale"]),
                   abuse_bias=float(header["abuse_bias"]), kinds=tuple(header["kinds"]),
                   kind_scale=float(header["kind_scale"]),
                   kind_bias=tuple(float(b) for b in header["kind_bias"]),
                   corpus_sha256=str(header["corpus_sha256"]), data=data)

    @cached_property
    def kind_table(self) -> tuple[array, array]:  # type: ignore[type-arg]
        """The sorted buckets that have kind weights (stored as the gaps between them),
        and the kind weights, row by row."""
        header = read_header(self.data)
        buckets = array("I", accumulate(_unpack(self.data, header, "buckets")))
        return buckets, _unpack(self.data, header, "kind_weights")

    def kind_row(self, bucket: int) -> int | None:
        """The row of ``bucket`` in the kind weights, or None when it has none."""
        buckets = self.kind_table[0]
        row = bisect.bisect_left(buckets, bucket)
        return row if row < len(buckets) and buckets[row] == bucket else None


_override: list[AbuseModel | None] = []


@lru_cache(maxsize=1)
def _shipped() -> AbuseModel:
    return AbuseModel.from_bytes(MODEL_FILE.read_bytes())


def current() -> AbuseModel | None:
    """The model in use: the shipped file, read once."""
    return _override[-1] if _override else _shipped()


@contextmanager
def using(model: AbuseModel | None) -> Iterator[None]:
    """Read with another model for a while, or with none (the rules alone): cross-
    validation runs ``analyse_text`` with a model that never saw the voice it is tested
    on, and the speed benchmark times the rules alone beside rules and model."""
    _override.append(model)
    try:
        yield
    finally:
        _override.pop()


# --------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------

class Reading:
    """What the model makes of one text: the probability that it is abusive; computed
    when asked, the likeliest kind were it so and the words that weigh most."""

    def __init__(self, probability: float, text: str, model: AbuseModel) -> None:
        self.probability = probability
        self._text = text
        self._model = model

    @cached_property
    def _view(self) -> View:
        return normalise(self._text, self._model.settings)

    @cached_property
    def _found(self) -> Features:
        return features(self._view, self._model.settings)

    @cached_property
    def _values(self) -> dict[int, float]:
        return vector(self._found)

    @cached_property
    def kind(self) -> str:
        """The likeliest of the analyser's kinds, were the text abusive."""
        model = self._model
        width = len(model.kinds)
        flat = model.kind_table[1]
        kind_z = [bias / model.kind_scale for bias in model.kind_bias]
        for bucket, value in self._values.items():
            row = model.kind_row(bucket)
            if row is not None:
                for k in range(width):
                    kind_z[k] += flat[row * width + k] * value
        return model.kinds[max(range(width), key=kind_z.__getitem__)]

    @cached_property
    def _contributions(self) -> list[tuple[int, int, float]]:
        return _word_contributions(self._view, self._found, self._values, self._model)

    @cached_property
    def words(self) -> tuple[tuple[int, int, float], ...]:
        """Each word (original offsets) with its contribution, the largest first."""
        idx = self._view.idx
        return tuple(sorted(((idx[start], idx[end - 1] + 1, score)
                             for start, end, score in self._contributions),
                            key=lambda word: -word[2]))

    @cached_property
    def evidence(self) -> tuple[int, int, float] | None:
        """The word that counts most for abuse and is not a function word ("je", "hem",
        "hij": a message about a person is not yet abuse), in original offsets, or None."""
        text, idx = self._view
        best: tuple[int, int, float] | None = None
        for start, end, score in self._contributions:
            if score > 0 and text[start:end].strip(_PUNCTUATION) not in _function_words() \
                    and (best is None or score > best[2]):
                best = (start, end, score)
        if best is None:
            return None
        return idx[best[0]], idx[best[1] - 1] + 1, best[2]

    @cached_property
    def negated(self) -> bool:
        """Whether a negation stands just before the word of ``evidence`` ("ik ga je niet
        slaan"): the model does not read negation, the words around it do."""
        if self.evidence is None:
            return False
        text, idx = self._view
        start = bisect.bisect_left(idx, self.evidence[0])
        return bool(_NEGATED.search(text[max(0, start - 8):start]))

    @cached_property
    def span(self) -> tuple[int, int] | None:
        """The run of whole sentences whose words add up to the most (original offsets),
        its end punctuation left out; None for a text without words."""
        return _best_sentences(self._view, self._contributions)


def _sigmoid(z: float) -> float:
    if z < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


def read(text: str) -> Reading | None:
    """The model's reading of ``text``, or None when no model is in use."""
    model = current()
    if model is None:
        return None
    z = 0.0
    for total, count in weight_sums(normalised_text(text, model.settings), model):
        if count:
            z += total / math.sqrt(count)
    z = z * model.abuse_scale + model.abuse_bias
    return Reading(_sigmoid(z), text, model)


# From this many characters, a text's character n-grams are read with numpy
# (``model_arrays``): about a third of the time on a 1,000-character post. Shorter texts
# are read here, so that a one-off check of a short post does not load numpy.
ARRAYS_FROM: Final = 200


def weight_sums(text: str, model: AbuseModel, *,
                arrays: bool | None = None) -> tuple[tuple[int, int], tuple[int, int]]:
    """For the character n-grams and for the words and word pairs of a normalised text:
    the sum of the weights of their distinct buckets, and how many there are. ``arrays``
    chooses the way (numpy or not; by default numpy from ``ARRAYS_FROM`` characters)."""
    if not text:
        return (0, 0), (0, 0)
    if arrays if arrays is not None else len(text) >= ARRAYS_FROM:
        from .model_arrays import char_weight_sum, word_weight_sum

        return (char_weight_sum(text, model),
                word_weight_sum(_word_hashes(_TOKEN.findall(text)), model))
    return (_weight_sum(_char_buckets(text, model.settings), model),
            _weight_sum(_word_buckets(text, model.settings), model))


def _weight_sum(block: set[int], model: AbuseModel) -> tuple[int, int]:
    if not block:
        return 0, 0
    # all the block's weights in one call (one bucket gives the weight, not a tuple)
    picked = itemgetter(*block)(model.weights)
    return (sum(picked) if len(block) > 1 else picked), len(block)


def abuse_probability(text: str) -> float:
    """How likely the model finds it that ``text`` is abusive, 0..1 (0 without a model)."""
    reading = read(text)
    return reading.probability if reading else 0.0


def _word_contributions(view: View, found: Features, values: dict[int, float],
                        model: AbuseModel) -> list[tuple[int, int, float]]:
    """Each word of the text (normalised offsets) with the summed contribution of the
    features over its characters: a bucket's weight times its value, shared equally by
    its occurrences and spread evenly over their characters (added up as differences,
    so that a long n-gram costs no more than a short one)."""
    length = len(view.text)
    placed = list(zip(found.chars, char_positions(length, model.settings), strict=True))
    placed += zip(found.words, found.word_spans, strict=True)
    occurrences = Counter(bucket for bucket, _ in placed)
    weights, scale = model.weights, model.abuse_scale
    steps = [0.0] * (length + 1)
    for bucket, (start, end) in placed:
        stored = weights[bucket]
        if stored and end > start:
            share = stored * scale * values[bucket] / occurrences[bucket] / (end - start)
            steps[start] += share
            steps[end] -= share
    # running sums: per character, then up to each character
    upto = [0.0, *accumulate(accumulate(steps[:length]))]
    return [(m.start(), m.end(), upto[m.end()] - upto[m.start()])
            for m in _WORD.finditer(view.text)]


_WORD: Final = re.compile(r"\S+")
_PUNCTUATION: Final = ".,;:!?'\"()[]…"
_NEGATED: Final = re.compile(r"\b(?:niet|geen|nooit)\s+$")
# Pronouns, articles, auxiliaries and fillers: on their own they say that a message is
# about someone, not that it hurts them. "eens" and "meer" too, so that "hij kan niet eens
# lezen" and "je bent niet meer welkom" rest on a word that no negation takes back.
FUNCTION_WORDS: Final = frozenset("""
ik je jij jou jouw u uw hij hem zij ze haar wij we ons onze jullie hun hen zich mij me
mijn m'n zn z'n die dat deze dit de het een en of maar is ben bent zijn was waren wordt
worden heb hebt heeft hebben had ga gaat gaan kan kun kunt moet moeten wil wilt zal zou
er hier daar nu al ook nog wel niet geen nooit zo dan als om te van in op aan met voor
naar bij uit door over tot hoor toch even ff echt gewoon wat wie waar hoe waarom eens meer
""".split())
_SENTENCE_END: Final = re.compile(r"[.!?\n]")


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    """``FUNCTION_WORDS`` as the normalised view spells them ("hoor" -> "hor")."""
    return frozenset(normalise(word).text for word in FUNCTION_WORDS)


def _best_sentences(view: View,
                    words: list[tuple[int, int, float]]) -> tuple[int, int] | None:
    """The run of consecutive sentences with the largest sum of word contributions
    (Kadane's algorithm over the sentences' sums): a finding reads as whole sentences,
    and a put-down told over two sentences is marked whole."""
    if not words:
        return None
    sentences: list[list[tuple[int, int, float]]] = [[]]
    for i, word in enumerate(words):
        if i and _SENTENCE_END.search(view.text, words[i - 1][1] - 1, word[0] + 1):
            sentences.append([])
        sentences[-1].append(word)
    best = (-math.inf, 0, 0)
    run, first = 0.0, 0
    for i, sentence in enumerate(sentences):
        total = sum(word[2] for word in sentence)
        if run <= 0:
            run, first = total, i
        else:
            run += total
        if run > best[0]:
            best = (run, first, i)
    start, end = sentences[best[1]][0][0], sentences[best[2]][-1][1]
    while end > start + 1 and view.text[end - 1] in ".,;:!?":
        end -= 1
    return view.idx[start], view.idx[end - 1] + 1


# The model alone calls a text abusive from this probability (``score.combine`` says where
# it may); chosen by leaving one voice of the corpus out at a time (docs/text-analysis.md,
# "The trained model").
MODEL_THRESHOLD: Final = 0.6
