"""Addresses in the built site, as pages and scripts link to them."""

from __future__ import annotations


def html_path(src_uri: str) -> str:
    """Return where a Markdown page ends up (use_directory_urls is off): 'a/b.md' -> 'a/b.html'.

    Anything else (a PDF, an image, an address that is not a page) is returned as it is.
    """
    return src_uri.removesuffix(".md") + ".html" if src_uri.endswith(".md") else src_uri
