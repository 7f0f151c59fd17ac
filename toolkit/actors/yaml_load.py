"""Bounded YAML loading for actor dictionaries: line numbers kept, alias bombs and deep nesting refused.

``yaml.safe_load`` builds shared objects for YAML aliases, so a "billion laughs" file
(anchors that refer to lists of anchors) loads small but expands to billions of nodes
as soon as anything walks it (checking it, printing it in an error).  Here the file is
first composed into a node graph, which never expands aliases; its expanded size is
counted once per node (memoized, so the count is linear in the file) and a graph over
:data:`MAX_NODES` or nested deeper than :data:`MAX_DEPTH` is refused with the line
where it happens, without printing the expanded value.

Mappings and lists come back as :class:`LineDict` / :class:`LineList`, which remember
the line of each key or item (1-based), so a field error can name its line.

>>> data = load_yaml("actors:\\n  - id: libya\\n    aliases: [ليبيا]\\n", "d.yaml")
>>> data["actors"][0].line_of("aliases")
3
"""

from __future__ import annotations

from typing import Any

import yaml

__all__ = ["MAX_DEPTH", "MAX_NODES", "LineDict", "LineList", "YamlError", "load_yaml"]

#: the largest dictionary accepted, counted in YAML nodes after expanding aliases
#: (the world dictionary has about 60,000)
MAX_NODES = 2_000_000
#: the deepest nesting accepted (the format needs 5: actors → actor → roles → role → value)
MAX_DEPTH = 32


class YamlError(ValueError):
    """YAML that cannot be read as a dictionary: the message names the file and the line."""


class LineDict(dict):
    """A mapping that remembers its own line and the line of each key (1-based)."""

    line: int = 0
    lines: dict

    def line_of(self, key: object) -> int:
        """The line of ``key`` (the mapping's own line when the key is absent)."""
        return self.lines.get(key, self.line)


class LineList(list):
    """A list that remembers its own line and the line of each item (1-based)."""

    line: int = 0
    lines: list

    def line_of(self, index: int) -> int:
        """The line of item ``index`` (the list's own line when out of range)."""
        return self.lines[index] if 0 <= index < len(self.lines) else self.line


#: libyaml's parser when PyYAML was built with it (about 5x faster), the pure-Python one otherwise
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE):  # type: ignore[misc, valid-type]
    def construct_yaml_map(self, node):  # type: ignore[override]
        self.flatten_mapping(node)  # merge keys (<<: *anchor)
        data = LineDict()
        data.line = node.start_mark.line + 1
        data.lines = {}
        yield data
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise YamlError(
                    f"line {key_node.start_mark.line + 1}: a mapping key must be a plain value"
                ) from None
            data[key] = self.construct_object(value_node, deep=True)
            data.lines[key] = key_node.start_mark.line + 1

    def construct_yaml_seq(self, node):  # type: ignore[override]
        data = LineList()
        data.line = node.start_mark.line + 1
        data.lines = [n.start_mark.line + 1 for n in node.value]
        yield data
        data.extend(self.construct_sequence(node, deep=True))


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_yaml_seq)


def _check_size(root: yaml.Node, source: str) -> None:
    """Refuse a graph deeper than MAX_DEPTH or larger than MAX_NODES once aliases expand.

    Iterative (no recursion limit) and memoized by node identity, so an alias bomb is
    measured in time linear in the file, never expanded."""
    size: dict[int, int] = {}
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    on_path: set[int] = set()
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            children = _children(node)
            total = 1 + sum(size[id(c)] for c in children)
            size[key] = total
            if total > MAX_NODES:
                raise YamlError(
                    f"{source}: line {node.start_mark.line + 1}: the document expands to more "
                    f"than {MAX_NODES:,} nodes (YAML aliases repeating anchors: an alias bomb?); "
                    "refused without expanding it"
                )
            continue
        if key in size:
            continue
        if depth > MAX_DEPTH:
            raise YamlError(
                f"{source}: line {node.start_mark.line + 1}: nested deeper than {MAX_DEPTH} levels; "
                "an actor dictionary needs about 5"
            )
        if key in on_path:  # a recursive alias (an anchor inside itself)
            raise YamlError(f"{source}: line {node.start_mark.line + 1}: a YAML alias refers to itself")
        on_path.add(key)
        stack.append((node, depth, True))
        for child in _children(node):
            if id(child) not in size:
                stack.append((child, depth + 1, False))


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _depth_guard(text: str, source: str) -> None:
    """Refuse deep nesting from the event stream, before the (recursive) composer runs."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_BASE):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlError(
                        f"{source}: line {event.start_mark.line + 1}: nested deeper than {MAX_DEPTH} "
                        "levels; an actor dictionary needs about 5"
                    )
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError as exc:  # libyaml stops at 1,000 levels while scanning ahead
        mark = getattr(exc, "problem_mark", None)
        if mark is None or "nesting depth" not in str(exc):
            raise
        raise YamlError(f"{source}: line {mark.line + 1}: nested deeper than {MAX_DEPTH} levels; "
                        "an actor dictionary needs about 5") from None


def load_yaml(text: str, source: str) -> Any:
    """Parse ``text`` (one YAML document) with line numbers, within the bounds above.

    Raises :class:`YamlError` naming ``source`` and the line: malformed YAML (line and
    column), nesting deeper than :data:`MAX_DEPTH`, more than :data:`MAX_NODES` nodes
    after expanding aliases.

    >>> load_yaml("a: &x [1, 2]\\nb: *x\\n", "t.yaml")["b"]
    [1, 2]
    """
    try:
        _depth_guard(text, source)
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            _check_size(node, source)
            return loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise YamlError(f"{source}: malformed YAML{where}: {problem}") from None
    except YamlError as exc:
        if not str(exc).startswith(source):
            raise YamlError(f"{source}: {exc}") from None
        raise
    except RecursionError:
        raise YamlError(f"{source}: nested too deeply to read") from None
