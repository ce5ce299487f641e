"""The off-topic model's gates (features.offtopic_gates)."""
from __future__ import annotations

from features.offtopic_gates import first_person


def test_first_person_outside_quotations_only() -> None:
    assert first_person("As it happened, I was out of the country.")
    assert first_person("My inbox filled up with statements.")
    assert not first_person("“I am not going anywhere,” the senator said.")
    assert not first_person("The Iowa caucuses are in February.")
    assert first_person("They told me the plan would fail.")  # "me" is the only first-person word
    assert not first_person("“Tell me more,” she said.")
    # a Roman numeral "I" in a name is not the pronoun; the pronoun after such a word still is
    assert not first_person("Veterans of World War I were honoured.")
    assert not first_person("The district lost its Title I funds.")
    assert not first_person("The Phase I trial ended early.")
    assert first_person("After the war I moved to Ohio.")
