"""The follow form on guides and topic listings, confirming and one-click unsubscribing, as a reader meets them."""

import re

import pytest
from django.test import override_settings

from outbox.models import Message
from subscriptions import tokens
from subscriptions.models import ChangeNote, Subscription
from tests.subscriptions.factories import make_subscription, publish


def follow(client, page, email="mor@example.org", frequency="immediate", topic="", prefix=""):
    return client.post(
        f"{prefix}/foelg/", {"side": page.pk, "emne": topic, "email": email, "frequency": frequency, "website": ""}
    )


def link_in(message, path):
    return re.search(rf"https?://[^/\s]+(/(?:nb/)?{path}[^\s]+)", message.body).group(1)


def test_guide_page_offers_the_form_without_csrf_token(client, guide):
    response = client.get(guide.url)
    html = response.content.decode()
    assert "Få besked, når vejledningen ændres" in html
    assert 'action="/foelg/"' in html and f'name="side" value="{guide.pk}"' in html
    assert "csrfmiddlewaretoken" not in html  # the page stays cacheable
    assert "csrftoken" not in response.cookies


def test_topic_listing_offers_following_the_topic(client, guide):
    index = guide.get_parent()
    html = client.get(index.url + "?emne=økonomi").content.decode()
    assert "Få besked, når vejledningerne om økonomi ændres" in html
    assert 'name="emne" value="økonomi"' in html


def test_follow_confirm_and_receive(client, guide, django_capture_on_commit_callbacks):
    client.raise_request_exception = True
    response = follow(client, guide)
    assert response.status_code == 302 and "/foelg/tjek-din-mail/" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "Tjek din e-mail" in page
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None
    [mail] = Message.objects.filter(topic="follow_confirm")
    confirm_path = link_in(mail, "foelg/bekraeft/")
    # Opening the link (or a mail scanner) changes nothing; the button confirms.
    assert "Bekræft" in client.get(confirm_path).content.decode()
    assert Subscription.objects.get().confirmed_at is None
    done = client.post(confirm_path).content.decode()
    assert "Du følger nu vejledningen" in done
    assert Subscription.objects.get().confirmed_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        publish(guide, note="Ny frist for ansøgning.")
    assert Message.objects.filter(topic="follow_change", to=["mor@example.org"]).count() == 1


def test_the_answer_never_reveals_whether_an_address_follows(client, guide):
    make_subscription(guide, "kendt@example.org")
    known = follow(client, guide, "kendt@example.org")
    unknown = follow(client, guide, "ny@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    # What differs is said only to the address itself.
    assert Message.objects.filter(to=["kendt@example.org"], subject__startswith="Du følger allerede").count() == 1
    assert Message.objects.filter(to=["ny@example.org"], subject__startswith="Bekræft").count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "ikke-en-adresse"}, "Skriv en gyldig e-mailadresse"),
        ({"email": ""}, "Skriv din e-mailadresse."),
        ({"frequency": "hver time"}, "Vælg en af mulighederne."),
        ({"side": "999999"}, "Siden findes ikke, eller den kan ikke følges."),
        ({"emne": "opfundet"}, "Emnet findes ikke."),
    ],
)
def test_bad_input_gets_a_clear_message_and_saves_nothing(client, guide, data, message):
    payload = {"side": guide.pk, "emne": "", "email": "mor@example.org", "frequency": "immediate"} | data
    response = client.post("/foelg/", payload)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'value="' + payload["email"] + '"' in html or not payload["email"]  # nothing typed is lost
    assert not Subscription.objects.exists() and not Message.objects.exists()


def test_topic_on_a_guide_is_refused(client, guide):
    response = follow(client, guide, topic="økonomi")
    assert response.status_code == 400 and "Emnet findes ikke." in response.content.decode()


def test_private_guides_offer_no_form_and_refuse_subscriptions(client, guide, django_user_model):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=guide, restriction_type=PageViewRestriction.LOGIN)
    user = django_user_model.objects.create_user("medlem", password="x")
    client.force_login(user)
    assert "Få besked, når vejledningen ændres" not in client.get(guide.url).content.decode()
    assert follow(client, guide).status_code == 400
    assert not Subscription.objects.exists()


@override_settings(FORM_RATE_LIMIT="2/60")
def test_rate_limited_after_too_many_attempts(client, guide):
    assert follow(client, guide, "a@example.org").status_code == 302
    assert follow(client, guide, "b@example.org").status_code == 302
    response = follow(client, guide, "c@example.org")
    assert response.status_code == 429
    assert "Vent et minut" in response.content.decode()
    assert Subscription.objects.count() == 2


def test_honeypot_answers_the_same_and_saves_nothing(client, guide):
    response = client.post(
        "/foelg/",
        {"side": guide.pk, "email": "bot@example.org", "frequency": "immediate", "website": "http://spam"},
    )
    assert response.status_code == 302
    assert not Subscription.objects.exists()


def test_unsubscribe_in_one_click_from_the_mail_program(client, guide):
    subscription = make_subscription(guide)
    path = f"/foelg/afmeld/{tokens.unsubscribe_token(subscription)}/"
    # RFC 8058: the mail program POSTs "List-Unsubscribe=One-Click" without a CSRF token.
    csrf_client = client.__class__(enforce_csrf_checks=True)
    response = csrf_client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscription.objects.exists()
    assert "Du er afmeldt" in client.get(path).content.decode()  # again: still fine, nothing revealed


def test_unsubscribe_link_shows_one_button_and_wrong_links_say_so(client, guide):
    subscription = make_subscription(guide)
    path = f"/foelg/afmeld/{tokens.unsubscribe_token(subscription)}/"
    html = client.get(path).content.decode()
    assert "Dækning af merudgifter til dit barn" in html and "<form" in html
    assert Subscription.objects.exists()  # GET (e.g. a mail scanner) changes nothing
    assert client.post(path).status_code == 200
    assert not Subscription.objects.exists()
    assert client.get("/foelg/afmeld/forkert/").status_code == 404


def test_confirm_link_expires(client, guide, settings):
    subscription = make_subscription(guide, confirmed=False)
    settings.SUBSCRIPTIONS_CONFIRM_DAYS = -1
    response = client.get(f"/foelg/bekraeft/{tokens.confirm_token(subscription)}/")
    assert response.status_code == 410 and "Linket er udløbet" in response.content.decode()


def test_norwegian_reader_gets_norwegian(client, sample_content):
    from knowledge.models import GuidePage

    guide = GuidePage.objects.get(slug="avlastning")
    html = client.get(guide.url).content.decode()
    assert "Få beskjed når veiledningen endres" in html
    response = follow(client, guide, prefix="/nb")
    assert response.status_code == 302 and response["Location"].startswith("/nb/")
    subscription = Subscription.objects.get()
    assert subscription.language == "nb"
    [mail] = Message.objects.filter(topic="follow_confirm")
    assert "/nb/foelg/bekraeft/" in mail.body and "Bekreft" in mail.subject


def test_guide_shows_its_public_change_history(client, guide, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publish(guide, note="Beløbsgrænsen er hævet.")
    ChangeNote.objects.update(published_at="2026-10-05T10:00:00Z")
    html = client.get(guide.url).content.decode()
    assert "Ændringer" in html
    assert '<time datetime="2026-10-05">5. oktober 2026</time> Beløbsgrænsen er hævet.' in html


def test_admin_lists_subscriptions_for_staff_without_an_add_button(client, guide, django_user_model):
    make_subscription(guide, "synlig@example.org")
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(admin)
    html = client.get("/admin/snippets/subscriptions/subscription/").content.decode()
    assert "synlig@example.org" in html
    assert "/admin/snippets/subscriptions/subscription/add/" not in html
    assert client.get("/admin/snippets/subscriptions/subscription/add/").status_code in (302, 403)


def test_the_publish_form_has_the_major_change_panel(client, guide, django_user_model):
    admin = django_user_model.objects.create_superuser("redaktor", "r@example.org", "x")
    client.force_login(admin)
    html = client.get(f"/admin/pages/{guide.pk}/edit/").content.decode()
    assert "Ændring til dem, der følger vejledningen" in html
    assert 'name="major_change"' in html and 'name="change_note"' in html
