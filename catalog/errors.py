"""Typed errors raised by the catalog core; only the edges (CLI, UI) turn them into messages."""


class LikethisError(Exception):
    """Base class: every error here carries a stable `code` the edges can translate."""

    code = "error"


class EncoderUnavailable(LikethisError):
    code = "encoder_unavailable"


class BadImage(LikethisError):
    code = "bad_image"


class IndexMismatch(LikethisError):
    """The index on disk was built by another encoder (or an older layout); mixing spaces is refused."""

    code = "index_mismatch"


class IndexUnavailable(LikethisError):
    """The vector store cannot be reached (e.g. the Chroma server is down)."""

    code = "index_unavailable"


class SourceError(LikethisError):
    """A catalog source that cannot be read at all (missing file, unknown format)."""

    code = "bad_source"


class IndexMissing(LikethisError):
    """The named index has not been built (or was dropped) and the caller asked not to create it."""

    code = "index_missing"


class ProductNotFound(LikethisError):
    """Ids asked for that the index does not hold; `ids` lists them in the order asked."""

    code = "product_not_found"

    def __init__(self, ids: list[str]) -> None:
        self.ids = ids
        shown = ", ".join(ids[:5]) + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")
        super().__init__(f"not in the index: {shown}")
