"""Made-up pages of every kind the page-type stage tells apart (no line comes from a real page)."""
from __future__ import annotations

import json

STORY = [
    "The town council of Millbrook voted on Tuesday evening to close the old river bridge to cars from next spring, "
    "ending a debate that has divided the valley for almost a decade and filled three public meetings this year.",
    "Engineers hired by the council told members that the bridge, built of stone and iron in the last century, can no "
    "longer carry the weight of modern delivery vans without repairs that would cost more than a new crossing.",
    "Residents on the east bank said the closure would add twenty minutes to the school run. \"We were promised a new "
    "bridge before the old one shut,\" said Maria Olsen, who runs the bakery at the end of Quay Street.",
    "The council's transport officer, Daniel Reyes, said a temporary ferry for pedestrians and cyclists would start in "
    "March and that buses would be rerouted over the northern road while the design of a replacement is agreed.",
    "Funding for the new crossing has not yet been found. The regional authority has offered half of the estimated "
    "cost, on condition that the town raises the rest through its own budget over the next five years.",
    "Opposition members argued that the vote came too early and asked for an independent survey. Their motion to "
    "delay the decision by six months was defeated by nine votes to four after a debate of nearly three hours.",
    "Local businesses on both banks have asked for a meeting with the council to discuss parking, deliveries and "
    "signs that would send visitors to the shops on the quay rather than past them on the bypass.",
    "The bridge will stay open to walkers until the ferry service begins, the council said in a statement published "
    "after the meeting, and a timetable of the works will be sent to every household in the valley.",
]


def html_page(title: str, body: str, head: str = "") -> str:
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>{head}</head>"
            f"<body><header><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/news/\">News</a></li>"
            f"<li><a href=\"/sport/\">Sport</a></li><li><a href=\"/shop/\">Shop</a></li></ul></nav></header>"
            f"<main>{body}</main><footer><p>© 2024 Valley Media Group</p></footer></body></html>")


def json_ld(data: dict) -> str:
    return f"<script type=\"application/ld+json\">{json.dumps(data)}</script>"


def news_article() -> str:
    head = (json_ld({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Millbrook votes to close "
                     "the old river bridge to cars", "datePublished": "2024-03-12T19:30:00Z",
                     "author": {"@type": "Person", "name": "Lena Hart"}})
            + "<meta property=\"og:type\" content=\"article\">"
            + "<link rel=\"canonical\" href=\"https://valley.example/news/2024/03/12/millbrook-votes-to-close-old-bridge\">")
    paragraphs = "".join(f"<p>{text}</p>" for text in STORY)
    body = (f"<article><h1>Millbrook votes to close the old river bridge to cars</h1>"
            f"<p class=\"byline\">By Lena Hart</p><time datetime=\"2024-03-12\">12 March 2024</time>"
            f"<div class=\"article-body\">{paragraphs}</div></article>"
            f"<aside><h2>More news</h2><ul><li><a href=\"/news/a\">Ferry timetable announced for the spring</a></li>"
            f"<li><a href=\"/news/b\">School buses to use the northern road</a></li></ul></aside>")
    return html_page("Millbrook votes to close the old river bridge to cars | Valley News", body, head)


def news_article_with_sign_in_box() -> str:
    """An article whose page also holds a (hidden) sign-in form with a password field, as many news sites do."""
    form = ("<div class=\"modal\" hidden><form action=\"/login\"><label>Email <input type=\"email\" name=\"email\"></label>"
            "<label>Password <input type=\"password\" name=\"password\"></label><button>Sign in</button></form></div>")
    return news_article().replace("</main>", form + "</main>")


def product_page() -> str:
    head = (json_ld({"@context": "https://schema.org", "@type": "Product", "name": "Ridgeline Trail Runner 2",
                     "sku": "RTR2-BLU-44", "offers": {"@type": "Offer", "price": "129.99", "priceCurrency": "USD",
                                                      "availability": "https://schema.org/InStock"}})
            + "<meta property=\"og:type\" content=\"product\"><meta property=\"product:price:amount\" content=\"129.99\">"
            + "<link rel=\"canonical\" href=\"https://shop.example/products/ridgeline-trail-runner-2\">")
    sizes = "".join(f"<option>{size}</option>" for size in range(38, 47))
    related = "".join(f"<li class=\"product-card\"><a href=\"/products/shoe-{i}\"><img src=\"/img/{i}.jpg\" alt=\"\">"
                      f"Summit Hiker {i}</a><span class=\"price\">${89 + i}.00</span></li>" for i in range(6))
    body = ("<div class=\"product\"><h1>Ridgeline Trail Runner 2 – Men's Running Shoe</h1>"
            "<div class=\"price\">$129.99</div><div class=\"rating\">4.6 out of 5 stars (212 reviews)</div>"
            "<form class=\"add-to-cart\" action=\"/cart/add\"><label>Size <select name=\"size\">" + sizes + "</select></label>"
            "<label>Quantity <input type=\"number\" name=\"quantity\" value=\"1\"></label>"
            "<button type=\"submit\">Add to cart</button></form>"
            "<p>In stock. Free shipping on orders over $75. Free returns within 30 days.</p>"
            "<h2>Details</h2><ul><li>Breathable mesh upper</li><li>Grippy lugged outsole</li><li>Weight: 290 g</li>"
            "<li>Drop: 6 mm</li></ul>"
            "<h2>Reviews</h2><div class=\"review\"><p>Comfortable from the first run.</p></div>"
            "<div class=\"review\"><p>Runs a little small, order a size up.</p></div></div>"
            "<section class=\"related-products\"><h2>You may also like</h2><ul>" + related + "</ul></section>")
    return html_page("Ridgeline Trail Runner 2 – Men's Running Shoe | Ridgeline Shop", body, head)


def category_page() -> str:
    head = ("<meta property=\"og:type\" content=\"website\">"
            "<link rel=\"canonical\" href=\"https://shop.example/collections/mens-running-shoes\">")
    cards = "".join(f"<li class=\"product-card grid-item\"><a href=\"/products/runner-{i}\"><img src=\"/img/r{i}.jpg\" alt=\"\">"
                     f"<h3 class=\"product-title\">Trail Runner model {i}</h3></a><span class=\"price\">${79 + 5 * i}.99</span>"
                     f"<button class=\"add-to-cart\">Add to cart</button></li>" for i in range(24))
    body = ("<h1>Men's Running Shoes</h1><div class=\"filters\"><form><label>Sort by <select name=\"sort\">"
            "<option>Featured</option><option>Price: low to high</option></select></label>"
            "<label><input type=\"checkbox\" name=\"size\" value=\"44\"> 44</label></form></div>"
            "<p class=\"count\">Showing 24 of 96 products</p><ul class=\"product-grid\">" + cards + "</ul>"
            "<nav class=\"pagination\"><a href=\"?page=2\" rel=\"next\">Next</a></nav>")
    return html_page("Men's Running Shoes | Ridgeline Shop", body, head)


def listing_page() -> str:
    head = ("<meta property=\"og:type\" content=\"website\">"
            "<link rel=\"canonical\" href=\"https://valley.example/news/\">")
    teasers = "".join(f"<article class=\"card teaser\"><h2><a href=\"/news/2024/03/{10 + i}/story-{i}\">Council meeting "
                      f"number {i} decides on parking charges for the quay</a></h2><time datetime=\"2024-03-{10 + i}\">"
                      f"{10 + i} March 2024</time><p>A short summary of the story that links to the full article "
                      f"about decision {i}.</p><a href=\"/news/2024/03/{10 + i}/story-{i}\">Read more</a></article>"
                      for i in range(15))
    body = ("<h1>Latest news</h1><div class=\"card-list\">" + teasers + "</div>"
            "<nav class=\"pagination\"><a href=\"/news/page/2\" rel=\"next\">Older stories</a></nav>")
    return html_page("Latest news | Valley News", body, head)


def login_page() -> str:
    body = ("<h1>Sign in</h1><form action=\"/session\" method=\"post\"><label>Email address "
            "<input type=\"email\" name=\"email\"></label><label>Password <input type=\"password\" name=\"password\">"
            "</label><label><input type=\"checkbox\" name=\"remember\"> Keep me signed in</label>"
            "<button type=\"submit\">Sign in</button></form><p><a href=\"/reset\">Forgot your password?</a></p>"
            "<p>New here? <a href=\"/join\">Create an account</a></p>")
    return html_page("Sign in | Valley News", body)


def error_page() -> str:
    body = ("<h1>Page not found</h1><p>Sorry, we could not find the page you were looking for. It may have been moved "
            "or deleted.</p><p><a href=\"/\">Go to the home page</a> or try searching below.</p>"
            "<form action=\"/search\"><input type=\"search\" name=\"q\"><button>Search</button></form>")
    return html_page("404 Not Found | Valley News", body)


def search_page() -> str:
    results = "".join(f"<li class=\"result\"><h3><a href=\"/news/bridge-{i}\">Bridge story number {i}</a></h3>"
                      f"<p>… the old river bridge was discussed at the meeting …</p></li>" for i in range(10))
    body = ("<h1>Search results for “bridge”</h1><form action=\"/search\"><input type=\"search\" name=\"q\" "
            "value=\"bridge\"><button>Search</button></form><p>About 120 results</p><ol>" + results + "</ol>")
    return html_page("Search results for “bridge” | Valley News", body)


def paywall_page() -> str:
    body = (f"<article><h1>Millbrook votes to close the old river bridge to cars</h1><p class=\"byline\">By Lena Hart</p>"
            f"<p>{STORY[0]}</p><div class=\"paywall\"><h2>Subscribe to continue reading</h2>"
            f"<p>This article is for subscribers only. Get unlimited access from $1 a week.</p>"
            f"<a href=\"/subscribe\">Subscribe now</a> <a href=\"/login\">Already a subscriber? Sign in</a></div></article>")
    return html_page("Millbrook votes to close the old river bridge to cars | Valley News", body)


def text_dump(lines: list[str]) -> str:
    """A page as a plain-text dump: lynx-like menus, then the given lines (blank-line separated), then a footer."""
    menu = ["   Valley News", "     * Home", "     * News", "     * Sport", "     * Shop"]
    footer = ["   © 2024 Valley Media Group", "   Privacy policy  Terms of use"]
    return "\n".join(menu + [""] + [f"   {line}\n" for line in lines] + footer) + "\n"


def news_article_text() -> str:
    return text_dump(["Millbrook votes to close the old river bridge to cars", "By Lena Hart", "12 March 2024", *STORY])


def login_text() -> str:
    return text_dump(["Sign in", "Email address ____________________", "Password ____________________",
                      "[ ] Keep me signed in", "(BUTTON) Sign in", "Forgot your password?", "New here? Create an account"])


def error_text() -> str:
    return text_dump(["404", "Page not found", "Sorry, we could not find the page you were looking for.",
                      "Go to the home page"])


def paywall_text() -> str:
    return text_dump(["Millbrook votes to close the old river bridge to cars", "By Lena Hart", STORY[0],
                      "Subscribe to continue reading", "This article is for subscribers only.", "Subscribe now"])
