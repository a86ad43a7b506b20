"""Photos and video: what a file is, where the faces are, and a copy with faces covered
and no metadata. Pure: no Django, no database; the page, the API, the jobs and the
``protocolwijzer faces`` and ``blur`` commands all use these functions.

There is no face recognition here and there must never be: a face is a box and a score,
and who it is, is said by a person (AVG art. 9, UAVG art. 29).
"""

from __future__ import annotations

from protocolwijzer.imaging.blur import blur_photo, clean_photo, cover_box, cover_faces
from protocolwijzer.imaging.faces import Face, detect_faces
from protocolwijzer.imaging.files import Media, RefusedFile, inspect, load_photo
from protocolwijzer.imaging.video import (
    Track,
    VideoFaces,
    blur_video,
    detect_video,
    still_track,
)

__all__ = [
    "Face",
    "Media",
    "RefusedFile",
    "Track",
    "VideoFaces",
    "blur_photo",
    "blur_video",
    "clean_photo",
    "cover_box",
    "cover_faces",
    "detect_faces",
    "detect_video",
    "inspect",
    "load_photo",
    "still_track",
]
