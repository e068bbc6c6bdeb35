"""warta: turn raw scraped Indonesian news into a clean, deduplicated, searchable knowledge base."""
from .article import OUTPUT_FIELDS, Article

__all__ = ["Article", "OUTPUT_FIELDS"]
__version__ = "0.1.0"
