"""Many places on one canvas: a few bytes a point, drawn and hit-tested in the browser, details on demand."""

from __future__ import annotations

import base64
import hashlib
import os
import tempfile
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from geo.core.atlas import Atlas, Selection, per_atlas
from geo.core.records import Place, PlaceKind
from geo.core.settings import DENSE_FROM


# Coordinates travel as whole units of 1e-5 degree (about a metre), which a click reports
# back exactly, so the place is found by a dictionary rather than by a distance.
SCALE = 100_000
# Where the app writes a large map's packed points, to serve them as files the browser keeps
# rather than resend them with every rerun.
POINTS_FOLDER = Path(tempfile.gettempdir()) / "idlib-atlas-points"

# The kinds in the order the browser knows them by (a byte a point).
KIND_CODES: tuple[PlaceKind, ...] = tuple(PlaceKind)


def quantised(lat: float, lon: float) -> tuple[int, int]:
    """A point as the browser has it: whole units of 1e-5 degree."""
    return round(lat * SCALE), round(lon * SCALE)


def pack_points(places: Sequence[Place]) -> bytes:
    """The places' points as little-endian int32 (lat, lon) pairs, then a byte each for their kinds."""
    coordinates = np.array([(p.lat, p.lon) for p in places], dtype=np.float64).reshape(-1)
    points = np.rint(coordinates * SCALE).astype("<i4")
    codes = {kind: code for code, kind in enumerate(KIND_CODES)}
    kinds = np.array([codes[p.kind] for p in places], dtype=np.uint8)
    return points.tobytes() + kinds.tobytes()


def encode_mask(order: Sequence[str], shown: Iterable[str]) -> str:
    """Which of the places, in the atlas's order, are in view: a bit each, base64."""
    wanted = set(shown)
    bits = np.fromiter((pid in wanted for pid in order), dtype=bool, count=len(order))
    return base64.b64encode(np.packbits(bits, bitorder="little").tobytes()).decode()


@per_atlas
def point_index(atlas: Atlas) -> dict[tuple[int, int], tuple[str, ...]]:
    """The places at each quantised point, to turn a click back into a place."""
    index: dict[tuple[int, int], tuple[str, ...]] = {}
    for place in atlas.places.values():
        key = quantised(place.lat, place.lon)
        index[key] = (*index.get(key, ()), place.id)
    return index


@per_atlas
def packed_points(atlas: Atlas) -> bytes:
    """The atlas's points and kinds packed for the browser, once per atlas rather than per rerun."""
    return pack_points(list(atlas.places.values()))


@per_atlas
def _points_name(atlas: Atlas) -> str:
    """The name of the atlas's points file: its contents' digest, worked out once per atlas."""
    return f"points-{hashlib.sha256(packed_points(atlas)).hexdigest()[:20]}.bin"


def points_file(atlas: Atlas, folder: Path) -> str:
    """The name of a file in the folder holding the atlas's packed points, written if not there yet.

    Named for its contents, so a browser may keep it as long as it likes and two atlases
    never share a name.
    """
    packed = packed_points(atlas)
    name = _points_name(atlas)
    if not (folder / name).exists():
        folder.mkdir(parents=True, exist_ok=True)
        # Staged under a name of this thread's own: the warm-up and a page may write it at once.
        staged = folder / f".{name}.{os.getpid()}.{threading.get_ident()}.tmp"
        staged.write_bytes(packed)
        os.replace(staged, folder / name)  # whole or not at all, should two sessions race
    return name


def clicked_place(atlas: Atlas, lat: float, lon: float, in_view: Iterable[str] = ()) -> str | None:
    """The place at a clicked dot, preferring one in view where several share the point."""
    found = point_index(atlas).get(quantised(lat, lon), ())
    if len(found) < 2:
        return found[0] if found else None
    visible = set(in_view)  # read only when it decides: at 100,000 places, a set costs 10 ms
    return next((pid for pid in found if pid in visible), found[0])


class _Script(Element):
    """A script already written out, put on the page as it is rather than compiled as a template."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class DensePoints(MacroElement):
    """Every place of the atlas as a dot on one canvas; a click on a dot fires the layer's click."""

    # Drawn by hand rather than as Leaflet markers: 100,000 DOM markers or even circle
    # layers take seconds to build, while a canvas of dots redraws in milliseconds. The
    # click is fired on this layer with the dot's own point, which streamlit-folium reports
    # as the clicked object. The layer is the same for every filter, so the map is never
    # remounted; filters only send a mask (see ShowOnly).
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            function bytes(b64) {
                var raw = atob(b64), out = new Uint8Array(raw.length);
                for (var i = 0; i < raw.length; i++) { out[i] = raw.charCodeAt(i); }
                return out;
            }
            var colours = {{ this.colours|tojson }}, shapes = {{ this.shapes|tojson }};
            function blit(out, w, h, sprite, left, top) {
                // Copies a sprite's pixels over the canvas's, blending its soft edges.
                var side = sprite.side, pixels = sprite.pixels;
                var y0 = Math.max(0, -top), y1 = Math.min(side, h - top), x0 = Math.max(0, -left), x1 = Math.min(side, w - left);
                for (var sy = y0; sy < y1; sy++) {
                    var row = (top + sy) * w + left, from = sy * side;
                    for (var sx = x0; sx < x1; sx++) {
                        var src = pixels[from + sx], a = src >>> 24;
                        if (a === 0) { continue; }
                        var j = row + sx, dst = out[j];
                        if (a === 255 || dst === 0) { out[j] = src; continue; }
                        var da = (dst >>> 24) * (255 - a) / 255, oa = a + da;
                        var red = ((src & 255) * a + (dst & 255) * da) / oa;
                        var green = (((src >>> 8) & 255) * a + ((dst >>> 8) & 255) * da) / oa;
                        var blue = (((src >>> 16) & 255) * a + ((dst >>> 16) & 255) * da) / oa;
                        out[j] = ((oa + 0.5) << 24) | ((blue + 0.5) << 16) | ((green + 0.5) << 8) | (red + 0.5);
                    }
                }
            }
            var n = 0, ints = new Int32Array(0), kinds = new Uint8Array(0);
            var x = new Float64Array(0), y = new Float64Array(0);
            function take(packed) {
                // int32 (lat, lon) pairs, then a byte a place for its kind: nine bytes a place.
                n = packed.length / 9;
                ints = new Int32Array(packed.buffer.slice(packed.byteOffset, packed.byteOffset + 8 * n));
                kinds = packed.subarray(8 * n);
                x = new Float64Array(n); y = new Float64Array(n);
                var crs = L.CRS.EPSG3857;
                for (var i = 0; i < n; i++) {
                    // Projected once at zoom 0; each redraw only scales and shifts.
                    var p = crs.latLngToPoint(L.latLng(ints[2 * i] / {{ this.scale }}, ints[2 * i + 1] / {{ this.scale }}), 0);
                    x[i] = p.x; y[i] = p.y;
                }
                dots.count = n; dots.ready = true;
                if (dots._map) { dots.redraw(); }
            }
            var Dots = L.Layer.extend({
                shown: null,
                count: 0,
                ready: false,
                onAdd: function (map) {
                    this._canvas = L.DomUtil.create("canvas", "geo-dots leaflet-zoom-hide");
                    this._canvas.style.pointerEvents = "none";  // clicks go to the map, which asks nearest()
                    map.getPane("overlayPane").appendChild(this._canvas);
                    map.on("moveend resize", this.redraw, this);
                    // After a zoom the canvas shows again at once: drawn a frame later, it would
                    // show the old dots at the new scale for that frame.
                    map.on("zoomend viewreset", this._drawNow, this);
                    map.on("click", this._click, this);
                    map.on("mousemove", this._hover, this);
                    this.redraw();
                },
                onRemove: function (map) {
                    L.DomUtil.remove(this._canvas);
                    map.off("moveend resize", this.redraw, this);
                    map.off("zoomend viewreset", this._drawNow, this);
                    map.off("click", this._click, this);
                    map.off("mousemove", this._hover, this);
                },
                show: function (mask) {
                    this.shown = mask === null ? null : bytes(mask);
                    if (this._map) { this.redraw(); }
                },
                visible: function (i) {
                    return this.shown === null || (this.shown[i >> 3] >> (i & 7)) & 1;
                },
                redraw: function (e) {
                    // Drawn once a frame however many events ask: at start-up the points, the mask
                    // and the map's own resize each ask, and each drawing of 100,000 dots is costly.
                    if (this._frame || !this._map || (e && e.geoReport)) { return; }
                    var self = this;
                    this._frame = L.Util.requestAnimFrame(function () { self._frame = null; if (self._map) { self.draw(); } });
                },
                _drawNow: function () { if (this._map) { this.draw(); } },
                drawnWith: 0,  // how many points the last drawing had: all of them once fetched
                draw: function () {
                    // Each dot is a small picture of its shape, copied into the canvas's pixels: a
                    // path of 100,000 shapes took half a second to fill and stroke, this a tenth.
                    this.drawnWith = n;
                    var map = this._map, size = map.getSize(), ratio = window.devicePixelRatio || 1;
                    var canvas = this._canvas, topLeft = map.containerPointToLayerPoint([0, 0]);
                    L.DomUtil.setPosition(canvas, topLeft);
                    var w = Math.round(size.x * ratio), h = Math.round(size.y * ratio);
                    if (canvas.width !== w || canvas.height !== h) {
                        canvas.width = w; canvas.height = h;
                        canvas.style.width = size.x + "px"; canvas.style.height = size.y + "px";
                    }
                    var ctx = canvas.getContext("2d"), image = this._image;
                    if (!image || image.width !== w || image.height !== h) { image = this._image = ctx.createImageData(w, h); }
                    var out = new Uint32Array(image.data.buffer);
                    out.fill(0);
                    var scale = Math.pow(2, map.getZoom()) * ratio, origin = map.getPixelOrigin().add(topLeft).multiplyBy(ratio);
                    var sprites = this._sprites(map.getZoom() >= 12 ? 6 : map.getZoom() >= 9 ? 4.5 : 3, ratio);
                    for (var i = 0; i < n; i++) {
                        if (!this.visible(i)) { continue; }
                        var sprite = sprites[kinds[i]];
                        var left = Math.floor(x[i] * scale - origin.x) - sprite.half, top = Math.floor(y[i] * scale - origin.y) - sprite.half;
                        if (left > -sprite.side && top > -sprite.side && left < w && top < h) { blit(out, w, h, sprite, left, top); }
                    }
                    ctx.putImageData(image, 0, 0);
                    if (this.ready && !this._reported) { this._reported = true; drawn(); }
                },
                _sprites: function (r, ratio) {
                    // Each kind's shape, filled and outlined in white, drawn once per size.
                    var key = r + "@" + ratio;
                    if (this._spriteKey === key) { return this._spriteSet; }
                    var side = Math.ceil((2 * r * 1.3 + 2) * ratio) | 1, half = side >> 1, set = [];
                    for (var k = 0; k < colours.length; k++) {
                        var c = document.createElement("canvas");
                        c.width = c.height = side;
                        var g = c.getContext("2d");
                        g.setTransform(ratio, 0, 0, ratio, 0, 0);
                        g.beginPath();
                        this._shape(g, shapes[k], (half + 0.5) / ratio, (half + 0.5) / ratio, r);
                        g.fillStyle = colours[k]; g.fill();
                        g.lineWidth = 1; g.strokeStyle = "#ffffff"; g.stroke();
                        set.push({side: side, half: half, pixels: new Uint32Array(g.getImageData(0, 0, side, side).data.buffer)});
                    }
                    this._spriteKey = key; this._spriteSet = set;
                    return set;
                },
                _shape: function (ctx, shape, px, py, r) {
                    if (shape === "square") { ctx.rect(px - r, py - r, 2 * r, 2 * r); }
                    else if (shape === "diamond") {
                        ctx.moveTo(px, py - r * 1.3); ctx.lineTo(px + r * 1.3, py); ctx.lineTo(px, py + r * 1.3);
                        ctx.lineTo(px - r * 1.3, py); ctx.closePath();
                    } else if (shape === "triangle") {
                        ctx.moveTo(px, py - r * 1.2); ctx.lineTo(px + r * 1.2, py + r); ctx.lineTo(px - r * 1.2, py + r);
                        ctx.closePath();
                    } else { ctx.arc(px, py, r, 0, 2 * Math.PI); }
                },
                nearest: function (point) {
                    var map = this._map, scale = Math.pow(2, map.getZoom()), origin = map.getPixelOrigin();
                    var best = -1, reach = 64;  // 8 px, squared
                    for (var i = 0; i < n; i++) {
                        if (!this.visible(i)) { continue; }
                        var dx = x[i] * scale - origin.x - point.x, dy = y[i] * scale - origin.y - point.y;
                        var d = dx * dx + dy * dy;
                        if (d <= reach) { reach = d; best = i; }
                    }
                    return best;
                },
                _click: function (e) {
                    var i = this.nearest(e.layerPoint);
                    if (i < 0) { return; }
                    var at = L.latLng(ints[2 * i] / {{ this.scale }}, ints[2 * i + 1] / {{ this.scale }});
                    // The pop-up is asked for at once; the click also reruns the page, for the panel.
                    this._popupFor("lat=" + ints[2 * i] + "&lon=" + ints[2 * i + 1], at, true);
                    this.fire("click", {latlng: at, index: i, originalEvent: e.originalEvent});
                },
                query: "",
                _shows: null,
                open: function (place, lat, lon) {
                    // Each rerun names the open place: its pop-up is opened, or kept if it shows
                    // that place under these filters already (as after the click that opened it).
                    var map = this._map, popup = this._popup;
                    if (place === null) {
                        this._asked = null;
                        if (popup && map && map.hasLayer(popup)) { map.closePopup(popup); }
                        return;
                    }
                    if (popup && map && map.hasLayer(popup) && this._shows === place + "?" + this.query) {
                        this._asked = null;  // an answer still coming is for filters no longer in view
                        return;
                    }
                    var at = L.latLng(lat / {{ this.scale }}, lon / {{ this.scale }});
                    this._popupFor("place=" + encodeURIComponent(place), at, false);
                },
                _popupFor: function (which, at, pan) {
                    var url = {{ this.popups|tojson }};
                    if (url === null) { return; }  // no route to ask: the page sends the pop-up itself
                    var self = this, query = this.query, asked = this._asked = which + (query ? "&" + query : "");
                    fetch(url + "?" + asked).then(function (r) {
                        if (r.ok) { return r.text().then(function (html) { return [r.headers.get("X-Place"), html]; }); }
                        return [null, self._failed("the app answered " + r.status + " " + r.statusText)];
                    }, function () {
                        return [null, self._failed("the app could not be reached")];
                    }).then(function (got) {
                        // A later click or rerun has asked for another pop-up: this one is stale.
                        if (self._asked !== asked || !self._map) { return; }
                        self._shows = got[0] === null ? null : got[0] + "?" + query;
                        var popup = self._popup, map = self._map;
                        if (popup && map.hasLayer(popup) && popup.getLatLng().equals(at)) {
                            // New content (the filters changed) moves only a view the reader has not chosen.
                            popup.options.autoPan = false;
                            popup.setContent(got[1]);
                        } else {
                            // A click pans to its pop-up; one the page opens (a linked place's) is
                            // brought into view until the reader has moved the map (geo/map/view.py).
                            popup = self._popup = L.popup({
                                maxWidth: 380, minWidth: 260, autoPan: pan, className: "geo-dot-popup",
                                // Clear of the zoom buttons at the top left.
                                autoPanPaddingTopLeft: [50, 10], autoPanPaddingBottomRight: [10, 10]
                            }).setLatLng(at).setContent(got[1]).openOn(map);
                            if (pan) { return; }
                        }
                        map.geoBringIntoView(popup);
                    });
                },
                _failed: function (why) {
                    // Said in the pop-up as text, never as markup.
                    var note = document.createElement("p");
                    note.className = "geo-popup-failed";
                    note.textContent = "This place's details could not be fetched (" + why + "). Click it again in a moment.";
                    return note;
                },
                _hover: function (e) {
                    if (this._pending) { return; }
                    this._pending = true;
                    var self = this;
                    L.Util.requestAnimFrame(function () {
                        self._pending = false;
                        if (self._map) { self._map.getContainer().style.cursor = self.nearest(e.layerPoint) >= 0 ? "pointer" : ""; }
                    });
                }
            });
            // The map is drawn once its dots are: the page then draws the rest of itself (the
            // map's QuietStart, geo/map/view.py). The layer's own moveend is not for it.
            function drawn() { if (window.geoMapDrawn) { window.geoMapDrawn(); } }
            var dots = window.geoDots = new Dots().addTo({{ this._parent.get_name() }});
            {% if this.url %}
            // Fetched once and kept by the browser, rather than resent with the map on every rerun.
            // Should they not come, the page is still asked for the rest of itself.
            fetch({{ this.url|tojson }}).then(function (r) { if (!r.ok) { throw r; } return r.arrayBuffer(); })
                .then(function (buffer) { take(new Uint8Array(buffer)); }, drawn);
            {% else %}
            take(bytes({{ this.packed|tojson }}));
            {% endif %}
        })();
        {% endmacro %}
        """
    )

    def __init__(
        self,
        colours: Sequence[str],
        shapes: Sequence[str],
        *,
        url: str | None = None,
        packed: bytes = b"",
        popups: str | None = None,
    ) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca has no type hints
        self._name = "DensePoints"
        # The points come from a URL the app serves, or, in a page that stands alone, inline.
        self.url, self.packed = url, base64.b64encode(packed).decode()
        # The route a clicked place's pop-up is fetched from; without one, the page sends it.
        self.popups = popups
        self.colours, self.shapes = list(colours), list(shapes)
        self.scale = SCALE

    def render(self, **kwargs: Any) -> str:
        """Add the layer's script to the page."""
        # branca would compile the rendered script as a Jinja template before adding it: a
        # megabyte of packed points took a fifth of a second to lex, on every rerun.
        figure = self.get_root()
        assert isinstance(figure, Figure)
        figure.script.add_child(_Script(self._template.module.script(self, kwargs)), name=self.get_name())
        return ""


class ShowOnly(MacroElement):
    """Shows only the dots a filter keeps, and the open place's pop-up; sent with every rerun."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        if (window.geoDots) {
            window.geoDots.show({{ this.mask|tojson }});
            window.geoDots.query = {{ this.query|tojson }};
            window.geoDots.open({{ this.place|tojson }}, {{ this.point[0] }}, {{ this.point[1] }});
        }
        {% endmacro %}
        """
    )

    def __init__(self, mask: str | None, query: str = "", place: Place | None = None) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca has no type hints
        self._name = "ShowOnly"
        self.mask = mask
        # The filters a pop-up is fetched under, as the page's link gives them.
        self.query = query
        self.place = place.id if place is not None else None
        self.point = quantised(place.lat, place.lon) if place is not None else (0, 0)


def view_mask(selection: Selection) -> str | None:
    """The mask of the selection's places, or None when every place is in view."""
    atlas = selection.atlas
    if len(selection.places) == len(atlas.places):
        return None
    return encode_mask(list(atlas.places), (p.id for p in selection.places))


def is_dense(atlas: Atlas) -> bool:
    """Whether the atlas has too many places for a marker each."""
    return len(atlas.places) >= DENSE_FROM
