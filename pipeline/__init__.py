"""newsclean: scraped news pages in, clean validated article records out.

    pipeline.clean(data, url=None, format=None) -> Article     one page in memory
    pipeline.load_records(path) -> Iterator[Article]            the records of a run's output
    pipeline.Rejected                                           a page that cannot be an article
"""
from pipeline.api import clean
from pipeline.page import Rejected
from pipeline.records import load_records
from schemas import Article

__version__ = "0.1.0"
__all__ = ["Article", "Rejected", "clean", "load_records", "__version__"]
