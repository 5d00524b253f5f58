"""The app chrome's labels as the language packs say them, and how a browser's language picks a pack."""
from __future__ import annotations

from typing import Any

from assistant import language

LANGUAGES: tuple[str, ...] = language.codes()
# What the language selector shows; the values are our language codes.
LANGUAGE_CHOICES = [(p.name, p.code) for p in language.packs()]

# {key: {language: template}}: the labels every pack holds (new labels go into the packs, assistant/language/).
LABELS: dict[str, dict[str, str]] = {
    key: {p.code: p.labels[key] for p in language.packs() if key in p.labels} for key in language.labelled_keys()
}


def text(key: str, language_code: str, **values: Any) -> str:
    return language.label(key, language_code, **values)


def ui_language(accept_language: str | None) -> str:
    """The pack the browser's preferred language names ('zh' for zh-CN or zh-TW), else the default language."""
    for part in (accept_language or "").split(","):
        tag = part.split(";")[0].strip().lower()
        if not tag or tag == "*":
            continue
        primary = tag.split("-")[0]
        chosen = next((p.code for p in language.packs() if primary in p.browser_tags), None)
        return chosen or language.DEFAULT_LANGUAGE
    return language.DEFAULT_LANGUAGE


def gradio_locale(language_code: str) -> str:
    """The frontend locale for one of our languages (zh-CN also switches Gradio's own built-in strings)."""
    return language.pack(language_code).ui_locale


def i18n_translations(**values: Any) -> dict[str, dict[str, str]]:
    """Translations for gr.I18n, keyed by locale; `values` fill templates such as the status line."""
    def table(code: str) -> dict[str, str]:
        return {key: _fill(language.label(key, code), values) for key in LABELS}

    translations: dict[str, dict[str, str]] = {}
    for chosen in language.packs():
        # The browser reports zh-CN, zh-TW, zh-HK…: svelte-i18n falls back from those to "zh", but give the pack's
        # locale and its common regional tags an entry too, so Gradio's own strings and ours switch together.
        own = table(chosen.code)
        for tag in (chosen.code, *chosen.locales):
            translations[tag] = own
    return translations


def _fill(template: str, values: dict[str, Any]) -> str:
    try:
        return template.format(**values)
    except (KeyError, IndexError):
        return template
