"""The generic import framework: JSON Lines items → live pages (`manage.py import_content`, see README).

Each app registers the types it owns from its own `content_types.py` (knowledge: guides, principles …;
campaigns: campaigns, partnerships, events); this package knows none of them.
"""
