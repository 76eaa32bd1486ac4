"""The shipped demo content states the law as it stands (issue 14 §1): checked line by line, pinned here."""

import json
from pathlib import Path

import pytest
from django.conf import settings

from campaigns.content_types import check_utc_offset
from importing.registry import ImportError_
from knowledge.content_types import is_bare_home_page, validate_guide

DEMO = Path(settings.BASE_DIR) / "demo_content"


def items(name):
    return [json.loads(line) for line in (DEMO / name).read_text().splitlines() if line.strip()]


def all_items():
    return [item for path in sorted(DEMO.glob("*.jsonl")) for item in items(path.name)]


def guide(slug, locale="da"):
    return next(g for g in items(f"guides_{locale}.jsonl") if g["slug"] == slug)


def text(item):
    return json.dumps(item, ensure_ascii=False)


def test_no_legal_reference_links_a_bare_home_page():
    refs = [(item["slug"], ref) for item in all_items() for ref in item.get("legal") or []]
    assert len(refs) > 40
    for slug, ref in refs:
        assert not is_bare_home_page(ref["url"]), (slug, ref)
        if ref["url"].startswith("https://www.retsinformation.dk/"):
            assert ref["url"].startswith("https://www.retsinformation.dk/eli/lta/"), (slug, ref)
        else:
            assert ref["url"].startswith("https://lovdata.no/lov/") and "/§" in ref["url"], (slug, ref)


def test_import_refuses_a_home_page_as_legal_reference():
    with pytest.raises(ImportError_, match="is a home page: link the provision itself"):
        validate_guide({"legal": [{"law": "Barnets lov", "section": "§ 86", "url": "https://www.retsinformation.dk/"}]})


def test_merudgifter_guide_describes_the_kompensationsydelse():
    g = text(guide("merudgifter"))
    assert "kompensationsydelse" in guide("merudgifter")["title"]
    assert "Siden 1. september 2025 hedder hjælpen kompensationsydelse (Barnets lov § 86)" in g
    assert "et fast beløb på 1.105 kr. om måneden" in g  # track 1: fixed amount above a yearly threshold
    assert "mindst 6.660 kr. om året" in g
    assert "positivlisten" in g and "over 24.000 kr. om året" in g and "500 kr. om måneden" in g  # track 2
    assert "gemme kvitteringer" in g
    assert "senest 1. september 2027" in g  # existing grants run until reassessed
    assert "servicelovens § 100" in g  # adults
    faq = {f["question"]: f["answer"] for f in guide("merudgifter")["faq"]}
    assert faq["Skal jeg have kvitteringer for alle udgifter?"].startswith("Det afhænger af, hvilken måde du vælger.")


def test_glossary_kompensationsydelse_is_still_found_as_merudgifter():
    entry = next(t for t in items("glossary.jsonl") if t["slug"] == "kompensationsydelse")
    assert {"merudgifter", "merudgiftsydelse"} <= set(entry["synonyms"])
    assert "positivlisten" in entry["body"] and "1. september 2027" in entry["body"]


def test_no_text_treats_standard_amounts_as_a_future_bill():
    for item in items("articles.jsonl") + items("position_papers.jsonl"):
        body = text(item)
        assert "lovforslaget om forenkling" not in body
        if "merudgift" in body:
            assert "kompensationsydelse" in body, item["slug"]


def test_complaint_texts_say_what_received_means():
    complaint = guide("klage-til-ankestyrelsen")
    assert "til Ankestyrelsen" not in complaint["title"]
    body = complaint["body"]
    assert "den dag, den blev tilgængelig i din digitale postkasse, også selv om du først læser den senere" in body
    assert "6 hverdage efter datoen i brevet" in body
    assert "flyttes den efter Justitsministeriets vejledning om beregning af klagefrister til den næste hverdag" in body
    klagefrist = next(t for t in items("glossary.jsonl") if t["slug"] == "klagefrist" and t["locale"] == "da")
    assert "ikke den dag, du åbnede den" in klagefrist["body"]


def test_norwegian_complaint_guide_has_three_deadlines_each_with_its_legal_basis():
    g = guide("klage-pa-vedtak", "nb")
    assert {(d["duration"], d["legal_basis"]) for d in g["deadlines"]} == {
        ("4 uker", "Pasient- og brukerrettighetsloven § 7-5"),
        ("6 uker", "Folketrygdloven § 21-12"),
        ("3 uker", "Forvaltningsloven § 29"),
    }
    assert "ikke dagen du åpnet det" in g["body"]
    for slug in ("avlastning", "omsorgsstonad"):
        sections = {(r["law"], r["section"]) for r in guide(slug, "nb")["legal"]}
        assert ("Pasient- og brukerrettighetsloven", "§ 2-8") in sections
        assert ("Helse- og omsorgstjenesteloven", "§ 3-6") in sections


def test_childrens_rights_cite_barnets_lov():
    ledsage = guide("ledsagerordning")
    assert ledsage["title"].startswith("Ledsageordning")
    assert "ret til 15 timers ledsagelse om måneden efter Barnets lov § 89" in ledsage["intro"]
    assert "i nogle tilfælde give ledsagelse" not in text(ledsage)
    for slug in ("hjaelpemidler", "handicapbil", "boligindretning", "aflastning"):
        assert ("Barnets lov", "§ 90") in {(r["law"], r["section"]) for r in guide(slug)["legal"]}, slug
    assert "ungestøtte" in guide("eftervaern")["title"].lower() and "efterværn" in guide("eftervaern")["title"]
    school = text(guide("befordring-til-skole"))
    assert "distriktsskolen eller på en skole, som kommunen har henvist barnet til" in school
    assert "uanset afstanden (folkeskoleloven § 26, stk. 2)" in school


def test_plain_language_slips_are_fixed():
    everything = "\n".join(text(item) for item in all_items())
    assert "let anret." not in everything and "let anretning" in everything
    assert "kortere forlængelse" not in everything
    assert "et skøn – det vil sige en vurdering" in text(guide("begrundelse-for-afgoerelser"))


def test_every_event_time_has_the_site_time_zones_offset():
    for event in items("events.jsonl"):
        for key in ("start", "end", "opens", "closes"):
            check_utc_offset(event, key)  # raises ImportError_ on a wrong offset
    copenhagen = next(e for e in items("events.jsonl") if e["slug"] == "tillidsbroen-dialogmoede-koebenhavn")
    assert copenhagen["start"].endswith("+02:00")  # 6 April 2027 is summer time


@pytest.mark.parametrize(
    "name", ["Social- og Boligministeriet", "KL", "Danske Handicaporganisationer", "Dansk Socialrådgiverforening"]
)
def test_no_invented_partnership_or_event_is_attributed_to_a_real_body(name):
    for item in all_items():
        if item["type"] in ("article", "campaign", "partnership", "event"):
            assert f'"{name}"' not in text(item) and f" {name} " not in text(item), item["slug"]


ENGLISH_WORDS = {"care", "appeal", "documents", "support", "decision", "assessment", "school", "the", "to", "of"}


def test_glossary_shows_everyday_words_only():
    for term in items("glossary.jsonl"):
        for word in term["synonyms"]:
            assert "?" not in word and not word.startswith(("hvornår", "hvor lang")), (term["slug"], word)
            assert not set(word.split()) & ENGLISH_WORDS, (term["slug"], word)
    klagefrist = next(t for t in items("glossary.jsonl") if t["slug"] == "klagefrist" and t["locale"] == "da")
    assert "hvornår skal jeg klage" in klagefrist["search_words"]  # still found by search, not displayed
