"""Knowledge pages, one module per page family.

- guides.py: GuideIndexPage (by topic) and GuidePage, the plain-language process guides
- principles.py: PrinciplesPage (Pårørendealliancen's five principles) and PrinciplePage
- position_papers.py: PositionPaperIndexPage and PositionPaperPage for policymakers
- articles.py: ArticleIndexPage (paginated news) and ArticlePage
- glossary.py: GlossaryIndexPage (A–Z) and GlossaryPage with everyday synonyms
- press.py: PressPage (press contacts) and PressReleasePage (embargo = scheduled publishing)
- legal.py: the legal reference register (LegalProvision snippets) and ReviewFlag (pages to review after a law changed)
"""

from knowledge.models.articles import ArticleIndexPage, ArticlePage, ArticlePageTag
from knowledge.models.glossary import GlossaryIndexPage, GlossaryPage
from knowledge.models.guides import GuideIndexPage, GuidePage, GuidePageTag
from knowledge.models.legal import LegalProvision, ReviewFlag, flag_citing_pages
from knowledge.models.position_papers import (
    PositionPaperIndexPage,
    PositionPaperPage,
    PositionPaperPageTag,
)
from knowledge.models.press import PressContact, PressPage, PressReleasePage
from knowledge.models.principles import PrinciplePage, PrinciplesPage

__all__ = [
    "ArticleIndexPage",
    "ArticlePage",
    "ArticlePageTag",
    "GlossaryIndexPage",
    "GlossaryPage",
    "GuideIndexPage",
    "GuidePage",
    "GuidePageTag",
    "LegalProvision",
    "PositionPaperIndexPage",
    "PositionPaperPage",
    "PositionPaperPageTag",
    "PressContact",
    "PressPage",
    "PressReleasePage",
    "PrinciplePage",
    "PrinciplesPage",
    "ReviewFlag",
    "flag_citing_pages",
]
