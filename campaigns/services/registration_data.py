"""One participant's answers (RegistrationData): the single declaration of the registration fields.

The public forms produce it (`from_cleaned_data`), `register()` and `register_series()` save it, and
`anonymise_registrations` clears the personal ones. A field is personal when it is declared with
`personal()`: PERSONAL_FIELDS is read from those marks, nowhere else. Kept apart from registrations.py,
which imports the retention module that needs PERSONAL_FIELDS.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

_PERSONAL = {"personal": True}


def personal(**kwargs):
    """A field about the person (free text): stripped when saved, emptied when anonymised."""
    return field(metadata=_PERSONAL, **kwargs)


@dataclass
class RegistrationData:
    """One participant's answers; role, region, companions and language stay for the figures."""

    name: str = personal()
    email: str = personal(default="")
    phone: str = personal(default="")
    role: str = ""
    organisation: str = personal(default="")
    region: str = ""
    under_18: bool = False
    dietary: str = personal(default="")
    accessibility_needs: str = personal(default="")
    companions: int = 0
    language: str = "da"

    @classmethod
    def from_cleaned_data(cls, data: dict, **extra) -> RegistrationData:
        known = {f.name for f in fields(cls)}
        values = {key: value for key, value in data.items() if key in known and value is not None}
        return cls(**(values | extra))

    def model_fields(self) -> dict:
        values = asdict(self)
        for key in PERSONAL_FIELDS:
            values[key] = (values[key] or "").strip()
        return values


# What anonymising clears (and saving strips): the fields declared with personal().
PERSONAL_FIELDS = tuple(f.name for f in fields(RegistrationData) if f.metadata.get("personal"))
