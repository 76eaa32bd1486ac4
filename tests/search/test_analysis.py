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


def test_installed_default_lists_are_brought_up_to_the_shipped_thesaurus():
    """Migration 0004 turns the lists a site got from 0002 into today's defaults, and leaves editors' words alone."""
    import importlib

    from search.synonyms.thesaurus import DEFAULT_THESAURUS

    migration = importlib.import_module("search.migrations.0004_default_thesaurus_without_stop_words")
    old = {
        "da": [["klage", "uenig", "ikke enig", "anke"], ["afslag", "fik nej", "nej fra kommunen"]],
        "nb": [["avslag", "fikk nei", "refusal"], ["søsken", "bror", "min egen søsterord"]],
    }
    assert migration.rewrite_groups("\n".join(", ".join(g) for g in old["da"]), "da").splitlines() == [
        "klage, uenig, anke",
        "afslag, sagde nej, nej fra kommunen",
    ]
    nb = migration.rewrite_groups("\n".join(", ".join(g) for g in old["nb"]), "nb").splitlines()
    assert nb == [
        "avslag, sa nei, refusal, nei fra kommunen",
        "søsken, bror, min egen søsterord, storesøster, lillesøster, storebror, lillebror",
    ]
    for locale, added in migration.ADDED.items():  # every added term is in the shipped defaults too
        shipped = {group[0]: group for group in DEFAULT_THESAURUS[locale]}
        for first, terms in added.items():
            assert set(terms) <= set(shipped[first]), (locale, first)
