"""Campaigns, partnerships and events, one module per page family.

- partnerships.py: the Organisation snippet (name, logo, link) and PartnershipPage (charter, meetings, press)
- campaigns.py: CampaignIndexPage, CampaignPage and Signature (double opt-in sign-ups)
- events.py: EventIndexPage (upcoming/past, filters, iCal feed) and EventPage (programme, registration settings)
- series.py: EventSeries, meetings that share one application, deadline and "one meeting per person" rule
- registrations.py: Registration (a participant's seat request and its state) and Registrant (who registered others)
- choices.py: registration mode and state, role and region
- forms.py: MembershipApplication ("Bliv medlem") and CounsellingRequest ("Få rådgivning")

State changes of registrations and sign-ups happen only in campaigns/services/.
"""

from campaigns.models.campaigns import CampaignIndexPage, CampaignPage, Signature
from campaigns.models.events import EventIndexPage, EventPage
from campaigns.models.forms import CounsellingRequest, MembershipApplication
from campaigns.models.partnerships import Organisation, PartnershipPage
from campaigns.models.registrations import Registrant, Registration
from campaigns.models.series import EventSeries

__all__ = [
    "CampaignIndexPage",
    "CampaignPage",
    "CounsellingRequest",
    "EventIndexPage",
    "EventPage",
    "EventSeries",
    "MembershipApplication",
    "Organisation",
    "PartnershipPage",
    "Registrant",
    "Registration",
    "Signature",
]
