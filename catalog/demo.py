"""Builds the demo catalog: Fashion-MNIST train items in several colourways, with bilingual listings."""
from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Literal

import numpy as np

from catalog.palette import COLOR_NAMES
from catalog.records import COLORS, Product

DEMO_DATA_DIR = Path(__file__).resolve().parent / "demo_data"
SUBSET_FILES = {
    "train": DEMO_DATA_DIR / "fashion_mnist_train_subset.npz",
    "test": DEMO_DATA_DIR / "fashion_mnist_test_subset.npz",
}
PRODUCTS_FILE = "products.jsonl"
IMAGES_DIR = "images"
IMAGE_SIZE = 128
SEED = 20240601
COLOURWAYS_PER_ITEM = (3, 5)
# Colourways of one item are priced within this fraction of their cheapest sibling.
MAX_COLOURWAY_PRICE_SPREAD = 0.10

# Fashion-MNIST's label numbers, in order.
LABEL_CATEGORIES: tuple[str, ...] = (
    "t-shirt", "trousers", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle-boot",
)

# Invented for the demo; none is meant to name a real label.
BRANDS: tuple[str, ...] = (
    "Harbor & Pine", "Quill & Thread", "Cobble & Kite", "Linden Fold", "Pebblecrest", "Arden Loom",
    "Tidewell Supply", "Marlowe Lane", "Sparrow Mill", "Wrenfield", "Oakhollow", "Mistral Yard",
)

APPAREL_SIZES = ("XS", "S", "M", "L", "XL")
SHOE_SIZES = tuple(str(eu) for eu in range(36, 46))


@dataclass(frozen=True)
class CategoryStyle:
    price_range: tuple[int, int]  # CNY, both ends already retail-looking
    sizes: tuple[str, ...]
    min_sizes: int
    # (English title ending, Chinese title ending): what the item is called after brand and colour.
    names: tuple[tuple[str, str], ...]
    # One sentence each, shared by an item's colourways; {color} is the colour word.
    descriptions: tuple[str, ...]


STYLES: dict[str, CategoryStyle] = {
    "t-shirt": CategoryStyle(
        (59, 199), APPAREL_SIZES, 3,
        (("Cotton Crew-neck T-shirt", "纯棉圆领T恤"), ("V-neck T-shirt", "V领T恤"),
         ("Oversized T-shirt", "宽松T恤"), ("Slub Cotton T-shirt", "竹节棉T恤"),
         ("Graphic T-shirt", "印花T恤"), ("Slim-fit T-shirt", "修身T恤")),
        ("A relaxed {color} T-shirt in soft cotton, easy to layer.",
         "An everyday {color} T-shirt cut from breathable jersey with a clean neckline.",
         "This {color} T-shirt keeps its shape wash after wash: a wardrobe staple.",
         "A lightweight {color} T-shirt with a slightly dropped shoulder for an easy fit."),
    ),
    "trousers": CategoryStyle(
        (129, 399), APPAREL_SIZES, 4,
        (("Straight-leg Trousers", "直筒长裤"), ("Chino Trousers", "斜纹休闲裤"),
         ("Wide-leg Trousers", "阔腿裤"), ("Slim Stretch Trousers", "修身弹力裤"),
         ("Linen-blend Trousers", "亚麻混纺长裤"), ("Tailored Trousers", "西装裤")),
        ("Smart {color} trousers with a clean straight leg, for the office or the weekend.",
         "Comfortable {color} trousers in a soft twill with a touch of stretch.",
         "These {color} trousers sit at the waist and fall neatly to the ankle.",
         "Easy-going {color} trousers with side pockets and a relaxed cut."),
    ),
    "pullover": CategoryStyle(
        (149, 499), APPAREL_SIZES, 3,
        (("Crew-neck Pullover", "圆领毛衣"), ("Cable-knit Pullover", "麻花针织毛衣"),
         ("Merino Wool Pullover", "美利奴羊毛毛衣"), ("Ribbed Pullover", "罗纹毛衣"),
         ("Cashmere-blend Pullover", "羊绒混纺毛衣"), ("Hooded Knit Pullover", "连帽针织毛衣")),
        ("A cosy {color} pullover in a soft knit, warm without the bulk.",
         "This {color} pullover has ribbed cuffs and hem and layers well over a shirt.",
         "A classic {color} pullover for cool evenings, knitted from a wool blend.",
         "Relaxed {color} pullover with a dropped shoulder, made for chilly days."),
    ),
    "dress": CategoryStyle(
        (159, 699), APPAREL_SIZES, 3,
        (("Midi Dress", "中长款连衣裙"), ("Wrap Dress", "裹身连衣裙"), ("Shift Dress", "直筒连衣裙"),
         ("Slip Dress", "吊带连衣裙"), ("Linen Dress", "亚麻连衣裙"), ("A-line Dress", "A字连衣裙")),
        ("A flowing {color} dress that moves with you, from brunch to evening.",
         "This {color} dress has a flattering waist and a skirt that falls just below the knee.",
         "An easy {color} dress in a light fabric, perfect for warm days.",
         "A simple, elegant {color} dress you can dress up or down."),
    ),
    "coat": CategoryStyle(
        (299, 1299), APPAREL_SIZES, 4,
        (("Wool Coat", "羊毛大衣"), ("Trench Coat", "风衣外套"), ("Hooded Parka", "连帽派克外套"),
         ("Padded Coat", "棉服外套"), ("Double-breasted Coat", "双排扣大衣"), ("Quilted Coat", "绗缝外套")),
        ("A warm {color} coat with a clean silhouette, built for cold mornings.",
         "This {color} coat layers easily over knitwear and keeps the wind out.",
         "A timeless {color} coat with deep pockets and a tailored fit.",
         "Lightweight yet warm, this {color} coat is made for city winters."),
    ),
    "sandal": CategoryStyle(
        (89, 299), SHOE_SIZES, 5,
        (("Leather Sandals", "真皮凉鞋"), ("Strappy Sandals", "绑带凉鞋"), ("Slide Sandals", "一字凉鞋"),
         ("Platform Sandals", "厚底凉鞋"), ("Sport Sandals", "运动凉鞋"), ("Block-heel Sandals", "粗跟凉鞋")),
        ("Breezy {color} sandals with a cushioned footbed for long summer walks.",
         "These {color} sandals have adjustable straps and a grippy sole.",
         "Easy {color} sandals that go from the beach to dinner.",
         "Comfortable {color} sandals with a soft, padded sole."),
    ),
    "shirt": CategoryStyle(
        (99, 399), APPAREL_SIZES, 3,
        (("Oxford Shirt", "牛津纺衬衫"), ("Linen Shirt", "亚麻衬衫"), ("Poplin Shirt", "府绸衬衫"),
         ("Flannel Shirt", "法兰绒衬衫"), ("Button-down Shirt", "扣领衬衫"),
         ("Short-sleeve Shirt", "短袖衬衫")),
        ("A crisp {color} shirt with a button-down collar, smart enough for work.",
         "This {color} shirt is woven from breathable cotton and wears well untucked.",
         "A versatile {color} shirt with a relaxed fit and a chest pocket.",
         "A soft, easy-care {color} shirt that layers under a pullover."),
    ),
    "sneaker": CategoryStyle(
        (199, 899), SHOE_SIZES, 6,
        (("Low-top Sneakers", "低帮运动鞋"), ("Running Sneakers", "跑步运动鞋"),
         ("Canvas Sneakers", "帆布运动鞋"), ("Leather Sneakers", "皮质运动鞋"),
         ("Knit Sneakers", "针织运动鞋"), ("Retro Court Sneakers", "复古运动鞋")),
        ("Lightweight {color} sneakers with a cushioned sole for all-day comfort.",
         "These {color} sneakers pair with jeans, chinos and everything between.",
         "Clean, everyday {color} sneakers with a grippy rubber outsole.",
         "Breathable {color} sneakers built for city miles."),
    ),
    "bag": CategoryStyle(
        (99, 999), ("one size",), 1,
        (("Leather Tote Bag", "真皮托特包"), ("Crossbody Bag", "斜挎包"), ("Canvas Tote Bag", "帆布托特包"),
         ("Shoulder Bag", "单肩包"), ("Mini Handbag", "迷你手提包"), ("Top-handle Bag", "手提包")),
        ("A roomy {color} bag with an inner zip pocket for the everyday essentials.",
         "This {color} bag carries a laptop, a lunch and the rest of the day.",
         "A structured {color} bag that keeps its shape, with sturdy handles.",
         "A compact {color} bag that goes from the office to the weekend."),
    ),
    "ankle-boot": CategoryStyle(
        (299, 999), SHOE_SIZES, 6,
        (("Chelsea Ankle Boots", "切尔西短靴"), ("Suede Ankle Boots", "麂皮短靴"),
         ("Lace-up Ankle Boots", "系带短靴"), ("Leather Ankle Boots", "真皮短靴"),
         ("Block-heel Ankle Boots", "粗跟短靴"), ("Side-zip Ankle Boots", "侧拉链短靴")),
        ("Sturdy {color} ankle boots with a stacked heel and a cushioned insole.",
         "These {color} ankle boots slip on easily and go with everything.",
         "Weather-ready {color} ankle boots with a grippy sole.",
         "Polished {color} ankle boots that work with trousers or a dress."),
    ),
}


@dataclass(frozen=True)
class FashionScans:
    images: np.ndarray  # uint8, N×28×28, garment bright on black (Fashion-MNIST's negative)
    labels: np.ndarray  # 0..9, see LABEL_CATEGORIES
    source_indices: np.ndarray  # position of each scan in its original Fashion-MNIST split


@dataclass(frozen=True)
class DemoListing:
    """One demo SKU and what its photo is rendered from."""

    product: Product  # `image` is relative to the catalog directory
    scan: np.ndarray
    source_index: int  # in the Fashion-MNIST train split
    variant_seed: int


def load_scans(split: Literal["train", "test"]) -> FashionScans:
    """The committed subset of one split; "test" is for app examples and benchmarks, never the catalog."""
    with np.load(SUBSET_FILES[split]) as data:
        return FashionScans(data["images"], data["labels"], data["source_indices"])


def iter_demo_listings() -> Iterator[DemoListing]:
    scans = load_scans("train")
    for number, (scan, label, source_index) in enumerate(
        zip(scans.images, scans.labels, scans.source_indices), start=1
    ):
        yield from _item_listings(number, LABEL_CATEGORIES[int(label)], scan, int(source_index))


def iter_demo_products() -> Iterator[Product]:
    for listing in iter_demo_listings():
        yield listing.product


def generate_demo_catalog(out_dir: Path) -> Path:
    """Writes `products.jsonl` and `images/` into `out_dir` and returns the path of `products.jsonl`.

    Same bytes on every run; images already on disk with identical bytes are left untouched.
    """
    from catalog.colorize import garment_shape, render

    out_dir = Path(out_dir)
    (out_dir / IMAGES_DIR).mkdir(parents=True, exist_ok=True)
    lines = []
    shape, shaped_scan_index = None, None
    for listing in iter_demo_listings():
        # Colourways of an item come in a row and share one garment shape; render only the colour.
        if shaped_scan_index != listing.source_index:
            shape, shaped_scan_index = garment_shape(listing.scan, IMAGE_SIZE), listing.source_index
        buffer = io.BytesIO()
        render(shape, listing.product.color, listing.variant_seed).save(buffer, format="PNG")
        _write_if_changed(out_dir / listing.product.image, buffer.getvalue())
        lines.append(listing.product.to_json())
    products_path = out_dir / PRODUCTS_FILE
    _write_if_changed(products_path, ("\n".join(lines) + "\n").encode("utf-8"))
    return products_path


def _item_listings(number: int, category: str, scan: np.ndarray, source_index: int) -> list[DemoListing]:
    # One generator per item: adding or dropping an item never reshuffles the others.
    rng = np.random.default_rng([SEED, number])
    style = STYLES[category]
    brand = BRANDS[rng.integers(len(BRANDS))]
    name_en, name_zh = style.names[rng.integers(len(style.names))]
    description = style.descriptions[rng.integers(len(style.descriptions))]
    sizes = _size_run(style, rng)
    low, high = style.price_range
    base_price = rng.uniform(low, high)
    count = int(rng.integers(COLOURWAYS_PER_ITEM[0], COLOURWAYS_PER_ITEM[1] + 1))
    colours = [COLORS[i] for i in sorted(rng.choice(len(COLORS), size=count, replace=False))]
    prices = _colourway_prices(base_price, count, style.price_range, rng)

    group_id = f"fm-{number:04d}"
    listings = []
    for colour, price in zip(colours, prices):
        product_id = f"{group_id}-{colour}"
        colour_en = COLOR_NAMES["en"][colour]
        product = Product(
            id=product_id,
            group_id=group_id,
            title=f"{brand} {colour_en.capitalize()} {name_en}",
            title_zh=f"{brand} {COLOR_NAMES['zh'][colour]}{name_zh}",
            description=description.format(color=colour_en),
            category=category,
            color=colour,
            price=price,
            currency="CNY",
            brand=brand,
            sizes=sizes,
            image=f"{IMAGES_DIR}/{product_id}.png",
        )
        listings.append(DemoListing(product, scan, source_index, variant_seed=number * 100 + COLORS.index(colour)))
    return listings


def _size_run(style: CategoryStyle, rng: np.random.Generator) -> tuple[str, ...]:
    """A contiguous run of sizes, as a shop would stock one style."""
    length = int(rng.integers(style.min_sizes, len(style.sizes) + 1))
    start = int(rng.integers(0, len(style.sizes) - length + 1))
    return style.sizes[start:start + length]


def _colourway_prices(
    base_price: float, count: int, price_range: tuple[int, int], rng: np.random.Generator
) -> list[float]:
    low, high = price_range
    raw = np.clip(base_price * (1.0 + rng.uniform(-0.04, 0.04, size=count)), low, high)
    prices = [_retail_price(value) for value in raw]
    # Rounding to a retail-looking figure can stretch the spread on cheap items; then all share one price.
    if max(prices) > (1.0 + MAX_COLOURWAY_PRICE_SPREAD) * min(prices):
        prices = [_retail_price(base_price)] * count
    return prices


def _retail_price(value: float) -> float:
    """The nearest price ending in 9 (…99 from ¥1,000 up), e.g. 153.2 → 149, 1240 → 1299."""
    step = 100 if value >= 1000 else 10
    return float(round(value / step) * step - 1)


def _write_if_changed(path: Path, content: bytes) -> None:
    if path.exists() and path.stat().st_size == len(content) and path.read_bytes() == content:
        return
    # Write-then-rename: a reader never sees half a file, even if generation is interrupted.
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(content)
    os.replace(partial, path)
