"""Catalog photos at the size the page shows them: WebP thumbnails made once, kept under LIKETHIS_HOME/thumbnails."""
from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

# Cards are at most ~260 CSS px wide (phone: about half of the screen; desktop: a 4-5 column grid); twice that
# covers 2x screens. The chat's strip shows 56 px images.
CARD_PIXELS = 440
STRIP_PIXELS = 112
QUALITY = 82
KNOWN_LIMIT = 20_000
# Bumped when the way thumbnails are made changes, so old files are not served for new ones.
RECIPE = "webp-1"

_log = logging.getLogger("likethis.app")


@dataclass(frozen=True)
class Picture:
    """What an <img> needs: where the file is and how large it is (set on the tag, so nothing jumps)."""

    path: str
    width: int
    height: int


class Thumbnails:
    """Makes and finds thumbnails of catalog photos. Never given a shopper's photo: those stay in Gradio's cache."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self._known: dict[str, Picture] = {}  # key → thumbnail, so a card on screen costs no file-system look-up


    def picture(self, image: str | Path, longest: int) -> Picture | None:
        """The thumbnail of `image` whose longest side is at most `longest` (never enlarged); None if unreadable.

        Named by the source's path, size and modification time, so a changed photo gets a new thumbnail and the
        old name keeps meaning the old bytes (browsers may cache it for long).
        """
        source = Path(image)
        try:
            stat = source.stat()
        except OSError:
            return None
        key = hashlib.sha1(f"{RECIPE}|{source.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{longest}".encode()).hexdigest()
        known = self._known.get(key)
        if known is not None and Path(known.path).is_file():
            return known
        folder = self.directory / key[:2]
        picture = next(filter(None, map(_picture_named, folder.glob(f"{key}-*x*.webp"))), None)
        if picture is None:
            try:
                picture = self._make(source, folder, key, longest)
            except (OSError, ValueError, Image.DecompressionBombError) as error:
                _log.warning("no thumbnail for %s: %s", source.name, error)
                return None
        if len(self._known) >= KNOWN_LIMIT:
            self._known.clear()
        self._known[key] = picture
        return picture

    def _make(self, source: Path, folder: Path, key: str, longest: int) -> Picture:
        with Image.open(source) as opened:
            image = ImageOps.exif_transpose(opened)
            image.thumbnail((longest, longest), Image.Resampling.LANCZOS)
            if image.mode not in ("RGB", "RGBA"):
                image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / f"{key}-{image.width}x{image.height}.webp"
            # Written beside its final name and renamed: a reader never sees half a file.
            descriptor, temporary = tempfile.mkstemp(prefix=".tmp-", suffix=".webp", dir=folder)
            try:
                with os.fdopen(descriptor, "wb") as handle:
                    image.save(handle, format="WEBP", quality=QUALITY, method=4)
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        return Picture(str(target), image.width, image.height)


def _picture_named(path: Path) -> Picture | None:
    try:
        width, height = path.stem.rsplit("-", 1)[1].split("x")
        return Picture(str(path), int(width), int(height))
    except ValueError:
        return None
