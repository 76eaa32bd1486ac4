"""The registration fields are declared once (RegistrationData); the personal ones are marked there."""

from dataclasses import fields

from campaigns.forms import PARTICIPANT_QUESTIONS, participant_fields
from campaigns.services import PERSONAL_FIELDS, RegistrationData
from campaigns.services.retention import PERSONAL_FIELDS as CLEARED_BY_ANONYMISING


def test_personal_fields_are_read_from_the_declaration():
    # What the consent texts and docs/security.md promise to empty: role, region and companions stay.
    assert PERSONAL_FIELDS == ("name", "email", "phone", "organisation", "dietary", "accessibility_needs")
    assert CLEARED_BY_ANONYMISING is PERSONAL_FIELDS
    marked = tuple(f.name for f in fields(RegistrationData) if f.metadata.get("personal"))
    assert marked == PERSONAL_FIELDS


def test_form_questions_are_registration_fields():
    declared = {f.name for f in fields(RegistrationData)}
    assert set(participant_fields("da")) <= declared
    assert set(participant_fields("nb")) <= declared
    assert set(PARTICIPANT_QUESTIONS) <= set(participant_fields("da"))


def test_saving_strips_the_personal_fields_only():
    data = RegistrationData.from_cleaned_data(
        {"name": " Anna ", "email": " anna@example.org ", "dietary": " vegetar ", "role": "parent", "unknown": "x"},
        language="nb",
    )
    values = data.model_fields()
    assert (values["name"], values["email"], values["dietary"]) == ("Anna", "anna@example.org", "vegetar")
    assert values["role"] == "parent" and values["language"] == "nb" and "unknown" not in values
