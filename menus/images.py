"""Menu photos: what is accepted, judged by content and never by name or Content-Type, and
what is served.

A photo is a JPEG, PNG or WebP that Pillow opens and decodes completely, of at most 5 MB and
40 megapixels (a decompression bomb declares far more). What is stored and served is made from
it, never the upload itself: turned upright by its EXIF orientation, without its EXIF (where
a phone writes the place it was taken), no larger than ``PHOTO_MAX_SIZE``, in the upload's
format under a name of ours; and beside it two smaller WebP copies, which screens that show
the photo small load instead.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.core.files.base import ContentFile, File
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from core.errors import FileTooLarge, UnsupportedMediaType

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
# Room for the multipart framing and the item's other fields around the image.
MAX_UPLOAD_REQUEST_BYTES = MAX_IMAGE_BYTES + 64 * 1024
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
# The longest side of the photo as served: more than any screen of ours shows.
PHOTO_MAX_SIZE = 1600
# The smaller copies: a manager's list thumbnail and a tablet's menu card, at twice their CSS
# size for high-density screens. No copy is wider than the photo itself.
SMALL_WIDTH = 160
MEDIUM_WIDTH = 640
_SAVE_OPTIONS = {
    "JPEG": {"quality": 85, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 82},
}
# Modes written as they are (a PNG keeps whatever mode it came in); others are converted.
_WRITTEN_MODES = {"JPEG": ("RGB", "L"), "WEBP": ("RGB", "RGBA")}


@dataclass(frozen=True)
class Photo:
    """What is stored for one accepted upload."""

    image: ContentFile  # the photo as served
    small: ContentFile  # SMALL_WIDTH wide, or the photo's own width if that is less
    medium: ContentFile  # MEDIUM_WIDTH wide, or the photo's own width if that is less


def validated_photo(upload: File) -> Photo:
    """The upload made into a photo ready to store (named ``photo.jpg``/``.png``/``.webp``)
    and its smaller copies, or ``FileTooLarge`` / ``UnsupportedMediaType``."""
    if upload.size is not None and upload.size > MAX_IMAGE_BYTES:
        raise FileTooLarge(_("The image is larger than 5 MB."))
    upload.seek(0)
    content = upload.read(MAX_IMAGE_BYTES + 1)
    if len(content) > MAX_IMAGE_BYTES:
        raise FileTooLarge(_("The image is larger than 5 MB."))
    if not content:
        raise UnsupportedMediaType(_("The image is empty."))
    image = _decoded(content)
    try:
        upright = ImageOps.exif_transpose(image)
        upright.thumbnail((PHOTO_MAX_SIZE, PHOTO_MAX_SIZE), Image.Resampling.LANCZOS)
        return Photo(
            image=_encoded(upright, image.format),
            small=_encoded(_narrowed(upright, SMALL_WIDTH), "WEBP"),
            medium=_encoded(_narrowed(upright, MEDIUM_WIDTH), "WEBP"),
        )
    except (OSError, ValueError) as error:  # a mode or profile Pillow cannot write back
        raise UnsupportedMediaType(_("Send a JPEG, PNG or WebP image.")) from error


def _narrowed(image: Image.Image, width: int) -> Image.Image:
    if image.width <= width:
        return image
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS)


def _encoded(image: Image.Image, image_format: str) -> ContentFile:
    """``image`` written afresh: Pillow writes EXIF, XMP or text chunks only when asked to,
    and here it is asked for the colour profile alone."""
    options = _SAVE_OPTIONS[image_format]
    if image_format == "PNG" or image.mode in _WRITTEN_MODES[image_format]:
        # The colour profile belongs to these pixels' colour space: keep it with them.
        if icc_profile := image.info.get("icc_profile"):
            options = {**options, "icc_profile": icc_profile}
    else:
        keeps_alpha = image_format == "WEBP" and image.has_transparency_data
        image = image.convert("RGBA" if keeps_alpha else "RGB")
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    return ContentFile(buffer.getvalue(), name=f"photo{EXTENSIONS[image_format]}")


def _decoded(content: bytes) -> Image.Image:
    refusal = UnsupportedMediaType(_("Send a JPEG, PNG or WebP image."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content), formats=list(EXTENSIONS)) as image:
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    raise UnsupportedMediaType(_("The image has too many pixels."))
                image.load()  # decode it all: a truncated or corrupt file fails here
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError) as error:
        raise refusal from error
    except (Image.DecompressionBombWarning, SyntaxError) as error:
        raise refusal from error
    if image.format not in EXTENSIONS:
        raise refusal
    return image


class UploadSizeLimitHandler(FileUploadHandler):
    """Refuses an oversized upload before its body is read: at once from its Content-Length,
    or as soon as a file's bytes pass the limit. Comes first in FILE_UPLOAD_HANDLERS."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > MAX_UPLOAD_REQUEST_BYTES:
            raise FileTooLarge(_("The request is larger than 5 MB."))

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > MAX_IMAGE_BYTES:
            raise FileTooLarge(_("The image is larger than 5 MB."))
        return raw_data

    def file_complete(self, file_size):
        return None
