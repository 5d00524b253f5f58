"""Where things live and which backends to use, read from the environment in one place."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

HOME_ENV = "LIKETHIS_HOME"
CHROMA_URL_ENV = "LIKETHIS_CHROMA_URL"
ENCODER_ENV = "LIKETHIS_ENCODER"
CLIP_MODEL_ENV = "LIKETHIS_CLIP_MODEL"
CLIP_TEXT_MODEL_ENV = "LIKETHIS_CLIP_TEXT_MODEL"

DEFAULT_CLIP_MODEL = "sentence-transformers/clip-ViT-B-32"
# The multilingual text tower distilled into clip-ViT-B-32's space: lets Chinese text reach the image space.
DEFAULT_CLIP_TEXT_MODEL = "sentence-transformers/clip-ViT-B-32-multilingual-v1"


@dataclass(frozen=True)
class Settings:
    home: Path
    chroma_url: str | None
    encoder: str
    clip_model: str
    clip_text_model: str | None

    @property
    def index_dir(self) -> Path:
        return self.home / "index"

    @property
    def demo_catalog_dir(self) -> Path:
        return self.home / "demo-catalog"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> "Settings":
        env = os.environ if environ is None else environ
        home = Path(env.get(HOME_ENV) or Path.home() / ".likethis").expanduser()
        text_model = env.get(CLIP_TEXT_MODEL_ENV, DEFAULT_CLIP_TEXT_MODEL)
        return cls(
            home=home,
            chroma_url=env.get(CHROMA_URL_ENV) or None,
            encoder=env.get(ENCODER_ENV, "auto"),
            clip_model=env.get(CLIP_MODEL_ENV, DEFAULT_CLIP_MODEL),
            # An empty value switches the multilingual tower off (CLIP's own text tower is used).
            clip_text_model=text_model or None,
        )
