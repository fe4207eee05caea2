"""Every learned decision of the pipeline, in the order `make train` builds them."""
from __future__ import annotations

from pipeline.learn.train import Task
from pipeline.metadata import headline, title
from pipeline.metadata.learning import choice_figures, option_dataset, same_headline

METADATA_PARAMS = {"num_leaves": 15, "min_data_in_leaf": 10}

TASKS: list[Task] = [
    Task("headline_html", "HTML pages: which of the page's titles (each source's, as given or without the site's "
         "name) is the headline.", ("other", "headline"),
         lambda: option_dataset(("html",), "headline", lambda page: page.options.get("headline", []), same_headline,
                                headline.FEATURES),
         rounds=150, params=METADATA_PARAMS, figures=choice_figures),
    Task("headline_text", "Text dumps: which title-like line above the article's first paragraph (or its part "
         "that does not name the site) is the headline.", ("other", "headline"),
         lambda: option_dataset(("text-lynx",), "headline", lambda page: page.options.get("headline", []),
                                same_headline, title.FEATURES),
         rounds=150, params=METADATA_PARAMS, figures=choice_figures),
]
