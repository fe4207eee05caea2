"""Pages of type `other`: login, error, search-results and paywall-stub pages.

The labelled corpora hold none of them, so no model learns them: these rules state general knowledge
of such pages, each with its limit, and are tried before the model. Each rule reads the page's facts
(pipeline.pagetype.features.Facts): its word count, its prose, its title (HTML: <title> and the first
<h1>; text dumps: the first lines), the start of its text, its password fields and its URL.

- login: a page whose purpose is signing in is short and asks for a password (HTML: a password field;
  a text dump, which draws every field alike: the word "password" and a sign-in phrase);
- error: the title names an HTTP error or a missing page, and the page says little more;
- search results: the title (or, in a dump, one of the first lines) starts with "search results" or
  "N results", or quotes the words searched for ("results for 'x'"), or the URL is a site search
  (/search, ?q= ...) whose page speaks of results; a page with a paragraph longer than a result's
  snippet is never one;
- paywall stub: a subscribe-to-read prompt on a page that holds only a teaser of prose.
An article is never rejected for a login box, an error word or a subscribe prompt beside a full text:
every rule is bounded by the page's words or prose.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from pipeline.pagetype.features import Facts

LOGIN_WORDS = (2, 300)      # a sign-in page: the form, a few links, a footer (a page of no words is no sign-in page:
                            # an application that draws everything with JavaScript)
ERROR_MAX_WORDS = 300       # an error page: the message, a search box, links home
PAYWALL_MAX_PROSE = 150     # words of prose in paragraphs: a teaser, not the article
PASSWORD = re.compile(r"\b(?:password|passwort|kennwort|mot de passe|contraseña|senha|wachtwoord|hasło|"
                      r"parola d'ordine|lösenord|adgangskode|passord)\b|パスワード|密码|密碼|비밀번호", re.I)
SIGN_IN = re.compile(r"\b(?:sign[ -]?in|log[ -]?in|anmelden|einloggen|connexion|se connecter|iniciar sesión|"
                     r"entrar|accedi|inloggen|zaloguj|logga in)\b|ログイン|登录|登入|로그인", re.I)
ERROR_TITLE = re.compile(r"\b(?:error|http|status)[ :]*[45]\d\d\b|\b[45]\d\d[ :-]*(?:error|not found|page|forbidden|gone)\b"
                         r"|(?:^|\n)\s*(?:400|401|403|404|410|500|502|503)\s*(?:$|\n)"
                         r"|\b(?:page|file|content|article) (?:not found|no longer (?:exists|available))"
                         r"|\bpage (?:does not|doesn't|cannot be|could not be) (?:exist|found)"
                         r"|\baccess denied\b|\bforbidden\b|\bservice unavailable\b|\binternal server error\b"
                         r"|\bseite nicht gefunden\b|\bpage introuvable\b|\bpágina no encontrada\b|\bpagina non trovata\b"
                         r"|\bpagina niet gevonden\b|\bstrona nie została znaleziona\b", re.I | re.M)
SEARCH_TITLE = re.compile(r"(?:^|\n)\s*(?:search results?|\d[\d,.]* (?:search )?results?|suchergebnisse"
                          r"|résultats de (?:la )?recherche|resultados de (?:la )?búsqueda|risultati (?:della )?ricerca"
                          r"|zoekresultaten|wyniki wyszukiwania|検索結果)\b"
                          r"|\b(?:search )?results? (?:for|matching) [\"“'‘«]|\byou searched for\b|\bno results? found for\b",
                          re.I)
SEARCH_MAX_PROSE = 80       # words in the longest paragraph: a result's snippet is shorter than an article's paragraph
SEARCH_PARAMETERS = {"q", "s", "query", "search", "keyword", "keywords", "k", "term", "text"}
SEARCH_PATH = re.compile(r"/(?:search|suche|recherche|busqueda|buscar|cerca|zoeken)(?:/|$)", re.I)
RESULTS = re.compile(r"\bresults?\b|\bergebnisse\b|\brésultats\b|\bresultados\b|\brisultati\b", re.I)
PAYWALL = re.compile(r"\bto (?:continue|keep) reading\b|\bsubscribe (?:now |today )?to (?:read|continue|unlock|access)"
                     r"|\b(?:for|exclusive to|available to) (?:paying |premium )?(?:subscribers|members) only\b"
                     r"|\bsubscribers? only\b|\balready (?:a subscriber|subscribed)\b"
                     r"|\bthis (?:article|story|content) is (?:only )?(?:for|available to|reserved for) "
                     r"(?:subscribers|members)\b|\bunlock (?:this|the full) (?:article|story)\b"
                     r"|\bweiterlesen mit\b|\bjetzt abonnieren\b|\bréservé aux abonnés\b|\bexclusivo para suscriptores\b",
                     re.I)


def is_login(facts: Facts) -> str | None:
    if not LOGIN_WORDS[0] <= facts.words <= LOGIN_WORDS[1]:
        return None
    if facts.password_fields:
        return f"login: a password field in a page of {facts.words} words"
    if PASSWORD.search(facts.head) and SIGN_IN.search(facts.head):
        return f"login: asks for a password to sign in, in {facts.words} words"
    return None


def is_error(facts: Facts) -> str | None:
    found = ERROR_TITLE.search(facts.title)
    if found and facts.words <= ERROR_MAX_WORDS:
        return f"error: '{found[0]}' in the title, {facts.words} words"
    return None


def is_search_results(facts: Facts) -> str | None:
    if facts.longest_prose_words > SEARCH_MAX_PROSE:
        return None
    found = SEARCH_TITLE.search(facts.title)
    if found:
        return f"search results: '{found[0].strip()}' in the title"
    if facts.url and searches(facts.url) and RESULTS.search(facts.head):
        return "search results: a search URL and results"
    return None


def searches(url: str) -> bool:
    """A URL of a site search: a search path, or a query parameter that holds the words looked for."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return bool(SEARCH_PATH.search(parts.path)) or bool(SEARCH_PARAMETERS & set(parse_qs(parts.query)))


def is_paywall_stub(facts: Facts) -> str | None:
    found = PAYWALL.search(facts.text) if facts.prose_words <= PAYWALL_MAX_PROSE else None
    if found:
        return f"paywall stub: '{found[0]}' beside {facts.prose_words} words of prose"
    return None


RULES = (is_login, is_error, is_search_results, is_paywall_stub)


def other_reason(facts: Facts) -> str | None:
    """Why the page is of type `other`, or None when no rule says so."""
    for rule in RULES:
        reason = rule(facts)
        if reason:
            return reason
    return None
