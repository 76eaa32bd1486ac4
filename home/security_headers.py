"""Content-Security-Policy (django-csp 4) and Permissions-Policy on every response.

The public site runs no inline script: every script is a static file, so no nonce is needed and pages can
be cached and shared between readers. The Wagtail admin gets its own policy (ADMIN_CONTENT_SECURITY_POLICY),
because Wagtail's admin writes inline scripts and styles (date widgets, inline panels) that vary per form.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        admin_policy = getattr(settings, "ADMIN_CONTENT_SECURITY_POLICY", None)
        if not report_only and parts.config is None and admin_policy and _is_admin(request):
            parts.config = admin_policy["DIRECTIVES"]
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        return response


def _is_admin(request) -> bool:
    return request.path_info.startswith("/admin/") or request.path_info.startswith("/django-admin/")
