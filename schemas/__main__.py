"""Print the JSON Schema of the article record (`python -m schemas > schemas/article.schema.json`)."""
from schemas.article import json_schema_text

print(json_schema_text(), end="")
