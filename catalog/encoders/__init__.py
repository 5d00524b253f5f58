"""The encoder backends behind one interface, and the factory that picks one."""
from catalog.encoders.base import Encoder
from catalog.encoders.clip import ClipEncoder
from catalog.encoders.factory import build_encoder
from catalog.encoders.lite import LiteEncoder

__all__ = ["ClipEncoder", "Encoder", "LiteEncoder", "build_encoder"]
