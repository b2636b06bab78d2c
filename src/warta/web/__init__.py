"""The web layer: a FastAPI app over the store, HTML for people and JSON for programs."""
from .app import create_app

__all__ = ["create_app"]
