"""A made-up news story for the text-reading tests: paragraphs of plain prose about a harbour."""

PARAGRAPHS = [
    "The harbour board agreed on Monday to rebuild the north pier, which storms damaged twice last winter, "
    "and to reopen it to fishing boats by the end of next summer.",
    "Engineers told the board that the old timber piles had rotted further than the surveys of the past decade "
    "suggested, and that patching them again would cost nearly as much as new concrete ones.",
    "Fishermen who moor at the pier said they had waited long enough; several of them now land their catch "
    "in the next town along the coast, a drive of forty minutes each way.",
    "The work is to be paid for from the board's own reserves and a grant from the regional fund for coastal "
    "towns, which approved the money in principle in the spring.",
    "A first contract, for clearing the wreckage of the old deck and the broken railings, will go out to tender "
    "within a month; the board hopes to choose a builder for the pier itself before the autumn gales begin.",
    "Until then the slipway beside the lifeboat station stays open to small boats at high tide, and the harbour "
    "master has marked out extra moorings in the inner basin for the larger trawlers that used the pier.",
    "Residents will be able to see the plans at the library on Saturday mornings, and the board has promised "
    "to answer written questions about the noise of the piling work, which is expected to last six weeks.",
]
