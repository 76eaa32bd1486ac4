"""Language analysis: folding, stemming, stop words, compounds, synonyms in a query."""

from search import analysis


def test_fold_keeps_danish_letters_matchable():
    assert analysis.fold("Forældre på Ørsted") == "foraeldre paa oersted"
    assert analysis.fold("café") == "cafe"


def test_keys_stem_then_fold():
    assert analysis.key("aflastningen", "da") == analysis.key("aflastning", "da")
    assert analysis.key("forældre", "da") == analysis.key("foraeldre", "da")
    assert analysis.key("vedtaket", "nb") == analysis.key("vedtak", "nb")


def test_question_words_are_stop_words():
    assert analysis.content_words("Hvordan klager jeg over en afgørelse?", "da") == ["klager", "afgørelse"]
    assert analysis.content_words("Hvordan får jeg innsyn", "nb") == ["innsyn"]


def known(words):
    folded = {analysis.fold(w) for w in words}
    return lambda w: w in folded


def test_compounds_split_with_linking_letters():
    is_known = known(
        ["aflastning", "tilbud", "special", "børnehave", "handicap", "bil", "klage", "fristen", "for", "ældre"]
    )
    assert analysis.split_compound("aflastningstilbud", is_known) == ["aflastning", "tilbud"]
    assert analysis.split_compound("specialbørnehave", is_known) == ["special", "boernehave"]
    assert analysis.split_compound("handicapbil", is_known) == ["handicap", "bil"]
    assert analysis.split_compound("klagefristen", is_known) == ["klage", "fristen"]
    assert analysis.split_compound("forældre", is_known) is None  # "for" is never a compound's head
    assert analysis.split_compound("kommunen", is_known) is None


def test_synonym_phrases_are_found_in_a_query():
    index = analysis.SynonymIndex.build([["tabt arbejdsfortjeneste", "lost earnings"], ["klage", "complain"]], "da")
    found = index.find(analysis.analyze("lost earnings og klage", "da"))
    assert [(start, end) for start, end, _ in found] == [(0, 2), (2, 3)]
    assert found[0][2] == [tuple(analysis.analyze("tabt arbejdsfortjeneste", "da"))]


def test_normalise_query():
    assert analysis.normalise_query("  Hvad   er AKTINDSIGT?? ") == "hvad er aktindsigt"


def test_no_default_synonym_starts_with_a_stop_word():
    """The stop filter would cut "ikke enig" to "enig" and "fik nej" to "nej": the shipped thesaurus has none."""
    from search.synonyms.thesaurus import DEFAULT_THESAURUS

    for locale, groups in DEFAULT_THESAURUS.items():
        for group in groups:
            for term in group:
                words = analysis.tokenize(term)
                assert words and not analysis.is_stop(words[0], locale), (locale, term)
