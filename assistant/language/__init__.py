"""The registered language packs and the few questions the rest of the code asks them (say, label, names, detect)."""
from __future__ import annotations

import re
from functools import cache
from typing import Any, Mapping, Sequence

from assistant.language.pack import LanguagePack

DEFAULT_LANGUAGE = "en"

_PACKS: dict[str, LanguagePack] = {}
_version = 0


def register(pack: LanguagePack) -> None:
    """Adds (or replaces) a language: its words are understood and its code can be answered in from now on."""
    global _version
    _PACKS[pack.code] = pack
    _version += 1


def unregister(code: str) -> None:
    global _version
    if code == DEFAULT_LANGUAGE:
        raise ValueError("the default language cannot be removed: every other pack falls back to it")
    _PACKS.pop(code, None)
    _version += 1


def version() -> int:
    """Changes whenever the set of packs does: caches built from all packs key on it."""
    return _version


def packs() -> tuple[LanguagePack, ...]:
    return tuple(_PACKS.values())


def codes() -> tuple[str, ...]:
    return tuple(_PACKS)


def is_known(code: Any) -> bool:
    return isinstance(code, str) and code in _PACKS


def pack(code: str) -> LanguagePack:
    """The pack for `code`; an unknown code gets the default language rather than an error in a reply."""
    return _PACKS.get(code) or _PACKS[DEFAULT_LANGUAGE]


def say(key: str, language: str, **values: Any) -> str:
    """A sentence to the shopper; a pack without it says it in the default language."""
    return _template(key, language, "messages").format(**values)


def label(key: str, language: str, **values: Any) -> str:
    """A label of the app's chrome; a pack without it shows the default language's."""
    template = _template(key, language, "labels")
    return template.format(**values) if values else template


def labelled_keys() -> tuple[str, ...]:
    return tuple(pack(DEFAULT_LANGUAGE).labels)


def message_keys() -> tuple[str, ...]:
    return tuple(pack(DEFAULT_LANGUAGE).messages)


def _template(key: str, language: str, table: str) -> str:
    own: Mapping[str, str] = getattr(pack(language), table)
    return own.get(key) or getattr(pack(DEFAULT_LANGUAGE), table)[key]


def color_name(slug: str, language: str) -> str:
    return _name(slug, language, "color_names")


def category_name(slug: str, language: str) -> str:
    return _name(slug, language, "category_names")


def category_plural(slug: str, language: str) -> str:
    chosen = pack(language)
    if slug in chosen.category_plurals:
        return chosen.category_plurals[slug]
    if slug in chosen.category_names:
        return chosen.category_names[slug]
    return _name(slug, DEFAULT_LANGUAGE, "category_plurals")


def _name(slug: str, language: str, table: str) -> str:
    own: Mapping[str, str] = getattr(pack(language), table)
    return own.get(slug) or getattr(pack(DEFAULT_LANGUAGE), table).get(slug, slug)


class NamesByLanguage(Mapping[str, dict[str, str]]):
    """{code: {slug: name}} over the packs registered now, each completed from the default language: the shape
    COLOR_NAMES and CATEGORY_NAMES had when they were two-language tables."""

    def __init__(self, table: str) -> None:
        self._table = table

    def __getitem__(self, code: str) -> dict[str, str]:
        if code not in _PACKS:
            raise KeyError(code)
        return _completed_names(self._table, code, version())

    def __iter__(self):
        return iter(codes())

    def __len__(self) -> int:
        return len(_PACKS)


@cache
def _completed_names(table: str, code: str, _version: int) -> dict[str, str]:
    return {**getattr(pack(DEFAULT_LANGUAGE), table), **getattr(pack(code), table)}


def join(items: Sequence[str], language: str) -> str:
    """"red, blue or green" / "红色、蓝色或绿色"."""
    chosen = pack(language)
    if len(items) <= 1:
        return "".join(items)
    return chosen.list_separator.join(items[:-1]) + chosen.list_last_separator + items[-1]


def detect(tokens: Sequence[str]) -> str:
    """The language a turn is written in: the pack whose script most of its words use.

    A tie goes to the pack registered later than the default ("like this but 红色" is English, "我想要red的"
    Chinese): a shopper who mixes in their own script usually writes the rest in it."""
    counts = {code: 0 for code in _PACKS}
    for token in tokens:
        for code, pattern in _script_patterns(version()).items():
            if pattern.match(token):
                counts[code] += 1
                break
    best, best_count = DEFAULT_LANGUAGE, counts.get(DEFAULT_LANGUAGE, 0)
    for code, count in counts.items():
        if code != DEFAULT_LANGUAGE and count and count >= best_count:
            best, best_count = code, count
    return best


@cache
def _script_patterns(_version: int) -> dict[str, re.Pattern[str]]:
    return {p.code: re.compile(f"[{p.script}]") for p in packs()}


def _register_builtin() -> None:
    from assistant.language import en, zh

    register(en.PACK)
    register(zh.PACK)


_register_builtin()
