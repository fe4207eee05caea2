"""Every learned decision of the pipeline, in the order `make train` builds them."""
from __future__ import annotations

from pipeline.learn.corpus import TEXT_KINDS
from pipeline.learn.train import Task
from pipeline.metadata import authors, date, headline, title
from pipeline.metadata.learning import choice_figures, option_dataset, same_authors, same_day, same_headline
from pipeline.pagetype.training import tasks as page_type_tasks
from pipeline.textbody.training import task as text_lines_task

METADATA_PARAMS = {"num_leaves": 15, "min_data_in_leaf": 10}

TASKS: list[Task] = [
    text_lines_task(),
    Task("headline_html", "HTML pages: which of the page's titles (each source's, as given or without the site's "
         "name) is the headline.", ("other", "headline"),
         lambda: option_dataset(("html",), "headline", headline.headline_options, same_headline, headline.FEATURES),
         rounds=150, params=METADATA_PARAMS, figures=choice_figures),
    Task("headline_text", "Text dumps: which title-like line above the article's first paragraph (or its part "
         "that does not name the site) is the headline.", ("other", "headline"),
         lambda: option_dataset(TEXT_KINDS, "headline", lambda page: page.options.get("headline", []),
                                same_headline, title.FEATURES),
         rounds=150, params=METADATA_PARAMS, figures=choice_figures),
    Task("date", "HTML pages and text dumps: which of the days the page's sources give (in the publisher's day) is "
         "the publication day.", ("other", "date"),
         lambda: option_dataset(("html", *TEXT_KINDS), "date", date.date_options, same_day, date.FEATURES),
         rounds=150, params=METADATA_PARAMS, figures=choice_figures),
    Task("authors", "HTML pages and text dumps: which source's list of names (cleaned: people only) is the "
         "page's authors.", ("other", "authors"),
         lambda: option_dataset(("html", *TEXT_KINDS), "authors", authors.author_options, same_authors,
                                authors.FEATURES),
         rounds=150, params=METADATA_PARAMS, figures=choice_figures),
    *page_type_tasks(),
]
