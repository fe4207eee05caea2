"""The article's region in a text dump, chosen by the text_lines model.

    hand.py      the hand-written scores: a run of lines, the body's indentation, the title line
    features.py  every line's features (its own shape, its place, its neighbours, the hand-written reading)
    training.py  `make train`: the lines of every labelled dump, labelled by the gold body; the fitted decoding

The model gives each line the probability that it belongs to the article's body. Decoding: the region
is the run of lines whose probabilities, less the fitted `threshold` and weighted by the line's words,
add up to the most (hand.best_run), a line between two likelier lines (within the fitted `reach`) counting
as the lower of them; inside it, a line under the fitted `drop_below` is removed by `text_lines` once the
rules have run (a named rule that also matches the line is the better explanation, so it names the line).
A line of the region scored SURE or more stays when a rule that guesses from layout (yields_to_model) would
remove it: SURE was chosen on folds 0-3 by site-grouped cross-validated body4 F1 (0.8, 0.9 and 0.95 within
0.0003 of each other), fold 4 checking it.
Lines outside the region are removed by BP020 (outside-article), with the model's score noted.

Known errors (tests/test_locate.py, strict expected failures): on small made-up pages of a few lines the
model's probabilities are low and flat, so lists of teasers or section links after a three-paragraph article
join the region, and a paragraph cut off by five picture lines is left out.
"""
from __future__ import annotations

import numpy as np

from pipeline.learn.model import load
from pipeline.page import Page
from pipeline.textbody.features import line_features
from pipeline.textbody.hand import HandRegion, best_run
from pipeline.textutil import body_word_count

MODEL = "text_lines"
WORDS_CAP = 80      # a line's weight in the region grows with its words up to this many
SURE = 0.9          # a line of the region scored this high stays when a layout rule (yields_to_model) would remove it


def line_words(page: Page) -> np.ndarray:
    """Each line's words as the record counts them (runs of letters and digits): a line of punctuation
    weighs nothing however long it is."""
    return np.array([body_word_count(line.text) for line in page.lines], dtype=np.float64)


def line_weights(words: np.ndarray) -> np.ndarray:
    """What a line's score counts for in the region: long paragraphs decide it, short lines less."""
    return 1.0 + np.minimum(words, WORDS_CAP) / 10.0


def bridged(probabilities: np.ndarray, reach: int) -> np.ndarray:
    """Each line's probability, raised to the lower of the best ones within `reach` lines above and below it:
    pictures or a subheading between two paragraphs do not split the article."""
    if reach == 0 or len(probabilities) == 0:
        return probabilities
    n = len(probabilities)
    padded = np.concatenate((np.zeros(reach), probabilities, np.zeros(reach)))
    best = np.lib.stride_tricks.sliding_window_view(padded, reach).max(axis=1)   # best[j]: padded[j:j + reach]
    return np.maximum(probabilities, np.minimum(best[:n], best[reach + 1:reach + 1 + n]))


def decode(probabilities: np.ndarray, words: np.ndarray, threshold: float, reach: int) -> tuple[int, int]:
    return best_run(((bridged(probabilities, reach) - threshold) * line_weights(words)).tolist())


def body_region(page: Page, hand: HandRegion) -> tuple[int, int]:
    """[start, end) of the article's lines; the lines inside it that the model rejects go to `page.dropped`."""
    model = load(MODEL)
    probabilities = model.predict(line_features(page, hand))
    start, end = decode(probabilities, line_words(page), model.settings["threshold"], model.settings["reach"])
    drop_below = model.settings["drop_below"]
    page.dropped = [i for i in range(start, end) if probabilities[i] < drop_below]
    page.sure = {i: float(probabilities[i]) for i in range(start, end) if probabilities[i] >= SURE}
    for i, (line, probability) in enumerate(zip(page.lines, probabilities)):
        if not start <= i < end or probability < drop_below:
            line.note = f"model {MODEL} {probability:.2f}"
    return start, end


def drop_rejected_lines(page: Page) -> None:
    """Remove, as `text_lines`, the lines of the region the model rejected that no rule removed."""
    dropped = [page.lines[i] for i in page.dropped if page.lines[i].removed_by is None]
    for line in dropped:
        line.removed_by = MODEL
    if dropped:
        page.count(MODEL, len(dropped))
