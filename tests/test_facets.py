"""Catalog facets: brands and sizes as a shop writes them become one spelling each, read from the products served."""
from __future__ import annotations

import json

import pytest
from PIL import Image

from catalog.facets import CatalogFacets, normalise_size, size_order
from catalog.records import Product
from catalog.sources import read_source
from catalog.validation import validate_rows


@pytest.mark.parametrize(("raw", "size"), [
    ("m", "M"), (" M ", "M"), ("xl", "XL"), ("2xl", "2XL"), ("xs", "XS"), ("38", "38"), ("38.0", "38"),
    ("38.5", "38.5"), ("One Size", "one size"), ("OS", "one size"), ("onesize", "one size"), ("EU  38", "EU 38"),
    ("", ""),
])
def test_one_spelling_per_size(raw, size):
    assert normalise_size(raw) == size


def test_sizes_sort_as_a_shop_lists_them():
    assert sorted(["XL", "40", "M", "one size", "2XL", "XS", "36", "S", "L"], key=size_order) == [
        "XS", "S", "M", "L", "XL", "2XL", "36", "40", "one size"]


def test_facets_are_read_from_the_products():
    products = [
        Product("a-1-red", "a-1", "Acme Red Dress", "dress", "red", 10.0, "/x.png", title_zh="Acme 红色连衣裙",
                brand="Acme", sizes=("m", "L")),
        Product("a-1-blue", "a-1", "Acme Blue Dress", "dress", "blue", 10.0, "/x.png", brand="Acme", sizes=("M",)),
        Product("b-2-black", "b-2", "Bolt Black Sneakers", "sneaker", "black", 10.0, "/x.png", brand="  Bolt ",
                sizes=("38",)),
    ]
    facets = CatalogFacets.from_products(products)
    assert facets.brands == ("Acme", "Bolt")  # most products first
    assert facets.sizes == ("M", "L", "38")
    assert facets.groups == {"a-1": ("a-1-red", "a-1-blue"), "b-2": ("b-2-black",)}
    assert facets.titles["Acme 红色连衣裙"] == ("a-1-red",)
    assert "dress" in facets.words


def test_ingestion_normalises_sizes_and_trims_brands(tmp_path):
    Image.new("RGB", (64, 64), (200, 30, 40)).save(tmp_path / "p.png")
    row = {"id": "p1", "title": "Red dress", "image": "p.png", "category": "dress", "color": "red", "price": 99,
           "brand": "  Wren   Field ", "sizes": "m, M ,xl|38.0;one size"}
    (tmp_path / "products.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    [candidate], rejects = validate_rows(read_source(tmp_path))
    assert not rejects
    assert candidate.product.brand == "Wren Field"
    assert candidate.product.sizes == ("M", "XL", "38", "one size")
