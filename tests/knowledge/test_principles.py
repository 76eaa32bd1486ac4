"""The principle pages link to the previous and next principle, in number order."""

import re

from django.conf import settings
from django.core.management import call_command


def test_previous_and_next_principle(client, site_tree):
    call_command(
        "import_content", str(settings.BASE_DIR / "demo_content" / "principles_da.jsonl"), stdout=open("/dev/null", "w")
    )
    from knowledge.models import PrinciplePage

    pages = {page.number: page for page in PrinciplePage.objects.live()}
    assert sorted(pages) == [1, 2, 3, 4, 5]

    def pager(number):
        html = client.get(pages[number].url).content.decode()
        nav = re.search(r'<nav class="pagination" aria-label="De andre principper">(.*?)</nav>', html, re.S)
        if nav is None:
            return {}
        return {rel: href for href, rel in re.findall(r'href="([^"]+)" rel="(prev|next)"', nav.group(1))}

    assert pager(1) == {"next": pages[2].url}
    assert pager(3) == {"prev": pages[2].url, "next": pages[4].url}
    assert pager(5) == {"prev": pages[4].url}
    html = client.get(pages[3].url).content.decode()
    assert "Forrige princip</span> 2. Inddragelse og information i tide" in html
    assert "Næste princip</span> 4. Sammenhæng og én indgang" in html
    # An unpublished principle is skipped.
    pages[4].unpublish()
    assert pager(3) == {"prev": pages[2].url, "next": pages[5].url}
