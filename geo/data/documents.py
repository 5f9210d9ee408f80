"""A data file's text read into its document: YAML safely, and JSON the quick way where YAML would read the same."""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from geo.data.quick.scan import READ_OTHERWISE, json_may_hide


class DataLoader(yaml.SafeLoader):
    """Safe YAML in which dates stay the text they were written as, no key is given twice, and no alias is used."""

    def construct_document(self, node: yaml.Node) -> Any:
        refuse_aliases(node)
        return super().construct_document(node)


class FastDataLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same, parsed by libyaml where it is built in: the pure-Python parser takes seconds on a large corpus."""

    def construct_document(self, node: yaml.Node) -> Any:
        refuse_aliases(node)
        return super().construct_document(node)


def refuse_aliases(root: yaml.Node) -> None:
    """Raise a ConstructorError at the first node the document reaches twice: an alias (*name) of an anchor.

    A few lines of aliases to aliases make a document of billions of items (the "billion
    laughs"): 14 MB of them cost a load 48 s and 4.8 GB. Our files are written out in full.
    """
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise yaml.constructor.ConstructorError(
                None, None, "aliases (*name) are not allowed in data files; write the value out", node.start_mark
            )
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack += [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value


# libyaml recurses in C and crashes the process on nesting some 30,000 deep ("[[[[...",
# "- - - ..."), where the Python parser raises RecursionError. Nesting that deep needs a
# very long line or a great many brackets, so a text with neither is safe to give it.
_LONGEST_SAFE_LINE = 9_999
_MOST_BRACKETS = 10_000


def loader_for(text: str) -> type[yaml.SafeLoader]:
    """libyaml's loader when the text cannot nest deep enough to crash it, else the Python one."""
    brackets = text.count("[") + text.count("{")
    # Splitting on newlines measures every line far faster than a regex for a long one.
    if brackets < _MOST_BRACKETS and max(map(len, text.split("\n"))) <= _LONGEST_SAFE_LINE:
        return FastDataLoader
    return DataLoader


# Unquoted 2020-01-19 would otherwise become a date object, and 2019-02-30 a ValueError.
DataLoader.yaml_implicit_resolvers = FastDataLoader.yaml_implicit_resolvers = {
    first: [(tag, rule) for tag, rule in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _unique_mapping(loader: DataLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    """A mapping whose keys are all different: a second `speaker:` must not win silently."""
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if isinstance(key, str) and key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"the key {key!r} is given twice", key_node.start_mark)
        seen.add(key if isinstance(key, str) else id(key_node))
    return loader.construct_mapping(node)


DataLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)
FastDataLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


class _LeaveToYaml(Exception):
    """JSON that YAML would read differently, or refuse in words of its own: read it as YAML."""


# A source file in JSON form is read by the json module, some fifty times faster than libyaml.
# Only JSON that YAML reads as the same document is read so: anything else, including every
# fault (broken JSON, a key given twice, a 5,000-digit number, nesting too deep), goes the YAML
# way, so it is reported in the very words it always was.
_JSON_START = re.compile(r"\s*\{")
# YAML 1.1 reads a number as a float only with a point, and an exponent only with its sign:
# to YAML 1e5 and 1.0e5 are text.
_YAML_FLOAT = re.compile(r"-?[0-9]+\.[0-9]+(?:[eE][-+][0-9]+)?")


def json_document(text: str, data: bytes) -> dict[str, Any] | None:
    """The mapping a JSON text (and its bytes) holds, when YAML would read the same; None to read it as YAML."""
    if not _JSON_START.match(text) or json_may_hide(data) or READ_OTHERWISE.search(data):
        return None
    try:
        document = json.loads(
            text, object_pairs_hook=_distinct_keys, parse_float=_yaml_float, parse_constant=_yaml_constant
        )
    except (ValueError, RecursionError, _LeaveToYaml):  # a JSONDecodeError is a ValueError
        return None
    return document if isinstance(document, dict) else None


def _distinct_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, unless a key is given twice: YAML then says where."""
    mapping = dict(pairs)
    if len(mapping) != len(pairs):
        raise _LeaveToYaml
    return mapping


def _yaml_float(literal: str) -> float:
    """A JSON number with a point or an exponent, if YAML too reads it as a float."""
    if not _YAML_FLOAT.fullmatch(literal):
        raise _LeaveToYaml
    return float(literal)


def _yaml_constant(literal: str) -> Any:
    """NaN or Infinity, which JSON does not allow and YAML reads as text."""
    raise _LeaveToYaml
