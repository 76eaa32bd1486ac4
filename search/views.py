"""Placeholder views; the search issue replaces them with the real engines."""

from django.http import JsonResponse
from django.shortcuts import render


def api_search(request):
    return JsonResponse({"query": request.GET.get("q", ""), "total": 0, "results": [], "facets": {"type": {}, "topic": {}}, "suggestion": None})


def api_suggest(request):
    return JsonResponse({"results": []})


def search_page(request):
    return render(request, "search/search.html", {"query": request.GET.get("q", "")})
