"""The article record: the contract between newsclean and the programs that import its JSON."""
from schemas.article import SCHEMA_VERSION, Article, Source, error_text, json_schema

__all__ = ["SCHEMA_VERSION", "Article", "Source", "error_text", "json_schema"]
