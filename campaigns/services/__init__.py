"""The only place where registrations and sign-ups change state (reading seat figures is on the queryset).

Every state change of a registration runs inside one transaction that first locks the event row
(`SELECT … FOR UPDATE` on PostgreSQL; on SQLite the transaction takes the database write lock at once
by touching the row); applications to a series lock the series row first. Counting the seats and
saving the new state therefore happen as one step: two people can never both get the last seat, and
one person never gets two places in a series. E-mails are queued in the outbox inside the same
transaction, so a committed state always has its e-mail, even when the mail server is down.

States: received → confirmed | waitlisted | declined | cancelled (see registrations.TRANSITIONS).

One module per domain; import from `campaigns.services` (this package re-exports the public names):

- registration_data.py: RegistrationData, the one declaration of the registration fields (PERSONAL_FIELDS)
- registrations.py: locking, seat figures, register (events) and register_series, state changes, promotion
- selection.py: selection for breadth per event and across a series (propose, describe, apply)
- signatures.py: campaign sign-ups (double opt-in)
- submissions.py: membership applications and counselling requests
- retention.py: anonymising and deleting personal data (purge_personal_data)
"""

from campaigns.services.registration_data import PERSONAL_FIELDS, RegistrationData
from campaigns.services.registrations import (
    TRANSITIONS,
    DuplicateRegistration,
    InvalidTransition,
    NoSeatsLeft,
    RegistrationClosed,
    RegistrationError,
    SeriesApplication,
    TooManyAttempts,
    address_budget_spent,
    cancel,
    cancel_and_forget,
    confirm,
    decline,
    lock_event,
    lock_series,
    promote_waiting,
    register,
    register_series,
    resend,
    seats_and_waiting,
    seats_by_event,
    seats_taken,
    waiting_position,
    waitlist,
)
from campaigns.services.retention import anonymise_registrations, purge_personal_data
from campaigns.services.selection import (
    DIMENSIONS,
    Proposal,
    SeriesProposal,
    apply_selection,
    apply_series_selection,
    describe,
    describe_series,
    propose_selection,
    propose_series_selection,
)
from campaigns.services.signatures import SignatureError, confirm_signature, sign
from campaigns.services.submissions import FORM_MODELS, submit_form

__all__ = [
    "DIMENSIONS",
    "FORM_MODELS",
    "PERSONAL_FIELDS",
    "TRANSITIONS",
    "DuplicateRegistration",
    "InvalidTransition",
    "NoSeatsLeft",
    "Proposal",
    "RegistrationClosed",
    "RegistrationData",
    "RegistrationError",
    "SeriesApplication",
    "SeriesProposal",
    "SignatureError",
    "TooManyAttempts",
    "address_budget_spent",
    "anonymise_registrations",
    "apply_selection",
    "apply_series_selection",
    "cancel",
    "cancel_and_forget",
    "confirm",
    "confirm_signature",
    "decline",
    "describe",
    "describe_series",
    "lock_event",
    "lock_series",
    "promote_waiting",
    "propose_selection",
    "propose_series_selection",
    "purge_personal_data",
    "register",
    "register_series",
    "resend",
    "seats_and_waiting",
    "seats_by_event",
    "seats_taken",
    "sign",
    "submit_form",
    "waiting_position",
    "waitlist",
]
