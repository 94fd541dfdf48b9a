"""A name's forms are each tagged with their language and script, Latin and Cyrillic apart."""

from edition.markup.html import language_forms


def test_a_bracketed_cyrillic_form_is_tagged_apart():
    assert language_forms("Trepča (Трепча)", "sr-Latn") == [("Trepča", "sr-Latn"), ("Трепча", "sr-Cyrl")]
    assert language_forms("Kosovska Mitrovica", "sr-Latn") == [("Kosovska Mitrovica", "sr-Latn")]
    assert language_forms("Mitrovicë", "sq") == [("Mitrovicë", "sq")]
