"""The principle pages link to the previous and next principle, in number order."""

import re

from django.conf import settings
from django.core.management import call_command


def test_previous_and_next_principle(client, site_tree):
    call_command(
        "import_content", str(settings.BASE_DIR / "demo_content" / "principles_da.jsonl"), stdout=open("/dev/null", "w")
    )
    from knowledge.models import PrinciplePage

    pages = {page.number: page for page in PrinciplePage.objects.live().filter(slug__regex=r"^princip-[1-5]-")}
    assert sorted(pages) == [1, 2, 3, 4, 5]

    def pager(number):
        html = client.get(pages[number].url).content.decode()
        nav = re.search(r'<nav class="pagination" aria-label="De andre principper">(.*?)</nav>', html, re.S)
        if nav is None:
            return {}
        return {rel: href for href, rel in re.findall(r'href="([^"]+)" rel="(prev|next)"', nav.group(1))}

    assert pager(2) == {"prev": pages[1].url, "next": pages[3].url}
    assert pager(3) == {"prev": pages[2].url, "next": pages[4].url}
    assert pager(5) == {"prev": pages[4].url}
    html = client.get(pages[3].url).content.decode()
    assert "Forrige princip</span> 2. Inddragelse og information i tide" in html
    assert "Næste princip</span> 4. Sammenhæng og én indgang" in html
    # An unpublished principle is skipped.
    pages[4].unpublish()
    assert pager(3) == {"prev": pages[2].url, "next": pages[5].url}


def test_principles_page_says_who_stands_behind_with_members_and_pdf(client, site_tree):
    from knowledge.models import PrinciplesPage

    call_command(
        "import_content", str(settings.BASE_DIR / "demo_content" / "principles_da.jsonl"), stdout=open("/dev/null", "w")
    )
    call_command("install_principles_overview", stdout=open("/dev/null", "w"))
    page = PrinciplesPage.objects.get(locale__language_code="da")
    html = client.get(page.url).content.decode()
    assert "Hvem står bag?" in html and "Omkring 30 organisationer" in html
    assert '<a href="https://paaroer.dk/">Pårørende i Danmark</a>' in html
    assert "Hent principperne som PDF" in html
    pdf = client.get(page.pdf.url)
    content = b"".join(pdf.streaming_content) if pdf.streaming else pdf.content
    assert content.startswith(b"%PDF")
    revisions = page.revisions.count()
    call_command("install_principles_overview", stdout=open("/dev/null", "w"))
    assert page.revisions.count() == revisions  # running it again changes nothing
