"""Extract: the page's text becomes Lines (and, for HTML, metadata candidates)."""
