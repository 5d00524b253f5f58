"""Reads a catalog source (products.jsonl, a CSV with an image column, or a folder of images) into raw rows."""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalog.errors import SourceError

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".bmp", ".tif", ".tiff"}


@dataclass(frozen=True)
class RawRow:
    line: int  # 1-based line (jsonl), data row (csv), or file position (folder): what a reject report points at
    data: dict[str, Any]


@dataclass(frozen=True)
class SourceRows:
    root: Path  # image paths in rows are relative to this folder and may not escape it
    name: str  # a short name for the catalog, used for the default index name
    kind: str  # "jsonl", "csv" or "folder"; a folder of photos carries no prices
    rows: list[RawRow]
    # Lines that could not even be parsed into a row (bad JSON): (line, reason).
    unreadable: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def read_source(path: Path) -> SourceRows:
    path = Path(path).expanduser()
    if not path.exists():
        raise SourceError(f"catalog source not found: {path}")
    if path.is_dir():
        if (path / "products.jsonl").is_file():
            return _read_jsonl(path / "products.jsonl")
        return _read_folder(path)
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return _read_jsonl(path)
    if suffix == ".csv":
        return _read_csv(path)
    raise SourceError(f"unknown catalog format {path.name!r}: expected .jsonl, .csv or a folder of images")


def catalog_name(path: Path) -> str:
    stem = path.stem if path.is_file() else path.name
    if stem in ("products", "catalog") and path.is_file():
        stem = path.parent.name
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:40] or "catalog"


def _read_jsonl(path: Path) -> SourceRows:
    rows: list[RawRow] = []
    unreadable: list[tuple[int, str]] = []
    text, notes = _read_text(path)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            unreadable.append((number, f"not valid JSON ({error.msg})"))
            continue
        if not isinstance(data, dict):
            unreadable.append((number, "not a JSON object"))
            continue
        rows.append(RawRow(number, data))
    return SourceRows(path.parent, catalog_name(path), "jsonl", rows, unreadable, notes)


def _read_csv(path: Path) -> SourceRows:
    text, notes = _read_text(path)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames:
        raise SourceError(f"{path.name} has no header row")
    fields = [name.strip().lower() for name in reader.fieldnames]
    rows = []
    for number, record in enumerate(reader, start=2):  # line 1 is the header
        data = {
            key.strip().lower(): value.strip() if isinstance(value, str) else value
            for key, value in record.items()
            if key is not None and value not in (None, "")
        }
        if data:
            rows.append(RawRow(number, data))
    if "image" not in fields and "image_path" not in fields:
        raise SourceError(f"{path.name} needs an 'image' column (paths relative to the CSV file)")
    return SourceRows(path.parent, catalog_name(path), "csv", rows, [], notes)


def _read_folder(path: Path) -> SourceRows:
    images = sorted(
        p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES and not p.name.startswith(".")
    )
    rows = []
    for position, image in enumerate(images, start=1):
        relative = image.relative_to(path).as_posix()
        title = re.sub(r"[_\-]+", " ", image.stem).strip() or image.stem
        rows.append(
            RawRow(
                position,
                {"id": re.sub(r"[^A-Za-z0-9]+", "-", relative.rsplit(".", 1)[0]).strip("-"),
                 "title": title[:1].upper() + title[1:],
                 "image": relative},
            )
        )
    return SourceRows(path, catalog_name(path), "folder", rows, [], [])


def _read_text(path: Path) -> tuple[str, list[str]]:
    """Catalog files come from spreadsheets too: UTF-8 first, then the Chinese legacy encoding Excel writes."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), [f"{path.name} is not UTF-8; read it as GB18030"]
    except UnicodeDecodeError:
        return raw.decode("latin-1"), [f"{path.name} is not UTF-8; read it as Latin-1"]
