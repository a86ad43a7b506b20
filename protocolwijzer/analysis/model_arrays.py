"""The model's reading of a long text, in numpy (issue 12's speed).

:func:`protocolwijzer.analysis.model.read` needs, of a text's character n-grams, only the
sum of the weights of their distinct buckets and how many there are. In pure Python that
is one ``zlib.crc32`` call per n-gram, a set of some 5,000 buckets and a look-up of each:
about a fifth of the analysis of a 1,000-character post. Here the same CRC-32s are
computed for all n-grams of one size at once, the distinct buckets are found without
sorting, and their weights are summed in C.

The numbers are the same as :func:`model.buckets`'s, to the bit: CRC-32 is continued
byte by byte with zlib's own table (taken from zlib, not typed in), a character's UTF-8
bytes in order, as ``zlib.crc32(piece, previous)`` does. ``model.read`` uses this module
for texts of :data:`model.ARRAYS_FROM` characters or more, so that a one-off check of a
short post does not load numpy; the tests hold both ways to the same result.
"""

from __future__ import annotations

import bisect
import threading
import zlib
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from .model import _CHAR_SEED

if TYPE_CHECKING:
    from .model import AbuseModel

_ONES: Final = np.uint32(0xFFFFFFFF)
# zlib keeps its state inverted between bytes: crc32(b, v) = ~step(~v, b), where step is
# state -> TABLE[(state ^ byte) & 0xFF] ^ (state >> 8). One byte from the state 0 gives
# the table's entry.
_TABLE: Final = np.array([zlib.crc32(bytes([byte]), 0xFFFFFFFF) ^ 0xFFFFFFFF
                          for byte in range(256)], dtype=np.uint32)
_START: Final = np.uint32(_CHAR_SEED ^ 0xFFFFFFFF)
_scratch = threading.local()


def char_weight_sum(text: str, model: AbuseModel) -> tuple[int, int]:
    """The sum of the weights of the distinct buckets of ``text``'s character n-grams
    (a normalised view, not empty), and how many distinct buckets there are."""
    settings = model.settings
    padded = " " + text + " "
    # each character's first UTF-8 byte, and where a character has more, the others
    first = np.frombuffer(padded.encode("utf-32-le"), dtype=np.uint32).copy()
    wide: list[int] = []     # where a character has more than one byte, in order
    rests: list[bytes] = []  # its other bytes
    if not padded.isascii():
        for i in np.flatnonzero(first >= 0x80).tolist():
            encoded = padded[i].encode()
            first[i] = encoded[0]
            wide.append(i)
            rests.append(encoded[1:])
    wide_at = np.array(wide, dtype=np.intp)

    def extend(states: Any, offset: int) -> Any:
        """Each n-gram's state continued with the character ``offset`` places on: its
        first byte for all at once; the few characters of more bytes are continued by
        zlib itself (the state is the CRC inverted)."""
        states = _TABLE[(states ^ first[offset:]) & 0xFF] ^ (states >> 8)
        at = bisect.bisect_left(wide, offset)
        if at < len(wide):
            which = wide_at[at:] - offset
            crcs = map(zlib.crc32, rests[at:], (states[which] ^ _ONES).tolist())
            states[which] = np.fromiter(crcs, dtype=np.uint32, count=len(wide) - at) ^ _ONES
        return states

    states = np.full(len(padded), _START, dtype=np.uint32)
    kept = []
    for size in range(1, settings.char_max + 1):
        states = extend(states if size == 1 else states[:-1], size - 1)
        if size >= settings.char_min:
            kept.append(states)
    return _distinct_sum(np.concatenate(kept) ^ _ONES, model)


def word_weight_sum(hashes: list[int], model: AbuseModel) -> tuple[int, int]:
    """The same for the words and word pairs, from their CRC-32s (``model._word_hashes``)."""
    return _distinct_sum(np.array(hashes, dtype=np.uint32), model)


def _distinct_sum(hashes: Any, model: AbuseModel) -> tuple[int, int]:
    """The sum of the weights of the distinct buckets of ``hashes``, and their number."""
    bits = model.settings.bits
    buckets = hashes & np.uint32((1 << bits) - 1)
    # Distinct buckets without sorting: each bucket's slot takes the place of one of its
    # features (which one does not matter), and that feature alone finds its place there.
    places = np.arange(len(buckets), dtype=np.int32)
    slots = _slots(bits)
    slots[buckets] = places
    distinct = buckets[slots[buckets] == places]
    weights = np.frombuffer(model.weights, dtype=model.weights.typecode)
    return int(weights[distinct].sum(dtype=np.int64)), len(distinct)


def _slots(bits: int) -> Any:
    """A slot per bucket, this thread's own (it is written while a text is read); what a
    slot held before is never read."""
    slots: dict[int, Any] = _scratch.__dict__.setdefault("slots", {})
    if bits not in slots:
        slots[bits] = np.empty(1 << bits, dtype=np.int32)
    return slots[bits]
