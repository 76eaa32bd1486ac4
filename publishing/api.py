"""The read-only Wagtail API v2 at /api/v2/: live public pages, images and documents (public fields only).

Page types list their public fields in `api_fields`; editorial fields (owner, review interval, change
notes in drafts, import hashes) are never listed. Documents in restricted collections are left out by
Wagtail's own DocumentsAPIViewSet.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Pages: only live, public pages (Wagtail's default), never the owner or other editorial meta."""

    meta_fields = [field for field in PagesAPIViewSet.meta_fields if field not in {"owner"}]


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
