"""Titles a person would keep: a short clause that says who did what.

The title is cut from the date's own clause with the date words taken out ("In May,
North Korea released three detainees" → "North Korea released three detainees"), but a
clause is often not the event: it may be the speech frame ("…, a senior official said
on Monday"), a subordinate fragment ("until the end of this month"), a dateline
("HANOI, Vietnam –") or a lead-in ("In a separate development"). Rules, in order:

* the date words go with the preposition that carried them ("scheduled for April 24
  has been postponed" → "scheduled … has been postponed" loses "for" too) and with a
  possessive ("Sunday's meeting" → "meeting");
* a clause that is only a speaker and a verb of saying, or a fragment of fewer than
  two words, gives way to the sentence's main clause, prefixed "<speaker> said:";
* a clause opening with until/by/since and no verb of its own gives way likewise;
* datelines and lead-ins are dropped;
* at most 80 characters, cut at a natural break after the verb or else at a word,
  never with "…" (the title is stored as shown).
"""

from __future__ import annotations

import re

from tracker.article.tense import Clause, first_verb_end

MAX_TITLE = 80
_REPORTING = re.compile(
    r"^(?:the\s+|an?\s+)?(?P<subj>(?:[\w.’'-]+\s+){0,5}?[\w.’'-]+)\s+(?P<verb>announced|said|says|"
    r"confirmed|declared|stated|revealed|told\s+(?:reporters|a\s+news\s+\w+)|added|wrote|reports|reported)"
    r"\W*$", re.IGNORECASE)
_LEAD = re.compile(r"^(?:[\s,;:.“”\"()—–-]|\b(?:that|which|who|whom|since|after|before|when|while|"
                   r"because|although|though|despite|but|and|until|till|in\s+a\s+(?:separate\s+)?"
                   r"development|meanwhile|however|separately)\b)+", re.IGNORECASE)
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,}(?:,\s*[A-Z][\w .]+?)?\s*(?:\([\w. ]+\))?\s*(?:--|[-–—])\s*")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_TRAILING = re.compile(r"(?:[\s,;:.“”\"()—–-]|\b(?:in|on|at|of|for|with|to|the|a|an|and|by|"
                       r"from|as|said|that|until|since|during|their|his|her|its|our|will|would|"
                       r"was|were|is|are|be|been)\b)+$", re.IGNORECASE)
_CUTS = (" and ", " to try ", " in order to ", " after ", " with ", " who ", " to ", " as ", ", ")
_ROLE = re.compile(r"\b(?:(?:the|a|an)\s+)?(?:(?:[A-Z][\w.-]*|foreign|prime|defen[cs]e|deputy|vice|former|"
                   r"top|chief|interior|finance|trade)\s+){0,3}(?:[Pp]resident|[Ll]eader|[Mm]inister|"
                   r"[Ss]ecretary(?:\s+of\s+[Ss]tate)?|[Ee]nvoy|[Cc]hancellor|[Aa]mbassador|[Ss]pokes\w+|"
                   r"[Cc]hairman|[Kk]ing|[Pp]rime\s+[Mm]inister)\s+(?=[A-Z][a-z])")
_CARRIER = re.compile(r"\b(?:on|in|at|for|by|until|till|since|from|during|of)\s+$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"^[’']s\b\s*")


def shorten(text: str, limit: int = MAX_TITLE) -> str:
    """Cut at a natural break after the verb (" and ", " after ", …), else at a word;
    a title too long first loses the roles before names ("US president Donald Trump"
    → "Donald Trump"). Only the first few hundred characters matter, which keeps the
    regexes cheap."""
    text = " ".join(text[:4 * limit].split())
    text = _TRAILING.sub("", _ARTICLE.sub("", _LEAD.sub("", _DATELINE.sub("", text))))
    if len(text) > limit:
        text = _ROLE.sub("", text)
    if len(text) > limit:
        for cut in _CUTS:
            i = text.find(cut, max(20, first_verb_end(text) + 1))
            if 0 < i <= limit:
                text = text[:i]
                break
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0]
    text = _TRAILING.sub("", text)
    return text[:1].upper() + text[1:]


def _without_date(sentence: str, a: int, b: int, start: int, end: int) -> str:
    before = sentence[a:start]
    after = _POSSESSIVE.sub("", sentence[end:b])
    if (carrier := _CARRIER.search(before)) is not None:
        before = before[:carrier.start()]
    return f"{before.rstrip()} {after.lstrip()}".strip()


def _words(text: str) -> int:
    return len(re.findall(r"[^\W\d_]{3,}", _LEAD.sub("", text)))


def _main(sentence: str, spans: list[Clause], skip: int) -> str:
    """The first clause other than ``skip`` with three words and a verb."""
    for i, (a, b) in enumerate(spans):
        text = sentence[a:b]
        if i != skip and _words(text) >= 3 and first_verb_end(_LEAD.sub("", text)) \
                and not _REPORTING.match(_LEAD.sub("", text)):
            return text
    return ""


def propose_title(sentence: str, start: int, end: int, spans: list[Clause]) -> str:
    """A short headline from the expression's clause: subject, verb and object as written."""
    index = next((i for i, (a, b) in enumerate(spans) if a <= start < b), 0)
    a, b = spans[index]
    if (dateline := _DATELINE.match(sentence)) is not None and a < dateline.end() < b:
        a = dateline.end()  # "HANOI, Vietnam – US President …"
    rest = _without_date(sentence, a, b, start, end)
    if re.match(r"\W*(?:said|says|told|added|wrote)\b", rest) and index > 0:
        rest = f"{sentence[spans[0][0]:spans[0][1]].strip()} {_LEAD.sub('', rest)}"  # "Jane Roe, …, said it"
    if re.match(r"^\W*(?:which|who)\b", rest, re.IGNORECASE) and index > 0:
        # "… the funeral of the mother of the president, who died on Friday": the mother died
        before = sentence[spans[index - 1][0]:spans[index - 1][1]]
        nouns = list(re.finditer(r"\b(?:the|a|an)\s+", before, re.IGNORECASE))
        antecedent = (before[nouns[-1].start():] if nouns
                      else re.split(r"\b(?:and|on|with|about)\s+", before)[-1])
        rest = f"{antecedent} {_LEAD.sub('', rest)}"
    reported = _REPORTING.match(_LEAD.sub("", rest))
    fragment = _words(rest) < 2 or (re.match(r"\W*(?:until|till|by|since)\b", sentence[a:b], re.IGNORECASE)
                                    and not first_verb_end(rest)
                                    and not re.search(r"\b(?:the|an?|their|his|her|its)\s+\w", rest))
    if reported or fragment:
        main = _main(sentence, spans, index)
        if main and reported:
            subject = _ARTICLE.sub("", reported["subj"])
            prefix = f"{subject[:1].upper()}{subject[1:]} {reported['verb'].split()[0].lower()}: "
            if len(prefix) <= MAX_TITLE // 2:
                return prefix + shorten(main, MAX_TITLE - len(prefix))
        if main:
            rest = main
    title = shorten(rest)
    return title or shorten(" ".join(sentence.split()[:10]))
