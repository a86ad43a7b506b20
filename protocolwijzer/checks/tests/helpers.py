"""Filling in the checker's form the way a browser does, and making real images."""

from __future__ import annotations

import io
import struct
import zlib
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from protocolwijzer.checks.uploads import MAX_FILES

URL = reverse("checks:check")


def form_data(**fields: Any) -> dict[str, Any]:
    """What a browser posts: every photo slot (with its select's value) and the
    formset's management fields, plus ``fields``."""
    data: dict[str, Any] = {
        "foto-TOTAL_FORMS": str(MAX_FILES), "foto-INITIAL_FORMS": "0",
        "foto-MIN_NUM_FORMS": "0", "foto-MAX_NUM_FORMS": str(MAX_FILES),
        "account": "personal", "permission": "", "channel": "", "target_role": "",
        "target_account": "", "text": "",
    }
    for index in range(MAX_FILES):
        data[f"foto-{index}-kind"] = "photo"
    data.update(fields)
    return data


def post_check(client: Client, **fields: Any) -> Any:
    return client.post(URL, form_data(**fields))


def image_file(name: str, image_format: str, size: tuple[int, int] = (40, 30),
               noise: bool = False) -> SimpleUploadedFile:
    """A real image made with Pillow; ``noise`` makes it hard to compress (large)."""
    if noise:
        import os

        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        image = Image.new("RGB", size, (200, 120, 40))
    buffer = io.BytesIO()
    image.save(buffer, format=image_format)
    content_type = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp",
                    "GIF": "image/gif"}[image_format]
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def png_claiming_size(name: str, width: int, height: int) -> SimpleUploadedFile:
    """A tiny PNG whose header claims ``width`` x ``height`` pixels: what a decompression
    bomb looks like to a server before it decodes anything."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    content = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
               + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))
    return SimpleUploadedFile(name, content, content_type="image/png")
