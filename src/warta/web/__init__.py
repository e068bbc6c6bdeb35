"""The web layer: JSON API and server-rendered pages over the knowledge base (`warta serve`)."""
from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
