"""Language analysis shared by the engines: tokens, folding, stemming, stop words, compounds, synonyms.

Everything here is plain Python so the embedded engine can index pre-analysed text and the
Elasticsearch engine can reuse the same word lists (stop words, compound parts, synonym groups).

Terms
-----
* *surface form*: a word as written, lower-cased (``"aflastningen"``).
* *folded form*: the surface form with æ/ø/å (and ä/ö/ü, accents) spelled out in ASCII
  (``"forældre" -> "foraeldre"``), so a reader without a Danish keyboard ("foraeldre", "aa")
  matches the same words.
* *key*: the folded Snowball stem of a surface form (``"aflastningen" -> "aflastning"``). Keys are
  what the index stores and what query terms are compared with. We stem first and fold after,
  because the Snowball rules know æ/ø/å as vowels.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import Stemmer

from search import ranking

LANGUAGES = {"da": "danish", "nb": "norwegian", "no": "norwegian", "nn": "norwegian", "en": "english"}

WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
#: query syntax people paste from other search engines; treated as plain separators
SYNTAX_WORDS = {"and", "or", "not", "og", "eller", "ikke"}

# -- folding: one notion of a letter ------------------------------------------------------------
# A reader without a Nordic keyboard types "ae", "oe", "aa"; a Swede or German types "ä", "ö"; loan
# words come with or without accents. Both engines treat these as the same letter:
#   æ ≡ ae ≡ ä,  ø ≡ oe ≡ ö,  å ≡ aa,  ß ≡ ss,  é ≡ e (every accent optional).
# They differ only in the spelling they store: the embedded engine stems first (Snowball knows æ/ø/å
# as vowels) and then writes the key in ASCII (``fold``); Elasticsearch applies the same table the
# other way round, as a char filter before its stemmer (``es_char_mappings``), and stores Danish letters.
DIGRAPHS: dict[str, str] = {"ae": "æ", "oe": "ø", "aa": "å"}
NEIGHBOUR_LETTERS: dict[str, str] = {"ä": "æ", "ö": "ø", "ǿ": "ø", "ß": "ss"}
#: accented letters folded to their base letter (the accent is optional in Danish and Norwegian)
ACCENTED = "éèêëáàâóòôúùûüíìîïñç"

_ASCII_OF = {letter: digraph for digraph, letter in DIGRAPHS.items()}
_FOLD_MAP = str.maketrans(
    {
        **_ASCII_OF,
        **{letter: _ASCII_OF.get(twin, twin) for letter, twin in NEIGHBOUR_LETTERS.items()},
        "ð": "d",
        "þ": "th",
    }
)


def _base_letter(letter: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", letter) if not unicodedata.combining(ch))


def es_char_mappings() -> dict[str, str]:
    """The folding table as Elasticsearch ``mapping`` char filter rules (case by case: it runs first)."""
    rules: dict[str, str] = {}
    for digraph, letter in DIGRAPHS.items():
        upper = letter.upper()
        rules.update({digraph: letter, digraph.capitalize(): upper, digraph.upper(): upper})
        rules[digraph[0] + digraph[1].upper()] = letter
    for letter, twin in NEIGHBOUR_LETTERS.items():
        rules[letter] = twin
        if letter.upper() != letter and len(letter.upper()) == 1:
            rules[letter.upper()] = twin.upper()
    for letter in ACCENTED:
        rules[letter] = _base_letter(letter)
        rules[letter.upper()] = _base_letter(letter.upper())
    return rules


# -- stop words ------------------------------------------------------------------------
# The Snowball lists for Danish and Norwegian (Lucene's), the words of questions parents type
# ("hvordan kan jeg få …"), which carry no topic, and English function words (parents also ask in
# English). A stop word never makes a document match, in either engine.
SNOWBALL_STOP: dict[str, frozenset[str]] = {
    "da": frozenset(
        """
og i jeg det at en den til er som på de med han af for ikke der var mig sig men et har om vi min havde
ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv her alle vil blev kunne ind
når være dog noget ville jo deres efter ned skulle denne end dette mit også under have dig anden hende mine
alt meget sit sine vor mod disse hvis din nogle hos blive mange ad bliver hendes været thi jer sådan
""".split()
    ),
    "nb": frozenset(
        """
og i jeg det at en et den til er som på de med han av ikke ikkje der så var meg seg men ett har om vi min
mitt ha hadde hun nå over da ved fra du ut sin dem oss opp man kan hans hvor eller hva skal selv sjøl her
alle vil bli ble blei blitt kunne inn når være kom noen noe ville dere som deres kun ja etter ned skulle
denne for deg si sine sitt mot å meget hvorfor dette disse uten hvordan ingen din ditt blir samme hvilken
hvilke sånn inni mellom vår våre hver hvem vors hvis både bare enn fordi før mange også slik vært båe
begge siden henne hennar hennes
""".split()
    ),
}
QUESTION_WORDS: dict[str, frozenset[str]] = {
    "da": frozenset(
        """
hvordan hvorfor hvornår hvem hvilken hvilke hvilket kan får få fik gør gøre gjorde mit vores jeres
må måske bare lige hvad nok godt sådan altså jamen hej tak noget nogen kun andre andet
altfor virkelig rigtig
""".split()
    ),
    "nb": frozenset(
        "hvordan hvorfor når hvem får få fikk gjør gjøre gjorde må kanskje litt takk hei vårt altfor veldig".split()
    ),
}
ENGLISH_STOP = frozenset(
    """
a an the of to for in on at by with from and or not is are was be can i my me we our you your how what
when where who why do does did get about it this that there if should would could will
""".split()
)

STOP_WORDS: dict[str, frozenset[str]] = {
    code: SNOWBALL_STOP[code] | QUESTION_WORDS[code] | ENGLISH_STOP for code in SNOWBALL_STOP
}

#: words that are on topic but so general that they never carry a result on their own (a query needs a
#: distinctive word too), and count less in the ranking
COMMON_WORDS: dict[str, frozenset[str]] = {
    "da": frozenset(
        """
hjælp hjælpe barn barnet børn børnene søge søger handicap kommunen kommune familie familien familier
søn sønnen sønner datter datteren døtre dreng drengen pige pigen forholde
help child children kid kids family parent parents disabled disability son daughter
""".split()
    ),
    "nb": frozenset(
        """
hjelp hjelpe barn barnet barna søke søker kommunen kommune familie familien familier
sønn sønnen sønner datter datteren døtre gutt gutten jente jenta forholde
help child children kid kids family parent parents disabled disability son daughter
""".split()
    ),
}

# -- compound parts ------------------------------------------------------------------------
# Words that often start or end a closed compound in this domain. Both engines use the index
# vocabulary as well (new content teaches the splitter new parts); this list makes a fresh install work.
_DA_PARTS = """
aflastning aflastnings tilbud ophold familie weekend special børnehave børn barn skole klasse
undervisning dagtilbud daginstitution vuggestue handicap bil biler hjælpemiddel hjælpemidler hjælp
forbrugsgode forbrugsgoder klage klager frist fristen ankestyrelse sag sager sagsbehandling behandling
afgørelse afgørelser merudgift merudgifter udgift udgifter ydelse ydelser tabt arbejde arbejds fortjeneste
løn indtægt tid timer aktindsigt indsigt anmodning bisidder bisidning part parts høring brev møde møder
referat dagsorden plan handleplan barnets lov tolk tolke bistand sprog bolig indretning ombygning
ledsager ledsagelse ordning voksen voksenliv overgang efterværn støtte person personer kontakt
uddannelse ungdom transport befordring kørsel søskende trivsel psykolog pædagogisk rådgivning
rådgiver borger kommune kommunal undersøgelse vurdering pension penge tilskud bevilling afslag
genvurdering hjemvisning omgørelse procent sikkerhed ret rettigheder retssikkerhed pårørende
forælder forældre hjem job pasning pleje plads fritid
""".split()
_NB_PARTS = """
avlastning avlastnings tilbud bolig hjem opphold familie helg spesial barnehage barn skole klasse
undervisning funksjons nedsettelse bil hjelpemiddel hjelpemidler hjelp klage klager frist fristen
statsforvalter sak saker saksbehandling behandling vedtak enkelt utgift utgifter stønad grunn
omsorg pleie penger lønn tid timer innsyn anmodning bisitter part parts møte møter referat plan
individuell koordinator lov tolk språk assistanse personlig brukerstyrt støtte person kontakt
utdanning ungdom transport skyss søsken psykolog pedagogisk tjeneste sakkyndig vurdering nav
forelder foreldre funksjonshemming jobb kommune merutgift plass rett tapt tilskudd ytelse arbeid fritid
""".split()

COMPOUND_PARTS: dict[str, frozenset[str]] = {"da": frozenset(_DA_PARTS), "nb": frozenset(_NB_PARTS)}
#: heads that look like words but are prefixes/prepositions, never a compound's first part
_BAD_HEADS = frozenset(
    "for af til op ud ind om på med mod ved be ge er an over under efter fra bag hen".split()
    + "av opp ut inn mot etter".split()
)
#: shortest compound part: a split never makes a shorter one, and a word shorter than two parts is never
#: split. Elasticsearch's decompounder gets the same numbers (min_subword_size, min_word_size = 2 × this)
#: and takes every curated part from this length.
MIN_PART = 3
#: shortest part the embedded engine knows only through its stem (the index holds another form of the word,
#: not this one as written): a shorter string shares its stem with too many unrelated words
MIN_STEM_PART = 4
#: Elasticsearch only: shortest word of the indexed text in the decompounder's word list (the curated
#: COMPOUND_PARTS go in from MIN_PART). Longer than MIN_PART for a reason of Lucene's: its
#: dictionary_decompounder emits every listed word found anywhere inside a longer word, whether or not
#: the rest of the word is made of parts too, where the embedded splitter only splits a word that is
#: parts from end to end. Every three-letter word of the text ("tid", "del", "ret", "sag") in that list
#: would add a stray part to many words.
ES_MIN_VOCABULARY_PART = 4


def language(locale: str) -> str:
    return LANGUAGES.get((locale or "da").split("-")[0].lower(), "danish")


def base_locale(locale: str) -> str:
    code = (locale or "da").split("-")[0].lower()
    return "nb" if code in {"nb", "no", "nn"} else "da"


@lru_cache(maxsize=500_000)
def fold(text: str) -> str:
    """Lower-case, spell æ/ø/å and accented letters in ASCII: "Forældre" -> "foraeldre"."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKC", text).lower().translate(_FOLD_MAP)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def skeleton(text: str) -> str:
    """A lossier key for autocomplete: also "a" for "å", "o" for "ø" ("pa" finds "på")."""
    return fold(text).replace("aa", "a").replace("oe", "o").replace("ae", "a")


@lru_cache(maxsize=8)
def _stemmer(lang: str) -> Stemmer.Stemmer:
    stemmer = Stemmer.Stemmer(lang)
    stemmer.maxCacheSize = 100_000
    return stemmer


_TOKEN_RE = re.compile(r"[^\W_]+")


def tokenize(text: str) -> list[str]:
    """Lower-cased words; hyphenated words are split too ("ppt-kontoret" -> "ppt", "kontoret")."""
    if not text:
        return []
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return _TOKEN_RE.findall(text.lower())


def tokenize_with_offsets(text: str) -> list[tuple[str, int, int]]:
    return [(m.group().lower(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text or "")]


def stem(word: str, locale: str) -> str:
    return _stemmer(language(locale)).stemWord(word)


def key(word: str, locale: str) -> str:
    """The index key of a (lower-cased) surface word: folded stem."""
    return fold(_stemmer(language(locale)).stemWord(word))


def keys(words: Iterable[str], locale: str) -> list[str]:
    words = list(words)
    return [fold(s) for s in _stemmer(language(locale)).stemWords(words)]


@lru_cache(maxsize=16)
def _stop_set(locale: str) -> frozenset[str]:
    return STOP_WORDS[base_locale(locale)]


def is_stop(word: str, locale: str) -> bool:
    return word in STOP_WORDS[base_locale(locale)]


def content_words(text: str, locale: str) -> list[str]:
    """Words of a text without stop words (all words if the text is only stop words)."""
    words = tokenize(text)
    kept = [w for w in words if not is_stop(w, locale)]
    return kept or words


def analyze(text: str, locale: str) -> list[str]:
    """Text -> index keys (stop words dropped)."""
    stop = _stop_set(locale)
    words = [w for w in tokenize(text) if w not in stop]
    return keys(words, locale) if words else []


# -- compounds --------------------------------------------------------------------------


def split_compound(word: str, is_known: Callable[[str], bool], locale: str = "da") -> list[str] | None:
    """Split a folded closed compound into known parts, allowing a linking -s- or -e-.

    "aflastningstilbud" -> ["aflastning", "tilbud"], "klagefristen" -> ["klage", "fristen"].
    Returns None when the word cannot be split into known parts. Fewer, longer parts win.
    """
    word = fold(word)
    if len(word) < 2 * MIN_PART:
        return None
    return _split(word, is_known, 0)


def _split(word: str, is_known: Callable[[str], bool], depth: int) -> list[str] | None:
    best: list[str] | None = None
    best_score = None
    for i in range(len(word) - MIN_PART, MIN_PART - 1, -1):  # longest head first
        head, tail = word[:i], word[i:]
        heads = [head]
        if head[-1] in "se" and len(head) - 1 >= MIN_PART:
            heads.append(head[:-1])
        for h in heads:
            if h in _BAD_HEADS or not is_known(h):
                continue
            if is_known(tail) and tail not in _BAD_HEADS:
                parts = [h, tail]
            elif depth < 2 and len(tail) >= 2 * MIN_PART:
                rest = _split(tail, is_known, depth + 1)
                if not rest:
                    continue
                parts = [h, *rest]
            else:
                continue
            score = (-len(parts), min(len(p) for p in parts))
            if best_score is None or score > best_score:
                best, best_score = parts, score
        if best is not None and len(best) == 2:
            break
    return best


# -- synonyms ------------------------------------------------------------------------------


@dataclass
class SynonymIndex:
    """Synonym groups as sequences of keys, for finding synonyms inside a query."""

    locale: str
    groups: list[list[tuple[str, ...]]] = field(default_factory=list)
    by_phrase: dict[tuple[str, ...], list[int]] = field(default_factory=dict)
    max_len: int = 1

    @classmethod
    def build(cls, groups: Iterable[Iterable[str]], locale: str) -> SynonymIndex:
        index = cls(locale)
        for group in groups:
            phrases = []
            for phrase in group:
                analysed = tuple(analyze(phrase, locale))
                if analysed and analysed not in phrases:
                    phrases.append(analysed)
            if len(phrases) < 2:
                continue
            number = len(index.groups)
            index.groups.append(phrases)
            for phrase in phrases:
                index.by_phrase.setdefault(phrase, []).append(number)
                index.max_len = max(index.max_len, len(phrase))
        return index

    def find(self, query_keys: list[str]) -> list[tuple[int, int, list[tuple[str, ...]]]]:
        """[(start, end, alternative phrases)] for every synonym phrase found in the query keys (longest first)."""
        found = []
        taken = [False] * len(query_keys)
        for length in range(min(self.max_len, len(query_keys)), 0, -1):
            for start in range(len(query_keys) - length + 1):
                if any(taken[start : start + length]):
                    continue
                phrase = tuple(query_keys[start : start + length])
                groups = self.by_phrase.get(phrase)
                if not groups:
                    continue
                alternatives: list[tuple[str, ...]] = []
                for number in groups:
                    for other in self.groups[number]:
                        if other != phrase and other not in alternatives:
                            alternatives.append(other)
                found.append((start, start + length, alternatives))
                for i in range(start, start + length):
                    taken[i] = True
        return sorted(found)


def clean_query(text: str | None) -> str:
    """The query as the engines see it: printable, whitespace collapsed, cut to the query limits.

    Empty when no word is left (punctuation only, control or private-use characters): such input
    searches for nothing. Never parsed as query syntax by any engine.
    """
    text = "".join(
        ch if unicodedata.category(ch)[0] != "C" else " " for ch in (text or "")[: ranking.MAX_QUERY_CHARS * 4]
    )
    text = " ".join(text.split())[: ranking.MAX_QUERY_CHARS]
    text = " ".join(text.split()[: ranking.MAX_QUERY_WORDS])
    return text if _TOKEN_RE.search(text) else ""


def normalise_query(text: str, max_length: int = ranking.MAX_QUERY_CHARS) -> str:
    """The query as logged and compared with search promotions: lower-case words, single spaces."""
    return " ".join(tokenize(text))[:max_length]
