"""The map's script elements: each a call to a function of the map's JavaScript files, with JSON arguments."""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from geo.map.assets import script_files, script_text

# What JSON may hold that HTML reads as markup: a value holding "</script>" would otherwise
# end the page's script element early, and the rest of the value would run as the page's own.
_HTML_SAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027"))


def js_value(value: Any) -> str:
    """A value as a JavaScript expression: JSON, with nothing in it that could close a script element."""
    written = json.dumps(value)
    # A replace a character: str.translate took a second over a busy place's journeys.
    for character, escaped in _HTML_SAFE:
        written = written.replace(character, escaped)
    return written


@cache
def script_functions() -> frozenset[str]:
    """The names of the functions the map's script files define on window.geoMap."""
    defined = r"^\s*geoMap\.(\w+) = function\b"
    return frozenset(name for file in script_files() for name in re.findall(defined, script_text(file), re.M))


class _Text(Element):
    """Script text put on the page as it is, rather than compiled again as a Jinja template."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class ScriptCall(MacroElement):
    """A call, in the map's script, to a function of the map's JavaScript files on the element it is added to."""

    # streamlit-folium (0.27.4) calls each element's script macro itself; folium goes through render() below.
    _template = Template("{% macro script(this, kwargs) %}{{ this.script() }}{% endmacro %}")

    def __init__(self, function: str, *arguments: Any, on_parent: bool = True) -> None:
        """A call of geoMap.<function> on the Leaflet object it is added to (unless not on_parent), with arguments."""
        super().__init__()  # type: ignore[no-untyped-call]  # branca has no type hints
        if function not in script_functions():
            raise ValueError(f"no script file defines geoMap.{function}")
        self._name = function
        self.function = function
        self.arguments = arguments
        self.on_parent = on_parent

    def script(self) -> str:
        """The call as the map's script holds it."""
        target = []
        if self.on_parent:
            assert self._parent is not None, "rendered before it was added to the element it calls on"
            # A bare variable, as folium names it: streamlit-folium (0.27.4, generate_leaflet_string)
            # renames folium's variables to its own, map_div and the like, wherever they appear.
            target = [self._parent.get_name()]
        return f"geoMap.{self.function}({', '.join([*target, *map(js_value, self.arguments)])});\n"

    def render(self, **kwargs: Any) -> str:
        """Add the call to the page's script."""
        # branca would compile the rendered script as a Jinja template before adding it: a
        # large map's megabyte of packed points took a fifth of a second to lex, on every
        # rerun, and a value holding "{{" would be read as a template's.
        figure = self.get_root()
        assert isinstance(figure, Figure)
        figure.script.add_child(_Text(self.script()), name=self.get_name())
        return ""
