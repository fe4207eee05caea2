"""What a worker process sets up once, before its first page's clock starts (see pipeline.pool): so that
no page pays for a one-off set-up, and a page's time limit measures the page alone.

- warm_libraries: the pipeline's imports, and dateparser's one-off set-up. htmldate's extensive date
  search hands dateparser the date phrases it cannot read itself; the first phrase that no locale
  reads makes dateparser build the patterns of all its ~400 locales (about 3 s of CPU). Plain Python
  state, safe to fork: the fork server that starts the local workers does this once
  (pipeline.forkserver), and every worker is born with it.
- warm_up: that, then every model in pipeline/models, then a small built-in HTML page and text dump
  through the stages (the libraries' and the rules' lazy set-ups). In each worker itself, since
  LightGBM's threads do not survive a fork.
A set-up that fails here is left for the pages to meet: the warm-up never changes what a page gets.
"""
from __future__ import annotations

from contextlib import suppress
from functools import cache

SAMPLE_HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Harbour committee agrees on the new quay - The Example Gazette</title></head>
<body><nav><a href="/">Home</a> <a href="/local">Local</a></nav><article>
<h1>Harbour committee agrees on the new quay</h1>
<p>The harbour committee agreed on Tuesday evening to build the new quay beside the old fish market, after
a long debate about the cost of dredging the channel and the loss of moorings for small boats.</p>
<p>Members asked the engineers for a second estimate before the work is put out to tender in the spring,
and said the public would be able to see the plans in the library for a month.</p>
<p>Notes from the meeting (2020年07月16日 )</p>
</article><footer>The Example Gazette</footer></body></html>
"""
SAMPLE_TEXT = """   #The Example Gazette

   Home | Local | Sport

Harbour committee agrees on the new quay

   By Ann Example, Local reporter

   Published 16 July 2020

   The harbour committee agreed on Tuesday evening to build the new quay beside the old fish
   market, after a long debate about the cost of dredging the channel and the loss of moorings.

   Members asked the engineers for a second estimate before the work is put out to tender in the
   spring, and said the public would be able to see the plans in the library for a month.

   Share this article

   (c) The Example Gazette
"""
SAMPLES = (("warm-up.html", SAMPLE_HTML), ("warm-up.txt", SAMPLE_TEXT))


@cache
def warm_libraries() -> None:
    """Import the pipeline and set dateparser up through htmldate's extensive search of SAMPLE_HTML."""
    import htmldate

    import pipeline.learn.model  # noqa: F401  (imported for their set-up)
    import pipeline.stages  # noqa: F401

    with suppress(Exception):
        htmldate.find_date(SAMPLE_HTML, extensive_search=True, original_date=True)


def warm_up() -> None:
    """Everything a worker sets up once: the libraries, every model present, a pass of each sample page."""
    from pipeline.learn import model
    from pipeline.page import Page
    from pipeline.stages import process

    warm_libraries()
    for name in model.present():
        with suppress(model.ModelMissing):  # a page that needs it is rejected and says why
            model.load(name)
    for path, text in SAMPLES:
        with suppress(Exception):  # Rejected, or a bug: the pages will meet it and say so
            process(Page(id="warm-up", path=path, raw=text.encode(), all_types=True))   # every stage, whatever its type
