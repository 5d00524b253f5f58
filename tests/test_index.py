"""Contract tests for ProductIndex, run against embedded Chroma and a real `chroma run` server."""
from __future__ import annotations

import dataclasses
import uuid

import numpy as np
import pytest

from catalog.errors import IndexMismatch, IndexMissing, IndexUnavailable, ProductNotFound
from catalog.index import LAYOUT_VERSION, ProductIndex, open_index
from catalog.records import Constraint, Product
from catalog.settings import Settings
from tests.chroma_server import ChromaServer, free_port

ENCODER = {"name": "test-encoder-v1", "backend": "lite", "image_dim": 16, "text_dim": 12, "shared_space": False}
CATALOG_SIZE = 24


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("chroma-server")
    server = ChromaServer(root / "data", free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture(params=["embedded", "server"])
def settings(request, monkeypatch) -> Settings:
    if request.param == "server":
        monkeypatch.setenv("LIKETHIS_CHROMA_URL", request.getfixturevalue("chroma_server").url)
    return Settings.from_env()


@pytest.fixture
def index_name() -> str:
    return f"t{uuid.uuid4().hex[:12]}"  # the server is shared by the whole module


@pytest.fixture
def index(settings, index_name):
    opened = open_index(settings, index_name, ENCODER)
    yield opened
    opened.close()


def unit_vectors(rng: np.random.Generator, rows: int, dim: int) -> np.ndarray:
    vectors = rng.normal(size=(rows, dim)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def make_products(count: int = CATALOG_SIZE) -> list[Product]:
    colors = ("red", "white", "black", "blue")
    categories = ("dress", "sneaker", "bag")
    brands = ("acme", "", "zeta")
    return [
        Product(
            id=f"p{i:03d}",
            group_id=f"g{i // 2}",
            title=f"Item {i}",
            title_zh=f"商品{i}",
            category=categories[i % 3],
            color=colors[i % 4],
            price=9.5 + 10 * i,  # fractional, so comparisons really are float comparisons
            image=f"/images/{i}.jpg",
            brand=brands[i % 3],
            sizes=(("S", "M"), (), ("M", "L", "XL"), ("38",))[i % 4],
            inferred=frozenset({"color"}) if i % 5 == 0 else frozenset(),
        )
        for i in range(count)
    ]


@dataclasses.dataclass
class Catalog:
    products: list[Product]
    hashes: list[str]
    image: np.ndarray
    text: np.ndarray


def make_catalog(seed: int = 7, count: int = CATALOG_SIZE) -> Catalog:
    rng = np.random.default_rng(seed)
    products = make_products(count)
    return Catalog(
        products=products,
        hashes=[f"hash-{product.id}" for product in products],
        image=unit_vectors(rng, count, ENCODER["image_dim"]),
        text=unit_vectors(rng, count, ENCODER["text_dim"]),
    )


def load(index: ProductIndex, catalog: Catalog) -> None:
    index.upsert(catalog.products, catalog.hashes, catalog.image, catalog.text)


@pytest.fixture
def catalog() -> Catalog:
    return make_catalog()


@pytest.fixture
def loaded(index, catalog) -> ProductIndex:
    load(index, catalog)
    return index


def test_upsert_count_get_round_trip(loaded, catalog):
    assert loaded.count() == CATALOG_SIZE
    wanted = [product.id for product in reversed(catalog.products)]
    assert loaded.get(wanted) == list(reversed(catalog.products))
    assert loaded.get([]) == []
    assert loaded.ids() == sorted(product.id for product in catalog.products)
    assert loaded.fingerprints() == {p.id: h for p, h in zip(catalog.products, catalog.hashes)}
    assert loaded.incomplete_ids() == []
    vectors = loaded.get_vectors(["p003", "p001"], "text")
    np.testing.assert_allclose(vectors, catalog.text[[3, 1]], atol=1e-6)
    assert loaded.get_vectors([], "image").shape == (0, ENCODER["image_dim"])


def test_unknown_ids_raise_product_not_found(loaded):
    with pytest.raises(ProductNotFound) as caught:
        loaded.get(["p001", "nope", "p002", "gone"])
    assert caught.value.ids == ["nope", "gone"]
    with pytest.raises(ProductNotFound):
        loaded.get_vectors(["nope"], "image")


def test_upsert_same_id_updates_in_place(loaded, catalog):
    cheaper = dataclasses.replace(catalog.products[0], price=1.25, color="green")
    loaded.upsert([cheaper], ["hash-new"], catalog.image[:1], catalog.text[:1])
    assert loaded.count() == CATALOG_SIZE
    assert loaded.get(["p000"]) == [cheaper]
    assert loaded.fingerprints()["p000"] == "hash-new"
    assert [p.id for p in loaded.find([Constraint("color", "eq", "green")])] == ["p000"]


def test_upsert_in_chunks_under_the_batch_limit(index, catalog, monkeypatch):
    monkeypatch.setattr(index._connected_client(), "get_max_batch_size", lambda: 5)
    load(index, catalog)
    assert index.count() == CATALOG_SIZE
    assert index.incomplete_ids() == []


def test_upsert_rejects_misshapen_input(index, catalog):
    products, hashes = catalog.products[:2], catalog.hashes[:2]
    image, text = catalog.image[:2], catalog.text[:2]
    bad_calls = [
        ((products, hashes, catalog.text[:2], text), "image vectors must have shape"),
        ((products, hashes, image, catalog.text[:3]), "text vectors must have shape"),
        ((products, hashes[:1], image, text), "2 products but 1 hashes"),
        (([products[0], products[0]], hashes, image, text), "repeat"),
        ((products, hashes, np.full_like(image, np.nan), text), "NaN"),
        ((products, hashes, np.zeros_like(image), text), "zero vector"),
    ]
    for arguments, complaint in bad_calls:
        with pytest.raises(ValueError, match=complaint):
            index.upsert(*arguments)
    assert index.count() == 0
    with pytest.raises(ValueError):
        index.query("image", catalog.text[0], 3)
    with pytest.raises(ValueError):
        index.query("image", catalog.image[0], 3, [Constraint("category", "lt", 3)])
    with pytest.raises(ValueError):
        index.query("audio", catalog.image[0], 3)


FILTER_CASES = {
    "eq": [Constraint("color", "eq", "red")],
    "ne": [Constraint("color", "ne", "red")],
    "in": [Constraint("category", "in", ["dress", "bag"])],
    "nin": [Constraint("color", "nin", ["white", "black"])],
    "lt": [Constraint("price", "lt", 49.5)],
    "le": [Constraint("price", "le", 49.5)],
    "gt": [Constraint("price", "gt", 189.5)],
    "ge": [Constraint("price", "ge", 189.5)],
    "int operand": [Constraint("price", "lt", 50)],
    "price eq": [Constraint("price", "eq", 69.5)],
    "price in": [Constraint("price", "in", [9.5, 19.5, 20])],
    "empty brand": [Constraint("brand", "eq", "")],
    "group": [Constraint("group_id", "in", ["g1", "g4"])],
    "id ne": [Constraint("id", "ne", "p000")],
    "price range": [Constraint("price", "ge", 30), Constraint("price", "le", 120)],
    "category under price": [Constraint("category", "eq", "dress"), Constraint("price", "lt", 100)],
    "three way": [
        Constraint("color", "nin", ["white"]),
        Constraint("brand", "ne", "zeta"),
        Constraint("price", "gt", 20),
    ],
    "nin empty excludes nothing": [Constraint("color", "nin", [])],
    "in empty": [Constraint("color", "in", [])],
    "contradiction": [Constraint("color", "eq", "red"), Constraint("color", "eq", "blue")],
    "empty range": [Constraint("price", "gt", 100), Constraint("price", "lt", 50)],
    "no such value": [Constraint("category", "eq", "coat")],
    "size stocked": [Constraint("size", "eq", "M")],
    "size not stocked": [Constraint("size", "ne", "M")],
    "any of sizes": [Constraint("size", "in", ["L", "38"])],
    "none of sizes": [Constraint("size", "nin", ["S", "38"])],
    "size and colour": [Constraint("size", "eq", "XL"), Constraint("color", "ne", "blue")],
}


@pytest.mark.parametrize("where", FILTER_CASES.values(), ids=FILTER_CASES.keys())
def test_filters_return_exactly_the_matching_products(loaded, catalog, where):
    expected = {p.id for p in catalog.products if all(c.holds_for(p) for c in where)}
    probe = make_catalog(seed=99).image[0]
    hits = loaded.query("image", probe, k=CATALOG_SIZE + 10, where=where)
    assert {hit.product.id for hit in hits} == expected
    assert {product.id for product in loaded.find(where)} == expected
    by_id = {p.id: row for p, row in zip(catalog.products, catalog.image)}
    for hit in hits:
        assert hit.score == pytest.approx(float(by_id[hit.product.id] @ probe), abs=1e-4)
        assert hit.scores == {"image": hit.score}
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)


def test_exclusions_hold_when_the_excluded_are_the_nearest(index, catalog):
    rng = np.random.default_rng(3)
    probe = unit_vectors(rng, 1, ENCODER["text_dim"])[0]
    # Every white product sits right next to the probe; everything else is random.
    whites = [i for i, p in enumerate(catalog.products) if p.color == "white"]
    catalog.text[whites] = probe + 0.01 * rng.normal(size=(len(whites), ENCODER["text_dim"]))
    catalog.text[whites] /= np.linalg.norm(catalog.text[whites], axis=1, keepdims=True)
    load(index, catalog)
    unfiltered = index.query("text", probe, k=len(whites))
    assert {hit.product.color for hit in unfiltered} == {"white"}
    for where in (
        [Constraint("color", "ne", "white")],
        [Constraint("color", "nin", ["white", "black"])],
        [Constraint("id", "nin", [catalog.products[i].id for i in whites])],
    ):
        hits = index.query("text", probe, k=5, where=where)
        assert len(hits) == 5
        assert all(c.holds_for(hit.product) for hit in hits for c in where)


def test_k_beyond_the_catalog_returns_everything(loaded, catalog):
    hits = loaded.query("text", catalog.text[5], k=1000)
    assert len(hits) == CATALOG_SIZE
    assert hits[0].product == catalog.products[5]
    assert hits[0].score == pytest.approx(1.0, abs=1e-5)
    assert loaded.find(limit=3) == loaded.find()[:3]
    many = loaded.query_many("image", catalog.image[:2], k=1)
    assert [hits[0].product.id for hits in many] == ["p000", "p001"]


@pytest.mark.parametrize("where", [[], [Constraint("color", "ne", "red")], [Constraint("category", "in", [])]])
def test_nearest_is_query_without_the_products(loaded, catalog, where):
    for space, vectors in (("image", catalog.image), ("text", catalog.text)):
        hits = loaded.query(space, vectors[3], k=7, where=where)
        neighbours = loaded.nearest(space, vectors[3], k=7, where=where)
        assert [n.id for n in neighbours] == [hit.product.id for hit in hits]
        assert [n.score for n in neighbours] == pytest.approx([hit.score for hit in hits], abs=1e-6)
    with pytest.raises(ValueError):
        loaded.nearest("image", catalog.image[:2], k=3)


def test_empty_index_answers_with_nothing(index, catalog):
    assert index.count() == 0
    assert index.query("image", catalog.image[0], k=5) == []
    assert index.nearest("image", catalog.image[0], k=5) == []
    assert index.find() == []
    assert index.fingerprints() == {}
    assert index.describe()["count"] == 0


def test_half_written_products_are_incomplete_until_repaired(loaded, catalog):
    extra = make_catalog(seed=11, count=CATALOG_SIZE + 1)
    newcomer = dataclasses.replace(extra.products[-1], id="new")
    # What a kill between the two writes of upsert leaves behind.
    loaded._write("image", [newcomer], ["hash-new"], extra.image[-1:])
    loaded._write("image", [catalog.products[1]], ["hash-changed"], catalog.image[1:2])
    assert loaded.incomplete_ids() == ["new", "p001"]
    fingerprints = loaded.fingerprints()
    assert "new" not in fingerprints and "p001" not in fingerprints
    assert len(fingerprints) == CATALOG_SIZE - 1
    assert loaded.count() == CATALOG_SIZE
    assert "new" not in loaded.ids()
    assert loaded.completeness() == (fingerprints, ["new", "p001"])

    loaded.upsert([newcomer, catalog.products[1]], ["hash-new", "hash-changed"], extra.image[-2:], extra.text[-2:])
    assert loaded.incomplete_ids() == []
    assert loaded.fingerprints()["p001"] == "hash-changed"
    assert loaded.count() == CATALOG_SIZE + 1


def test_delete_then_drop(loaded, settings, index_name, catalog):
    loaded.delete(["p000", "p001", "never-there"])
    assert loaded.count() == CATALOG_SIZE - 2
    assert "p000" not in loaded.fingerprints()
    assert all(hit.product.id not in ("p000", "p001") for hit in loaded.query("image", catalog.image[0], k=50))
    with pytest.raises(ProductNotFound):
        loaded.get(["p000"])

    loaded.drop()
    with pytest.raises(IndexMissing):
        loaded.count()
    with pytest.raises(IndexMissing, match=index_name):
        open_index(settings, index_name, ENCODER, create=False)
    recreated = open_index(settings, index_name, ENCODER)
    assert recreated.count() == 0
    recreated.close()


def test_reopening_sees_the_same_data(loaded, settings, index_name, catalog):
    loaded.close()
    reopened = open_index(settings, index_name, ENCODER, create=False)
    assert reopened.count() == CATALOG_SIZE
    assert reopened.get(["p007"]) == [catalog.products[7]]
    assert reopened.fingerprints() == loaded.fingerprints()
    described = reopened.describe()
    assert described["encoder"] == ENCODER and described["layout"] == LAYOUT_VERSION
    reopened.close()


def test_opening_a_missing_index_without_create_fails(settings):
    with pytest.raises(IndexMissing, match="python -m catalog build --encoder lite"):
        open_index(settings, "never-built", ENCODER, create=False)


@pytest.mark.parametrize(
    "change", [{"name": "other-encoder"}, {"image_dim": 32}, {"text_dim": 8}], ids=["name", "image dim", "text dim"]
)
def test_another_encoder_is_refused(loaded, settings, index_name, change):
    other = {**ENCODER, **change, "backend": "clip"}
    with pytest.raises(IndexMismatch) as caught:
        open_index(settings, index_name, other)
    message = str(caught.value)
    assert ENCODER["name"] in message and other["name"] in message
    assert "python -m catalog build --encoder clip" in message and "another index name" in message
    assert loaded.count() == CATALOG_SIZE  # refusing touched nothing


def test_another_layout_is_refused(loaded, settings, index_name):
    stored = loaded._collection("text").metadata
    loaded._collection("text").modify(metadata={**stored, "likethis_layout": LAYOUT_VERSION + 1})
    with pytest.raises(IndexMismatch, match="layout"):
        open_index(settings, index_name, ENCODER)


def test_malformed_server_url_fails_at_open(monkeypatch):
    monkeypatch.setenv("LIKETHIS_CHROMA_URL", "tcp://somewhere:8000")
    with pytest.raises(ValueError, match="http://host:port"):
        open_index(Settings.from_env(), "catalog", ENCODER)


@pytest.mark.slow
def test_server_outage_is_reported_and_survived(tmp_path, monkeypatch, catalog):
    server = ChromaServer(tmp_path / "outage-data", free_port())
    server.start()
    try:
        monkeypatch.setenv("LIKETHIS_CHROMA_URL", server.url)
        settings = Settings.from_env()
        index = open_index(settings, "outage", ENCODER)
        load(index, catalog)

        server.stop()
        unavailable = f"search is unavailable: cannot reach the Chroma server at {server.url}"
        with pytest.raises(IndexUnavailable) as caught:
            index.query("image", catalog.image[0], k=3)
        assert str(caught.value) == unavailable
        for call in (index.count, index.fingerprints, lambda: index.get(["p001"])):
            with pytest.raises(IndexUnavailable):
                call()
        with pytest.raises(IndexUnavailable):
            open_index(settings, "outage", ENCODER)

        server.start()
        hits = index.query("image", catalog.image[0], k=3)
        assert hits[0].product == catalog.products[0]
        assert index.count() == CATALOG_SIZE
        index.close()
    finally:
        server.stop()
