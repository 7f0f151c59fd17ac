"""The field mapping: which input key fills each document field.

Each document field is looked up under the first key of its list that the record has
(keys compared case-insensitively, surrounding spaces ignored). Pass ``fields=`` to
:func:`toolkit.corpus.load_corpus` to override one field or more; every other key of a record
is kept as extra metadata (a column of ``corpus.frame``).

==========  ===========================================================================
field       keys looked up, in order
==========  ===========================================================================
doc_id      doc_id, id, article_id, uid
text        text, content, body, article, story, النص, المحتوى
date        date, date_extracted, published, published_at, pub_date, datetime, التاريخ
source      source, newspaper, outlet, publisher, site, المصدر
title       title, headline, العنوان
url         url, link, href, الرابط
author      author, byline, writer, الكاتب
==========  ===========================================================================

Example::

    >>> resolve_fields({"text": "نص_الخبر"})["text"]
    ('نص_الخبر',)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

#: the document fields, in frame order
FIELDS = ("doc_id", "date", "source", "title", "url", "author", "text")

#: columns the corpus adds itself; an input key of that name is kept as ``meta_<name>``
RESERVED = frozenset(FIELDS) | {"content_hash", "duplicate_of"}

DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "doc_id": ("doc_id", "id", "article_id", "uid"),
    "text": ("text", "content", "body", "article", "story", "النص", "المحتوى"),
    "date": (
        "date", "date_extracted", "published", "published_at", "pub_date", "datetime", "التاريخ",
    ),
    "source": ("source", "newspaper", "outlet", "publisher", "site", "المصدر"),
    "title": ("title", "headline", "العنوان"),
    "url": ("url", "link", "href", "الرابط"),
    "author": ("author", "byline", "writer", "الكاتب"),
}


def resolve_fields(
    fields: Mapping[str, str | Sequence[str]] | None = None,
) -> dict[str, tuple[str, ...]]:
    """The mapping in effect: the defaults with ``fields`` overriding some entries.

    ``fields`` maps a document field (one of :data:`FIELDS`) to an input key or a list of
    keys tried in order. Raises ``ValueError`` naming an unknown field.
    """
    mapping = dict(DEFAULT_FIELDS)
    if fields is None:
        return mapping
    if not isinstance(fields, Mapping):
        raise ValueError(f"fields={fields!r} must be a mapping such as {{'text': 'body'}}")
    for name, keys in fields.items():
        if name not in DEFAULT_FIELDS:
            raise ValueError(
                f"fields has unknown field {name!r}; accepted fields: {', '.join(FIELDS)}"
            )
        if isinstance(keys, str):
            keys = (keys,)
        keys = tuple(str(k).strip().casefold() for k in keys)
        if not keys or not all(keys):
            raise ValueError(f"fields[{name!r}]={fields[name]!r} must name at least one key")
        mapping[name] = keys
    return {name: tuple(k.casefold() for k in keys) for name, keys in mapping.items()}
