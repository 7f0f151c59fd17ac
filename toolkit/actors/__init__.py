"""Actors: who is mentioned, with whom, who is quoted and how each is described.

Everything is computed from one mention table (:func:`find_mentions`), so a
correction to matching fixes every view at once.

>>> from toolkit.actors import find_mentions, load_libya_actors, mention_counts
>>> m = find_mentions("وقال ماكرون إن حفتر وصل إلى باريس", load_libya_actors())
>>> m.actor_id.tolist()
['macron', 'haftar', 'france']
>>> mention_counts(m).actor_id.tolist()[:1]
['france']

The default dictionary (:func:`load_default_actors`) covers the world: states, capitals,
demonyms, international organizations, armed groups and dated office-holders.
"""

from toolkit.actors.descriptors import labels
from toolkit.actors.dictionary import (
    Actor,
    Actors,
    ActorsError,
    Membership,
    Role,
    load_actors,
    load_default_actors,
    load_libya_actors,
)
from toolkit.actors.discover import discover_actors
from toolkit.actors.lint import lint_actors
from toolkit.actors.match import MENTION_COLUMNS, Matcher, find_mentions
from toolkit.actors.network import co_mention_graph, co_mentions, mention_counts, write_gexf
from toolkit.actors.speech import quotes

__all__ = [
    "MENTION_COLUMNS",
    "Actor",
    "Actors",
    "ActorsError",
    "Matcher",
    "Membership",
    "Role",
    "co_mention_graph",
    "co_mentions",
    "discover_actors",
    "find_mentions",
    "labels",
    "lint_actors",
    "load_actors",
    "load_default_actors",
    "load_libya_actors",
    "mention_counts",
    "quotes",
    "write_gexf",
]

