"""Sentences that send the reader somewhere that is no longer there (NL201, NL202).

When an article is copied (republished by a newspaper, pasted into a parish page, scraped), its
links are lost and the words around them stay. Two shapes are left behind:

- **cut-offs**: a preposition or label whose object was the link, number or address, now
  followed by nothing: "contact us at or ring 101", "email her at", "available from:" with no
  address in the next block, "More details are at: Phone: 101". The sentence is grammatically
  broken, so these are errors (NL201).
- **promises**: the reader is asked to act at a web place ("report it through our website",
  "fill in the online form", "details are available here", "these sites may help:"), to use
  contact details that are not given ("please either write or ring"), or a table's link column
  is empty, and no link or address is in the sentence or the block that follows. The sentence
  still reads, so these are warnings (NL202).

Each finder looks for a cheap anchor first (a preposition before a stop, a web noun, "here",
"online") and only then reads the words around it. The word lists are the grammar of these
sentences, not of any one article: who is asked (imperatives, "you can", "residents are
advised to", "can be found"), what place is named, and which words can govern a destination.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from newslint.rules._destinations import CONTACT, WEB, Destinations, following_span
from newslint.rules._scan import case_free, matches_at, matches_from, start_places
from newslint.rules._urls import lazy_pattern

_SPACE = r"[ \t\u00a0]"
_WORDISH = re.compile(r"[\w'’&-]+")
_APOSTROPHE_S = re.compile(r"['’]s$")
_CLAUSE_MARK = re.compile(r"[,;:()\u2013\u2014]|\s-\s")


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


class Found(NamedTuple):
    start: int
    end: int
    quote: str
    kind: str  # what is missing, for the message


def _tokens(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    return [(m.group().lower(), m.start(), m.end()) for m in _WORDISH.finditer(text, start, end)]


# how far back from a call to action its words are read: an instruction that governs it is a
# few words away, and a "sentence" of pasted data can hold thousands of calls to action, which
# would each read the whole of it again
_LOOK_BACK = 300


def reach(sentence_start: int, offset: int) -> int:
    """Where reading back from `offset` starts: its sentence, or _LOOK_BACK characters."""
    return max(sentence_start, offset - _LOOK_BACK)


def _clause_start(text: str, sentence_start: int, offset: int) -> int:
    """Where the clause holding `offset` starts: after the last , ; : ( – — before it."""
    best = reach(sentence_start, offset)
    for m in _CLAUSE_MARK.finditer(text, best, offset):
        best = m.end()
    return best


# cut-offs (NL201) ----------------------------------------------------------------------------

# which words can govern a destination through each preposition ("contact us at", "call us on",
# "forward them to", "available from"); "via" takes one whatever comes before it
_GOVERNORS = {
    "at": """made submitted completed paid registered touch follow sign subscribe join enrol
        contact contacting email emailing e-mail write writing reach find found visit
        visiting see seen apply register book booked donate report order buy bought view
        viewed read access accessed available online website site page section form portal
        details information info more advice guidance help support located""",
    "on": """call calling ring ringing phone phoning telephone text texting contact contacting touch
        reach available found published posted listed details information more advice follow
        find""",
    "to": """forward forwarding send sending sent write writing email emailed e-mail submit
        submitted return post posted report reported go head log subscribe apply sign link
        upload uploaded navigate""",
    "from": """available download downloaded downloadable obtain obtained request requested
        order ordered access accessed advice help support information details guidance""",
    "through": """report reported apply contact book available access submit donate order
        register online made submitted completed booked paid ordered registered accessed""",
}
_GOVERNORS_OF = {prep: _set(words) for prep, words in _GOVERNORS.items()}
_ANY_GOVERNOR = frozenset().union(*_GOVERNORS_OF.values())
_NOUNISH = _set(
    """available online website site page section form portal details information info more
    advice guidance help support located link downloadable"""
)
_NUMBER_VERBS = _set("call calling ring ringing phone phoning telephone text texting")
# "to and from", "on or before", "at or near": a second preposition, not a second instruction
_NOT_A_SECOND_ACT = _set("""from to before after above below near off around about within under over beyond between
    back forth out in on at""")
_AUXILIARY = _set("""has have is are was were will can gives offers provides contains lists includes explains
    shows tells says does""")
_PHRASAL = _set("look looking looked aimed aiming good")
_LABEL = lazy_pattern(
    rf"{_SPACE}*(?:\*\*|__)?(?:phone|tel|telephone|mobile|email|e-mail|web|website|online|address"
    rf"|call|text|fax)(?:\*\*|__)?{_SPACE}*:",
    re.IGNORECASE,
)
_PREPOSITIONS = ("at", "on", "to", "via", "from", "through")
_CUT_TAIL = (
    rf"\s*(?:\*\*|\*|__|_)?{_SPACE}*"
    rf"(?:(?P<stop>[.!?;]|$)|(?P<colon>:)|(?P<conj>or|and)\s+(?P<next>[\w'’-]+)"
    rf"|(?P<aux>{'|'.join(sorted(_AUXILIARY, key=len, reverse=True))})(?![\w'’-]))"
)
_CUT = re.compile(
    rf"(?=[aotvf])(?<![\w'’-])(?P<prep>{'|'.join(_PREPOSITIONS)}){_CUT_TAIL}", re.IGNORECASE
)
# `_CUT` for the lower-cased prose: case-sensitive, and starting with a letter (the look-behind
# just after it), so that a search passes over every other character at once
_CUT_LOWER = re.compile(
    "(?P<prep>" + "|".join(p[0] + r"(?<![\w'’-].)" + p[1:] for p in _PREPOSITIONS) + ")" + _CUT_TAIL
)


def cut_offs(doc, index: Destinations) -> list[Found]:
    """Prepositions and labels left with nothing to point at (see the module docstring)."""
    text = doc.prose_text_with_urls
    # (the matched words are only ever read in lower case, their places in `text`)
    pattern, searched = case_free(text, _CUT_LOWER, _CUT)
    found: list[Found] = []
    for block in doc.blocks:
        for m in pattern.finditer(searched, block.start, block.end):
            if m["conj"] and m["next"].lower() in _NOT_A_SECOND_ACT:
                continue
            end = m.end("prep")
            if m["colon"]:
                end = m.end("colon")
                rest = text[m.end() : block.end]
                if rest.strip() and not _LABEL().match(rest):
                    continue  # something follows the colon
                if not rest.strip():
                    span = following_span(doc, m.end())
                    if span and index.between(*span):
                        continue
            elif m["stop"] == "":
                # the block ends here: a next block that starts with an address may be the
                # same sentence, broken in two by the copy
                span = following_span(doc, m.end())
                if span and index.between(span[0], min(span[1], span[0] + 80)):
                    continue
            elif m["stop"] in (".", "!", "?"):
                end = m.end("stop")
            sentence_start = doc.sentence_at(m.start())[0]
            governor = _governor(text, sentence_start, m.start(), m["prep"])
            if governor is None:
                continue
            word, start = governor
            if _stranded(text, sentence_start, start, m.start(), word):
                continue
            what = "number" if word in _NUMBER_VERBS and m["prep"].lower() == "on" else "address"
            found.append(Found(start, end, " ".join(text[start:end].split()), what))
    return found


def _governor(text: str, sentence_start: int, prep_start: int, prep: str):
    """The nearest word before the preposition, in its clause and at most six words back, that
    can take a destination through it; None when there is none."""
    prep = prep.lower()
    words = _tokens(text, _clause_start(text, sentence_start, prep_start), prep_start)[-6:]
    if not words or words[-1][0] in _PHRASAL:
        return None
    governors = _ANY_GOVERNOR if prep == "via" else _GOVERNORS_OF[prep]
    for word, start, _end in reversed(words):
        if word in governors:
            return word, start
    return (words[-1][0], words[-1][1]) if prep == "via" else None


def _stranded(text: str, sentence_start: int, verb_start: int, prep_start: int, verb: str) -> bool:
    """ "the house he returned to.", "the address it was found at.": a verb straight before its
    preposition, in a clause that does not address the reader, is English, not a cut-off.
    "Please write to.", "Write to.", "It can be downloaded from." still are."""
    if verb in _NOUNISH or text[verb_start:prep_start].split()[1:]:
        return False  # an object in between ("forward them to") or an adjective ("available")
    words = _tokens(text, reach(sentence_start, prep_start), prep_start)
    i = next((k for k, (_w, s, _e) in enumerate(words) if s == verb_start), None)
    if (
        i is not None
        and words[i][0] in _DIRECTIVE_VERBS
        and _directive(text, sentence_start, words, i)
    ):
        return False
    return not _MODAL_PASSIVE.search(text, max(sentence_start, verb_start - 30), prep_start)


# promises (NL202) ----------------------------------------------------------------------------

# verbs that ask the reader to do something at a place
_ACTS = _set("""visit go head see read check view find search use complete fill submit report apply
    register sign book download contact follow click tap press keep look watch learn discover
    get access log browse order pay donate upload join subscribe add enter request send email
    e-mail vote renew claim make leave take explore print listen try share tell let message
    chat give opt return buy purchase nominate respond comment ask refer update""")
_READERS = _set(
    """anyone anybody everyone everybody people residents victims witnesses those parents
    carers drivers motorists members visitors patients customers businesses applicants voters
    tenants householders owners users students"""
)
_MODALS = _set("can could should may must")
# the first of two joined instructions may be a call rather than a visit
_DIRECTIVE_VERBS = _ACTS | _set("call ring phone dial text speak write quote")
# words that may stand between the start of a clause and the verb of an instruction:
# "Please also visit", "You can find", "If you would like to apply", "To book"
_LEAD = _set("""please simply just also alternatively then or and so now kindly you can could may might
    should must will 'll need needs to would like want wish if either first instead still
    always easily quickly why not do don't you'll you'd remember""")
_ADVISED = re.compile(
    r"(?:advised|urged|asked|encouraged|invited|reminded|welcome|able|free)\s+to\s+(?:also\s+)?$",
    re.IGNORECASE,
)
_CAN_BE = (
    r"\b(?:can|could|may)\s+(?:also\s+|now\s+|still\s+|easily\s+)?be\s+(?:found|viewed|read|"
    r"downloaded|accessed|seen|ordered|submitted|completed|made|booked|reported|obtained|"
    r"requested|checked|paid|renewed|purchased|bought|done|watched|registered)\b"
)
_MODAL_PASSIVE = re.compile(_CAN_BE, re.IGNORECASE)
_PASSIVE = re.compile(
    _CAN_BE + r"|\b(?:is|are)\s+(?:now\s+|also\s+|still\s+)?(?:available|published|listed|"
    r"posted|provided)\b",
    re.IGNORECASE,
)
_DETERMINERS = _set("our the this that these those its their following")
# a possessive that names the publisher ("the council's website"), not the reader's own provider
_OWN_BODIES = _set("""council force trust service constabulary authority government department charity
    organisation organization hospital board partnership police club scheme""")
# \b first, so that the engine skips to word starts; the apostrophe and hyphen cases
# ("here's", "on-line-only") are left out after the match
_ANCHOR = re.compile(
    # (?=[…]): the first letters of the words; most word starts fail that at once, which
    # makes the search three times faster than trying each word at each word start
    r"(?=[wpfolh])\b(?:(?P<site>web[ -]?sites?)|(?P<noun>web[ -]?pages?|webpages?|pages?|"
    r"(?:web[ -]?|online\s+)?forms?|portal|links?)|(?P<here>here)|(?P<online>on-?line))\b",
    re.IGNORECASE,
)
# what every match of _ANCHOR begins with (a test checks that no alternative is left out)
_ANCHOR_STARTS = ("web", "page", "form", "online", "on-line", "portal", "link", "here")
_JOINERS = "'’-"
_ONLINE_ADVERB_NEXT = _set("""at via through using or and by now today instead too from for anytime any free here if
    where when until before after as with""")
_NOT_HERE_BEFORE = _set("""from near over around out come came live lives lived living work works worked working
    stay stayed be been being is are was were arrive arrived right us me you him her them
    it""")
_HERE_LEADS_ON = _set("to for and or where if now")
_NOT_DETERMINED = _set("your my his her front back first last title")
_PREPOSITIONS = _set("in on at to via through for by with from")
_OBJECTS = _set("us me him her them the a an your our their this that reception")


def in_blocks(doc, pattern: re.Pattern[str], text: str, starts: Sequence[str] = ()):
    """(block, match) for matches of a pattern of words, searched in one pass over the body;
    only where one of `starts` occurs, when every match begins with one (see `matches_from`)."""
    blocks = doc.blocks
    if not blocks:
        return
    i = 0
    for m in matches_from(pattern, text, starts, blocks[0].start, blocks[-1].end):
        while blocks[i].end < m.start():
            i += 1
        if blocks[i].start <= m.start() and m.end() <= blocks[i].end:
            yield blocks[i], m


def web_promises(doc, index: Destinations) -> list[Found]:
    """Instructions to act at a web place with no link or address to follow."""
    text = doc.prose_text_with_urls
    found: list[Found] = []
    for block, m in in_blocks(doc, _ANCHOR, text, _ANCHOR_STARTS):
        if text[m.start() - 1 : m.start()] in _JOINERS or text[m.end() : m.end() + 1] in _JOINERS:
            continue
        if m.group().isupper():
            continue  # "LINK HERE", "ONLINE": a placeholder or a label, not a sentence
        sentence = doc.sentence_at(m.start())
        place = _place(text, sentence[0], m)
        if place is None:
            continue
        place_start, whole_site = place
        listing = bool(m["site"] or m["noun"]) and _introduces_list(text[m.end() : block.end])
        verb = _instruction(text, sentence[0], place_start, online=bool(m["online"]))
        if verb is None and not listing:
            continue
        if index.between(sentence[0], block.end, (WEB,)):
            continue
        span = following_span(doc, m.start())
        if span and index.between(*span, (WEB,)):
            continue
        if whole_site and index.between(sentence[0], sentence[1] + 1, (CONTACT,)):
            continue  # "visit our website or call 101": the reader has a way to act
        start = place_start
        if verb is not None and verb < place_start and len(text[verb : m.end()].split()) <= 8:
            start = verb
        found.append(Found(start, m.end(), " ".join(text[start : m.end()].split()), "link"))
    for block in doc.blocks:
        if not text[block.start : block.end].rstrip().endswith(":"):
            continue
        for m in _LISTING().finditer(text, block.start, block.end):
            span = following_span(doc, m.end())
            taken = any(f.start < m.end() and m.start() < f.end for f in found)
            if not taken and not (span and index.between(*span, (WEB,))):
                found.append(Found(m.start(), m.end("noun"), " ".join(m["intro"].split()), "link"))
    return found


# "These sites may help:", "Useful links:", "The following websites can help:" ending a block
_LISTING = lazy_pattern(
    r"(?<![\w'’-])(?P<intro>(?:these|the\s+following|following|useful|other|helpful|some)\s+"
    r"(?:[\w'’-]+\s+){0,2}?(?P<noun>(?:web\s?)?(?:sites|websites|links|pages)|online\s+resources))"
    r"(?![\w'’-])[^.!?:\n]{0,40}:\s*$",
    re.IGNORECASE,
)


def _introduces_list(after: str) -> bool:
    """The anchor's sentence ends its block with a colon: "These sites may help:"."""
    stripped = after.strip()
    return stripped.endswith(":") and len(stripped.split()) <= 4 and "." not in stripped


def _place(text: str, sentence_start: int, m: re.Match[str]) -> tuple[int, bool] | None:
    """Where the web place named at `m` starts and whether it is a whole site ("our website",
    "online"); None when the anchor names no web place here ("the crash site", "a form of
    abuse", "here in Bristol", "online abuse")."""
    word = m.group().lower()
    after = _tokens(text, m.end(), min(len(text), m.end() + 40))
    next_word = after[0][0] if after else ""
    directly_after = text[m.end() : m.end() + 1]
    if m["online"]:
        if next_word and next_word not in _ONLINE_ADVERB_NEXT and directly_after == " ":
            return None  # an adjective: "online abuse"
        return m.start(), True
    before = _tokens(text, _clause_start(text, sentence_start, m.start()), m.start())
    if m["here"]:
        # a link's "here" ends its clause or leads on ("here to find", "here for details");
        # "here last year", "here on Friday", "here in Bristol" are places
        if after and directly_after == " " and next_word not in _HERE_LEADS_ON:
            return None
        if before and before[-1][0] in _NOT_HERE_BEFORE:
            return None
        return m.start(), False
    if word.startswith(("page", "form")) and (
        next_word in ("of", "a", "an", "the") or next_word.isdigit()
    ):
        return None
    if "form" in word and _placed_elsewhere(after):
        return None  # "the form at reception", "return the form to us": paper
    if word.startswith("link") and next_word in ("between", "with", "road", "roads", "up"):
        return None
    for distance, (token, start, _end) in enumerate(reversed(before[-6:])):
        if token in _DETERMINERS or (token in ("a", "an") and "form" in word):
            return start, bool(m["site"])
        if _APOSTROPHE_S.search(token):
            owner = token[:-2]
            if text[start : start + 1].islower() and owner not in _OWN_BODIES:
                return None  # "the individual provider's website": the reader's own
            return start, bool(m["site"])
        if token in _NOT_DETERMINED or (distance and token in _PREPOSITIONS):
            return None
    return None


def _placed_elsewhere(after: list[tuple[str, int, int]]) -> bool:
    """ "(the form) at reception", "(the form) to us", but not "(the form) to tell us"."""
    if not after or after[0][0] not in _PREPOSITIONS:
        return False
    return after[0][0] != "to" or (len(after) > 1 and after[1][0] in _OBJECTS)


def _instruction(text: str, sentence_start: int, place_start: int, *, online: bool) -> int | None:
    """The start of the words that ask the reader to act at the place, or None.

    An imperative or "you can" verb at the start of its clause, or joined by "or"/"and" to one
    ("please call 101 or complete our form"), a gerund after "by" ("by clicking here"),
    "residents are advised to check", or "can be found" / "is available" (for "online" only
    "can be ordered online": "services are available online" describes).
    """
    words = _tokens(text, reach(sentence_start, place_start), place_start)
    for i in range(len(words) - 1, max(-1, len(words) - 13), -1):
        word, start, _end = words[i]
        if word not in _ACTS:
            if _gerund_of(word) and i and words[i - 1][0] == "by":
                return start
            continue
        if _directive(text, sentence_start, words, i):
            return start
    found = None
    passive = _MODAL_PASSIVE if online else _PASSIVE
    for m in passive.finditer(text, reach(sentence_start, place_start), place_start):
        found = m.start()
    return found


def _directive(text: str, sentence_start: int, words, i: int) -> bool:
    """Is words[i] (a verb) addressed to the reader?"""
    start = words[i][1]
    clause = _clause_start(text, sentence_start, start)
    lead = [w for w, s, _e in words[:i] if s >= clause]
    if all(w in _LEAD for w in lead):
        return True
    if _ADVISED.search(text[max(sentence_start, start - 40) : start]):
        return True
    # "Anyone with information can contact", "Residents should check": the reader, named
    if lead and lead[0] in _READERS and lead[-1] in _MODALS and len(lead) <= 8:
        return True
    # the second of two instructions: "please call 101 or complete our online form"
    if lead and lead[-1] in ("or", "and", "then"):
        first = next((k for k, (w, s, _e) in enumerate(words) if s >= clause), i)
        for k in range(first, i - 1):
            if words[k][0] in _DIRECTIVE_VERBS and all(w in _LEAD for w, *_ in words[first:k]):
                return True
    return False


def _gerund_of(word: str) -> str | None:
    if not word.endswith("ing") or len(word) < 6:
        return None
    stem = word[:-3]
    return next((c for c in (stem, stem + "e", stem[:-1]) if c in _ACTS), None)


# "please either write or ring", "call or email the team": contact verbs with no details
_ALTERNATIVES = lazy_pattern(
    r"(?=[ewrcpt])(?<![\w'’-])(?:(?:either\s+)?(?P<a>write|ring|call|phone|telephone|email|e-mail|text)"
    r"(?:\s+(?:to\s+)?(?:us|them|him|her|the\s+[a-z]+))?\s+(?:or|and/or)\s+"
    r"(?P<b>write|ring|call|phone|telephone|email|e-mail|text|contact|visit)"
    r"(?:\s+(?:to\s+)?(?:us|them|him|her|the\s+[a-z]+))?"
    # "contact us by email or phone": the ways, with no address or number
    r"|(?:contact|reach)(?:\s+(?:us|them|him|her|the\s+[a-z]+))?\s+(?:by|via)\s+"
    r"(?:email|e-mail|phone|telephone|post|letter|text)"
    r"(?:\s+(?:or|and)\s+(?:by\s+)?(?:email|e-mail|phone|telephone|post|letter|text))?)"
    r"(?=\s*(?:[.!?;]|$))",
    re.IGNORECASE,
)


# what every match of `_ALTERNATIVES` begins with, whatever its case
_ALTERNATIVES_STARTS = (
    *("either", "write", "ring", "call", "phone", "telephone", "email", "e-mail", "text"),
    *("contact", "reach"),
)


def bare_alternatives(doc, index: Destinations) -> list[Found]:
    """Ways to get in touch offered with no number, address or link anywhere near."""
    text = doc.prose_text_with_urls
    found: list[Found] = []
    blocks = doc.blocks
    if not blocks:
        return found
    # the pattern is tried only where a contact verb starts: the article's places are found
    # once, not by a search of each block
    places = start_places(text, _ALTERNATIVES_STARTS, blocks[0].start, blocks[-1].end)
    for block in blocks:
        if places is None:
            matches = _ALTERNATIVES().finditer(text, block.start, block.end)
        else:
            matches = matches_at(_ALTERNATIVES(), text, places, block.start, block.end)
        for m in matches:
            sentence_start = doc.sentence_at(m.start())[0]
            lead = _tokens(text, _clause_start(text, sentence_start, m.start()), m.start())
            if not all(w in _LEAD for w, _s, _e in lead):
                continue  # "officers will call or visit": not an instruction to the reader
            if index.between(sentence_start, block.end):
                continue
            span = following_span(doc, m.start())
            if span and index.between(*span):
                continue
            found.append(Found(m.start(), m.end(), " ".join(m.group().split()), "contact"))
    return found


_RESIDUE = lazy_pattern(
    r"\((?:opens?|opening)\s+(?:in\s+)?(?:a\s+)?new\s+(?:window|tab|page)\)"
    r"|\((?:external\s+(?:link|site|website)|link\s+is\s+external|external)\)",
    re.IGNORECASE,
)


def link_residue(doc, index: Destinations) -> list[Found]:
    """ "(opens new window)" or "(external link)" left in the text after its link was removed."""
    text = doc.inline_source
    found = []
    for block in doc.blocks:
        if "(" not in text[block.start : block.end]:
            continue
        for m in _RESIDUE().finditer(text, block.start, block.end):
            if not index.between(doc.sentence_at(m.start())[0], m.end(), (WEB,)):
                found.append(Found(m.start(), m.end(), m.group(), "residue"))
    return found


_LINK_HEADER = lazy_pattern(r"\b(?:links?|url|website|web\s+address|online)\b", re.IGNORECASE)
_LINK_WORDS = lazy_pattern(
    r"(?:click\s+here|here|link|join(?:\s+(?:the\s+)?(?:meeting|call|session))?|book(?:\s+now)?|"
    r"register|watch|view|meeting\s+link)\W*$",
    re.IGNORECASE,
)
_PIPE = lazy_pattern(r"(?<!\\)\|")


def empty_link_cells(doc, index: Destinations) -> Iterator[Found]:
    """Cells under a table heading such as "Meeting link" or "Website" that are empty or hold
    only the words of a link that was lost ("Join", "Click here")."""
    headers: list[str] = []
    column, row_line, in_head = 0, None, False
    for token in doc.tokens:
        if token.type == "thead_open":
            headers, in_head = [], True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            column, row_line = 0, token.map[0] if token.map else None
        elif token.type == "inline" and in_head:
            headers.append(token.content)
        elif token.type == "inline" and headers and row_line is not None:
            header = headers[column] if column < len(headers) else ""
            content = token.content.strip()
            if _LINK_HEADER().search(header) and (not content or _LINK_WORDS().match(content)):
                span = _cell_span(doc, row_line, column)
                if span and not index.between(*span, (WEB,)):
                    quote = f"{header.strip()}: {content}" if content else header.strip()
                    yield Found(span[0], span[1], quote, "cell")
            column += 1


def _cell_span(doc, line: int, column: int) -> tuple[int, int] | None:
    """The span of a table row's cell (between its pipes), by its 0-based column."""
    start = doc.lines.line_start(line)
    row = doc.text[start : doc.lines.line_end(line, doc.normalised)]
    pipes = [m.start() for m in _PIPE().finditer(row)]
    if not row.lstrip().startswith("|"):
        pipes.insert(0, -1)
    if not row.rstrip().endswith("|"):
        pipes.append(len(row.rstrip()))
    if column + 1 >= len(pipes):
        return None
    return start + pipes[column] + 1, start + pipes[column + 1]
