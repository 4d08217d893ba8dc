"""Menu photos: what is accepted, judged by content and never by name or Content-Type.

A photo is a JPEG, PNG or WebP that Pillow opens and decodes completely, of at most 5 MB and
40 megapixels (a decompression bomb declares far more). It is stored under a name of ours
whose extension comes from the detected format.
"""

from __future__ import annotations

import io
import warnings

from django.core.files.base import ContentFile, File
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from core.errors import FileTooLarge, UnsupportedMediaType

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
# Room for the multipart framing and the item's other fields around the image.
MAX_UPLOAD_REQUEST_BYTES = MAX_IMAGE_BYTES + 64 * 1024
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}


def validated_photo(upload: File) -> ContentFile:
    """The upload as a photo ready to store (named ``photo.jpg``/``.png``/``.webp``), or
    ``FileTooLarge`` / ``UnsupportedMediaType``."""
    if upload.size is not None and upload.size > MAX_IMAGE_BYTES:
        raise FileTooLarge(_("The image is larger than 5 MB."))
    upload.seek(0)
    content = upload.read(MAX_IMAGE_BYTES + 1)
    if len(content) > MAX_IMAGE_BYTES:
        raise FileTooLarge(_("The image is larger than 5 MB."))
    if not content:
        raise UnsupportedMediaType(_("The image is empty."))
    image_format = _decoded_format(content)
    return ContentFile(content, name=f"photo{EXTENSIONS[image_format]}")


def _decoded_format(content: bytes) -> str:
    refusal = UnsupportedMediaType(_("Send a JPEG, PNG or WebP image."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content), formats=list(EXTENSIONS)) as image:
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    raise UnsupportedMediaType(_("The image has too many pixels."))
                image_format = image.format
                image.load()  # decode it all: a truncated or corrupt file fails here
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError) as error:
        raise refusal from error
    except (Image.DecompressionBombWarning, SyntaxError) as error:
        raise refusal from error
    if image_format not in EXTENSIONS:
        raise refusal
    return image_format


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
