"""The vector index: two id-aligned Chroma collections (image space, text space) per catalog."""
from __future__ import annotations

import functools
import itertools
import json
import re
import threading
from collections import Counter
from typing import TYPE_CHECKING, Any, Callable, Iterator, Literal, Mapping, Sequence, TypeVar
from urllib.parse import urlsplit

import numpy as np

from catalog.errors import IndexMismatch, IndexMissing, IndexUnavailable, ProductNotFound
from catalog.records import FILTERABLE_FIELDS, SET_FIELDS, Constraint, Hit, Neighbour, Product
from catalog.settings import Settings

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

Space = Literal["image", "text"]
SPACES: tuple[Space, ...] = ("image", "text")

# Bump whenever the per-vector metadata or the collection naming changes: older indexes are then refused.
LAYOUT_VERSION = 1

# Reads come back a page at a time so a 100k-product catalog never arrives as one response.
_READ_PAGE = 5000
# Chroma accepts [a-zA-Z0-9._-] starting and ending with an alphanumeric; the suffix supplies the end.
_NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$")
_NUMERIC_FIELDS = frozenset({"price"})
_CHROMA_OPERATORS = {
    "eq": "$eq", "ne": "$ne", "in": "$in", "nin": "$nin",
    "lt": "$lt", "le": "$lte", "gt": "$gt", "ge": "$gte",
}
_PRODUCT_KEY = "product"
_HASH_KEY = "content_hash"
_ENCODER_KEYS = ("name", "backend", "image_dim", "text_dim", "shared_space")

_Result = TypeVar("_Result")


def open_index(
    settings: Settings, name: str, encoder_info: Mapping[str, Any], *, create: bool = True
) -> "ProductIndex":
    """Open the index `name` for vectors of the encoder `encoder_info` describes (`Encoder.describe()`).

    With `create` a missing index is created empty; without it, a missing index raises IndexMissing.
    An index built by another encoder or layout raises IndexMismatch; an unreachable server IndexUnavailable.
    """
    index = ProductIndex(settings, name, encoder_info)
    index._open(create=create)
    return index


def _reconnecting(method: Callable[..., _Result]) -> Callable[..., _Result]:
    """Turns an unreachable server into IndexUnavailable, after one retry on a fresh client.

    The retry rides out a server that restarted between two calls; the fresh client also means the same
    ProductIndex works again once the server is back, without restarting the app.
    """

    @functools.wraps(method)
    def guarded(self: "ProductIndex", *args: Any, **kwargs: Any) -> _Result:
        for attempt in (1, 2):
            try:
                return method(self, *args, **kwargs)
            except Exception as error:
                if not _is_unreachable(error):
                    raise
                self._forget_client()
                if attempt == 2:
                    raise IndexUnavailable(
                        f"search is unavailable: cannot reach the Chroma server at {self.location}"
                    ) from error
        raise AssertionError("unreachable")

    return guarded


class ProductIndex:
    """Products with one vector per space, filterable by FILTERABLE_FIELDS; use `open_index` to get one.

    A product counts as present only when both collections hold it with the same content hash. Writes go
    image first, text second, and deletes text first, so an interrupted write leaves at most an image-only
    or hash-mismatched product, which `incomplete_ids` reports and a repeated `upsert` repairs.
    """

    def __init__(self, settings: Settings, name: str, encoder_info: Mapping[str, Any]) -> None:
        if not _NAME_PATTERN.match(name):
            raise ValueError(
                f"index name {name!r} must start with a letter or digit and use only letters, digits, '.', '_', '-'"
            )
        self.name = name
        self._settings = settings
        self._encoder = _checked_encoder_info(encoder_info)
        if settings.chroma_url is not None:
            _parse_server_url(settings.chroma_url)  # a malformed URL fails here, not at the first search
        self.location = settings.chroma_url or str(settings.index_dir)
        # Gradio serves sessions from several threads; reconnecting must not race.
        self._lock = threading.RLock()
        self._client: ClientAPI | None = None
        self._collections: dict[Space, Collection] | None = None

    @property
    def encoder_info(self) -> dict[str, Any]:
        return dict(self._encoder)

    # --- writing -------------------------------------------------------------------------------------

    @_reconnecting
    def upsert(
        self,
        products: Sequence[Product],
        hashes: Sequence[str],
        image_vectors: np.ndarray,
        text_vectors: np.ndarray,
    ) -> None:
        """Insert or replace products (by id) with their content hashes and one vector per space."""
        products = list(products)
        hashes = list(hashes)
        if len(hashes) != len(products):
            raise ValueError(f"{len(products)} products but {len(hashes)} hashes")
        if not all(isinstance(h, str) and h for h in hashes):
            raise ValueError("every content hash must be a non-empty string")
        repeated = [product_id for product_id, n in Counter(p.id for p in products).items() if n > 1]
        if repeated:
            raise ValueError(f"product ids repeat within one upsert: {repeated[:5]}")
        image_vectors = self._checked_vectors("image", image_vectors, len(products))
        text_vectors = self._checked_vectors("text", text_vectors, len(products))
        if not products:
            return
        step = self._connected_client().get_max_batch_size()
        for start in range(0, len(products), step):
            chunk = slice(start, start + step)
            # Chunk by chunk, image before text: a kill leaves at most one chunk incomplete.
            self._write("image", products[chunk], hashes[chunk], image_vectors[chunk])
            self._write("text", products[chunk], hashes[chunk], text_vectors[chunk])

    @_reconnecting
    def delete(self, ids: Sequence[str]) -> None:
        """Remove products from both spaces; ids the index does not hold are ignored."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return
        step = self._connected_client().get_max_batch_size()
        # Text first, mirroring upsert: an interrupted delete leaves an image-only product, which is reported.
        for space in ("text", "image"):
            for chunk in _chunks(wanted, step):
                self._collection(space).delete(ids=chunk)

    @_reconnecting
    def drop(self) -> None:
        """Delete the whole index; afterwards this object raises IndexMissing until the index is reopened."""
        from chromadb.errors import NotFoundError

        client = self._connected_client()
        with self._lock:
            self._collections = None
        for space in ("text", "image"):
            try:
                client.delete_collection(self._collection_name(space))
            except NotFoundError:
                pass  # half-dropped before, or never fully created: the goal is the same

    def close(self) -> None:
        """Release the Chroma client; the index reconnects by itself if used again."""
        self._forget_client()

    # --- searching -----------------------------------------------------------------------------------

    def query(self, space: Space, vector: np.ndarray, k: int, where: Sequence[Constraint] = ()) -> list[Hit]:
        """The k products nearest to `vector` in `space` that satisfy every constraint, best first.

        Fewer than k come back when fewer match; constraints no product can meet give [].
        """
        array = np.asarray(vector, dtype=np.float32)
        if array.ndim != 1:
            raise ValueError(f"query takes one vector, got shape {array.shape}; use query_many for several")
        return self.query_many(space, array[None, :], k, where)[0]

    @_reconnecting
    def query_many(
        self, space: Space, vectors: np.ndarray, k: int, where: Sequence[Constraint] = ()
    ) -> list[list[Hit]]:
        """`query` for each row of `vectors`, in one round trip, under the same constraints."""
        return [
            [_hit(space, metadata, distance) for _, metadata, distance in rows]
            for rows in self._nearest_rows(space, vectors, k, where, with_products=True)
        ]

    @_reconnecting
    def nearest(self, space: Space, vector: np.ndarray, k: int, where: Sequence[Constraint] = ()) -> list[Neighbour]:
        """`query` without the products: ids and similarities only, best first.

        Reading no metadata makes it ~3× cheaper at k=60; fetch the few products you show with `get`.
        """
        array = np.asarray(vector, dtype=np.float32)
        if array.ndim != 1:
            raise ValueError(f"nearest takes one vector, got shape {array.shape}")
        (rows,) = self._nearest_rows(space, array[None, :], k, where, with_products=False)
        return [Neighbour(product_id, 1.0 - float(distance)) for product_id, _, distance in rows]

    def _nearest_rows(
        self, space: Space, vectors: np.ndarray, k: int, where: Sequence[Constraint], *, with_products: bool
    ) -> list[list[tuple[str, Mapping[str, Any] | None, float]]]:
        """(id, metadata or None, cosine distance) of the k nearest, per row of `vectors`."""
        _check_space(space)
        array = np.asarray(vectors, dtype=np.float32)
        if array.ndim != 2 or array.shape[1] != self._dim(space):
            raise ValueError(f"{space} query vectors must have shape (n, {self._dim(space)}), got {array.shape}")
        if not np.isfinite(array).all():
            raise ValueError(f"{space} query vectors contain NaN or infinity")
        if k < 1:
            raise ValueError(f"k must be at least 1, got {k}")
        if len(array) == 0:
            return []
        try:
            chroma_where = _chroma_where(where)
        except _MatchesNothing:
            return [[] for _ in array]
        include = ["metadatas", "distances"] if with_products else ["distances"]
        result = self._collection(space).query(
            query_embeddings=array, n_results=k, where=chroma_where, include=include
        )
        metadatas = result["metadatas"] if with_products else [[None] * len(ids) for ids in result["ids"]]
        return [list(zip(ids, row_metadatas, distances))
                for ids, row_metadatas, distances in zip(result["ids"], metadatas, result["distances"])]

    @_reconnecting
    def find(self, where: Sequence[Constraint] = (), limit: int | None = None) -> list[Product]:
        """Products satisfying every constraint, without a vector, in storage order (sort them yourself)."""
        if limit is not None and limit < 0:
            raise ValueError(f"limit must not be negative, got {limit}")
        try:
            chroma_where = _chroma_where(where)
        except _MatchesNothing:
            return []
        found = self._scan("image", include_metadata=True, where=chroma_where)
        return [_product(metadata) for _, metadata in itertools.islice(found, limit)]

    # --- reading back --------------------------------------------------------------------------------

    @_reconnecting
    def get(self, ids: Sequence[str]) -> list[Product]:
        """Products in the order asked; raises ProductNotFound naming every id the index does not hold."""
        found = self._fetch("image", ids, "metadatas")
        return [_product(found[product_id]) for product_id in ids]

    @_reconnecting
    def get_vectors(self, ids: Sequence[str], space: Space) -> np.ndarray:
        """The stored `space` vectors of `ids` as rows, in the order asked; unknown ids raise ProductNotFound."""
        _check_space(space)
        found = self._fetch(space, ids, "embeddings")
        rows = [np.asarray(found[product_id], dtype=np.float32) for product_id in ids]
        return np.stack(rows) if rows else np.zeros((0, self._dim(space)), dtype=np.float32)

    @_reconnecting
    def count(self) -> int:
        """Products stored in both spaces (text is written last, so the text side counts them)."""
        return self._collection("text").count()

    @_reconnecting
    def ids(self) -> list[str]:
        """Sorted ids of the products stored in both spaces."""
        image_ids = {product_id for product_id, _ in self._scan("image", include_metadata=False)}
        text_ids = {product_id for product_id, _ in self._scan("text", include_metadata=False)}
        return sorted(image_ids & text_ids)

    def fingerprints(self) -> dict[str, str]:
        """id → content hash of every complete product: in both spaces with the same hash."""
        return self.completeness()[0]

    def incomplete_ids(self) -> list[str]:
        """Sorted ids stored in one space only or with different hashes: what an interrupted write left."""
        return self.completeness()[1]

    @_reconnecting
    def completeness(self) -> tuple[dict[str, str], list[str]]:
        """(fingerprints, incomplete_ids) from one read of both spaces, the slow part at 100k products."""
        image, text = self._hashes("image"), self._hashes("text")
        complete = {product_id: digest for product_id, digest in text.items() if image.get(product_id) == digest}
        incomplete = (image.keys() | text.keys()) - complete.keys()
        return complete, sorted(incomplete)

    @_reconnecting
    def describe(self) -> dict[str, Any]:
        stored = self._collection("image").metadata or {}
        return {
            "name": self.name,
            "location": self.location,
            "layout": stored.get("likethis_layout"),
            "encoder": {key: stored.get(f"encoder_{key}") for key in _ENCODER_KEYS},
            "count": self._collection("text").count(),
        }

    # --- internals -----------------------------------------------------------------------------------

    def _write(self, space: Space, products: Sequence[Product], hashes: Sequence[str], vectors: np.ndarray) -> None:
        """One collection's half of an upsert; on its own it leaves products incomplete (tests use that)."""
        self._collection(space).upsert(
            ids=[product.id for product in products],
            embeddings=vectors,
            metadatas=[_vector_metadata(product, digest) for product, digest in zip(products, hashes)],
        )

    def _fetch(self, space: Space, ids: Sequence[str], include: Literal["metadatas", "embeddings"]) -> dict[str, Any]:
        wanted = list(dict.fromkeys(ids))
        found: dict[str, Any] = {}
        for chunk in _chunks(wanted, _READ_PAGE):
            # Chroma answers in its own order and silently leaves out unknown ids.
            result = self._collection(space).get(ids=chunk, include=[include])
            found.update(zip(result["ids"], result[include]))
        missing = [product_id for product_id in wanted if product_id not in found]
        if missing:
            raise ProductNotFound(missing)
        return found

    def _scan(
        self, space: Space, *, include_metadata: bool, where: dict[str, Any] | None = None
    ) -> Iterator[tuple[str, Mapping[str, Any] | None]]:
        """Every (id, metadata) of one collection, page by page (a concurrent writer may shift pages)."""
        collection = self._collection(space)
        include = ["metadatas"] if include_metadata else []
        offset = 0
        while True:
            page = collection.get(where=where, include=include, limit=_READ_PAGE, offset=offset)
            metadatas = page["metadatas"] if include_metadata else itertools.repeat(None)
            yield from zip(page["ids"], metadatas)
            if len(page["ids"]) < _READ_PAGE:
                return
            offset += _READ_PAGE

    def _hashes(self, space: Space) -> dict[str, str]:
        return {product_id: metadata[_HASH_KEY] for product_id, metadata in self._scan(space, include_metadata=True)}

    def _checked_vectors(self, space: Space, vectors: np.ndarray, rows: int) -> np.ndarray:
        array = np.asarray(vectors, dtype=np.float32)
        expected = (rows, self._dim(space))
        if array.shape != expected:
            raise ValueError(f"{space} vectors must have shape {expected}, got {array.shape}")
        if not np.isfinite(array).all():
            raise ValueError(f"{space} vectors contain NaN or infinity")
        if rows and not np.linalg.norm(array, axis=1).all():
            raise ValueError(f"{space} vectors include a zero vector, which has no direction to compare")
        return array

    def _dim(self, space: Space) -> int:
        return self._encoder[f"{space}_dim"]

    def _collection_name(self, space: Space) -> str:
        return f"{self.name}-{space}"

    def _connected_client(self) -> "ClientAPI":
        with self._lock:
            if self._client is None:
                self._client = self._connect()
            return self._client

    def _collection(self, space: Space) -> "Collection":
        with self._lock:
            if self._collections is None:
                # Reopening never creates: a server that lost its data must say so, not serve an empty index.
                self._collections = self._open_collections(create=False)
            return self._collections[space]

    @_reconnecting
    def _open(self, *, create: bool) -> None:
        with self._lock:
            self._collections = self._open_collections(create=create)

    def _open_collections(self, *, create: bool) -> dict[Space, "Collection"]:
        from chromadb.errors import NotFoundError

        client = self._connected_client()
        found: dict[Space, Collection] = {}
        for space in SPACES:
            try:
                found[space] = client.get_collection(self._collection_name(space), embedding_function=None)
            except NotFoundError:
                continue
        for collection in found.values():
            self._check_compatible(collection.metadata or {})
        missing = [space for space in SPACES if space not in found]
        if missing and not create:
            raise IndexMissing(self._missing_message(partly=bool(found)))
        for space in missing:
            # get_or_create: another process may be creating the same index right now.
            collection = client.get_or_create_collection(
                self._collection_name(space),
                configuration={"hnsw": {"space": "cosine"}},
                metadata=self._collection_metadata(space),
                embedding_function=None,
            )
            self._check_compatible(collection.metadata or {})
            found[space] = collection
        return found

    def _collection_metadata(self, space: Space) -> dict[str, Any]:
        metadata: dict[str, Any] = {"likethis_layout": LAYOUT_VERSION, "space": space}
        metadata.update({f"encoder_{key}": value for key, value in self._encoder.items()})
        return metadata

    def _check_compatible(self, stored: Mapping[str, Any]) -> None:
        current = self._encoder
        rebuild = f"`python -m catalog build --encoder {current['backend']}`"
        layout = stored.get("likethis_layout")
        if layout != LAYOUT_VERSION:
            raise IndexMismatch(
                f"index '{self.name}' at {self.location} has layout {layout or 'unknown'}, but this version of "
                f"likethis reads layout {LAYOUT_VERSION}; rebuild it with {rebuild}, or use another index name"
            )
        built_by = {key: stored.get(f"encoder_{key}") for key in ("name", "image_dim", "text_dim")}
        if built_by != {key: current[key] for key in built_by}:
            raise IndexMismatch(
                f"index '{self.name}' at {self.location} was built with encoder {_encoder_label(built_by)}, "
                f"but the current encoder is {_encoder_label(current)}; their vectors cannot be compared. "
                f"Rebuild it with {rebuild}, switch back to encoder '{built_by['name']}', or use another index name"
            )

    def _missing_message(self, *, partly: bool) -> str:
        build = f"build it with `python -m catalog build --encoder {self._encoder['backend']}`"
        if partly:
            return f"index '{self.name}' at {self.location} is only half created; {build}"
        return f"no index named '{self.name}' at {self.location}; {build}"

    def _connect(self) -> "ClientAPI":
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        if self._settings.chroma_url is None:
            self._settings.index_dir.mkdir(parents=True, exist_ok=True)
            return chromadb.PersistentClient(path=str(self._settings.index_dir), settings=chroma_settings)
        host, port, ssl = _parse_server_url(self._settings.chroma_url)
        return chromadb.HttpClient(host=host, port=port, ssl=ssl, settings=chroma_settings)

    def _forget_client(self) -> None:
        with self._lock:
            client, self._client, self._collections = self._client, None, None
        if client is not None:
            try:
                client.close()
            except Exception:
                pass  # a client of a dead server may not close cleanly; it is discarded either way


class _MatchesNothing(Exception):
    """Filters no product can satisfy (e.g. `in` an empty list): the query is answered without Chroma."""


def _chroma_where(constraints: Sequence[Constraint]) -> dict[str, Any] | None:
    conditions = [condition for condition in map(_chroma_condition, constraints) if condition is not None]
    if not conditions:
        return None
    # Chroma rejects an $and of a single condition.
    return conditions[0] if len(conditions) == 1 else {"$and": conditions}


def _chroma_condition(constraint: Constraint) -> dict[str, Any] | None:
    if constraint.field in SET_FIELDS:
        return _chroma_set_condition(constraint)
    if constraint.op in ("in", "nin"):
        values = [_operand(constraint.field, value) for value in constraint.value]
        # Chroma rejects empty lists: `in []` matches nothing, `nin []` excludes nothing.
        if not values:
            if constraint.op == "in":
                raise _MatchesNothing
            return None
        return {constraint.field: {_CHROMA_OPERATORS[constraint.op]: values}}
    if constraint.op in ("lt", "le", "gt", "ge") and constraint.field not in _NUMERIC_FIELDS:
        raise ValueError(f"{constraint.op} compares numbers, but {constraint.field} is text")
    return {constraint.field: {_CHROMA_OPERATORS[constraint.op]: _operand(constraint.field, constraint.value)}}


def _chroma_set_condition(constraint: Constraint) -> dict[str, Any] | None:
    """Membership in a multi-valued field: eq/in ask that a value is stocked, ne/nin that none is."""
    values = [constraint.value] if constraint.op in ("eq", "ne") else list(constraint.value)
    if not all(isinstance(value, str) for value in values):
        raise ValueError(f"{constraint.field} takes text values, got {constraint.value!r}")
    if constraint.op in ("lt", "le", "gt", "ge"):
        raise ValueError(f"{constraint.field} holds several values; {constraint.op} does not apply to it")
    if not values:
        if constraint.op == "in":
            raise _MatchesNothing
        return None
    operator = "$contains" if constraint.op in ("eq", "in") else "$not_contains"
    conditions = [{constraint.field: {operator: value}} for value in values]
    if len(conditions) == 1:
        return conditions[0]
    return {"$or" if operator == "$contains" else "$and": conditions}


def _operand(field: str, value: Any) -> str | float:
    if field in _NUMERIC_FIELDS:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"{field} compares numbers, got {value!r}")
        # Stored as float; Chroma also wants every member of an $in list to share one type.
        return float(value)
    if not isinstance(value, str):
        raise ValueError(f"{field} takes text values, got {value!r}")
    return value


def _vector_metadata(product: Product, content_hash: str) -> dict[str, Any]:
    metadata: dict[str, Any] = {
        field: float(getattr(product, field)) if field in _NUMERIC_FIELDS else getattr(product, field)
        for field in FILTERABLE_FIELDS if field not in SET_FIELDS
    }
    # Chroma filters arrays with $contains; it refuses an empty array, and a product with no sizes matches none.
    metadata["size"] = list(product.sizes) or [""]
    metadata[_HASH_KEY] = content_hash
    # The whole record rides along, so search results need no second store.
    metadata[_PRODUCT_KEY] = product.to_json()
    return metadata


def _product(metadata: Mapping[str, Any]) -> Product:
    return Product.from_dict(json.loads(metadata[_PRODUCT_KEY]))


def _hit(space: Space, metadata: Mapping[str, Any], distance: float) -> Hit:
    similarity = 1.0 - float(distance)  # Chroma's cosine distance is 1 - cosine similarity
    return Hit(product=_product(metadata), score=similarity, scores={space: similarity})


def _check_space(space: str) -> None:
    if space not in SPACES:
        raise ValueError(f"unknown vector space {space!r}; expected one of {SPACES}")


def _checked_encoder_info(encoder_info: Mapping[str, Any]) -> dict[str, Any]:
    missing = [key for key in _ENCODER_KEYS if key not in encoder_info]
    if missing:
        raise ValueError(f"encoder_info lacks {missing}; pass Encoder.describe()")
    for key in ("image_dim", "text_dim"):
        dim = encoder_info[key]
        if isinstance(dim, bool) or not isinstance(dim, int) or dim < 1:
            raise ValueError(f"encoder_info[{key!r}] must be a positive int, got {dim!r}")
    return {
        "name": str(encoder_info["name"]),
        "backend": str(encoder_info["backend"]),
        "image_dim": encoder_info["image_dim"],
        "text_dim": encoder_info["text_dim"],
        "shared_space": bool(encoder_info["shared_space"]),
    }


def _encoder_label(info: Mapping[str, Any]) -> str:
    return f"'{info['name']}' (image {info['image_dim']}-d, text {info['text_dim']}-d)"


def _parse_server_url(url: str) -> tuple[str, int, bool]:
    """"http://127.0.0.1:8000" → (host, port, ssl); without a port, Chroma's 8000 (443 for https)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/"):
        raise ValueError(f"Chroma server URL must look like http://host:port, got {url!r}")
    ssl = parts.scheme == "https"
    return parts.hostname, parts.port or (443 if ssl else 8000), ssl


def _is_unreachable(error: BaseException) -> bool:
    """Whether a transport failure lies anywhere in the chain (chromadb sometimes re-wraps it as ValueError)."""
    import httpx

    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, httpx.TransportError):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def _chunks(items: Sequence[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])

