"""The read-only Wagtail API v2 at /api/v2/: live public pages, images and documents (public fields only).

Page types list their public fields in `api_fields`; editorial fields (owner, review interval, change
notes in drafts, import hashes) are never listed. Documents in restricted collections are left out by
Wagtail's own DocumentsAPIViewSet.
"""

import re

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Pages: only live, public pages (Wagtail's default), never the owner or other editorial meta."""

    meta_fields = [field for field in PagesAPIViewSet.meta_fields if field not in {"owner"}]

    def listing_view(self, request):
        search = request.GET.get("search")
        if search is not None:
            # Double quotes and control characters break SQLite's full-text query syntax (a 500 before):
            # they carry no meaning for a reader's search, so they are dropped.
            cleaned = " ".join(_UNSAFE_SEARCH.sub(" ", search).split())
            if search.strip() and not cleaned:
                raise BadRequestError("search must contain letters or digits")
            query = request._request.GET.copy()
            query["search"] = cleaned
            request._request.GET = query
        return super().listing_view(request)


_UNSAFE_SEARCH = re.compile(r'["\x00-\x1f\x7f]')


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
