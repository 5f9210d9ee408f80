// The published map: Leaflet, each place a marker of its kind (or, on a large map, a dot on dense.js's canvas), and the key.
(function (site, geoMap) {
    "use strict";

    var SVG = "http://www.w3.org/2000/svg";
    // The app's marker sizes in pixels (geo/map/symbols.py MARKER_STYLES), by kind; a kind the
    // site names with a size of its own keeps it.
    var SIZES = {crossing: 24, city: 18, town: 14, village: 12, region: 26, mountains: 20, "military-base": 16,
        country: 30};
    // How far the halos reach past a marker's edge, and the gap before its name, as the app's.
    var CONTESTED_REACH = 9, SELECTED_REACH = 17, LABEL_GAP = 3;
    var LABEL_CHAR_PX = 6.4, LABEL_HEIGHT_PX = 13, SIDES = ["right", "left", "below", "above"];
    // Below this width or height the key starts folded: open, it would cover half a phone's map.
    var FOLD_KEY_BELOW = [720, 480];

    // SVG is made as nodes, never parsed from text: colours come from site.json, which the page
    // treats as data.
    function svg(tag, attrs, children) {
        var node = document.createElementNS(SVG, tag);
        Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, String(attrs[name])); });
        (children || []).forEach(function (child) { node.appendChild(child); });
        return node;
    }

    function sizeOf(kind) { return kind.size || SIZES[kind.id] || 16; }

    // For journeys.js, which draws its arrows clear of the markers and their halos.
    site.svg = svg;
    site.markerSize = sizeOf;
    site.reach = {contested: CONTESTED_REACH, selected: SELECTED_REACH};

    // A kind's symbol, drawn as the app draws it in a 24-unit box.
    function symbol(kind, size) {
        var c = kind.colour, shape;
        if (kind.shape === "diamond") {
            shape = svg("path", {d: "M12 1.5 22.5 12 12 22.5 1.5 12Z", fill: c, stroke: "#fff", "stroke-width": 2});
        } else if (kind.shape === "ring") {
            shape = svg("circle", {cx: 12, cy: 12, r: 9.5, fill: c, "fill-opacity": 0.15, stroke: c,
                "stroke-width": 2.5, "stroke-dasharray": "4 2.5"});
        } else if (kind.shape === "triangle") {
            shape = svg("path", {d: "M12 2 22.5 21H1.5Z", fill: c, stroke: "#fff", "stroke-width": 2});
        } else if (kind.shape === "square") {
            shape = svg("rect", {x: 3, y: 3, width: 18, height: 18, fill: c, stroke: "#fff", "stroke-width": 2.5});
        } else {
            shape = svg("circle", {cx: 12, cy: 12, r: 9, fill: c, stroke: "#fff", "stroke-width": 2.5});
        }
        return svg("svg", {"class": "site-symbol", viewBox: "0 0 24 24", width: size, height: size,
            "aria-hidden": "true"}, [shape]);
    }

    function halo(size, reach, circles) {
        var box = size + 2 * reach;
        return svg("svg", {"class": "site-halo", width: box, height: box,
            viewBox: [-box / 2, -box / 2, box, box].join(" "), "aria-hidden": "true"}, circles);
    }

    // A black-and-white dashed ring: a cue for contested places that needs no colour.
    function contestedHalo(size) {
        var r = size / 2 + CONTESTED_REACH - 3;
        // A whole number of dashes, so the ring has no seam where it closes.
        var period = 2 * Math.PI * r / Math.max(6, Math.round(2 * Math.PI * r / 8));
        return halo(size, CONTESTED_REACH, [
            svg("circle", {r: r, fill: "none", stroke: "#fff", "stroke-width": 6}),
            svg("circle", {r: r, fill: "none", stroke: "#000", "stroke-width": 3.5,
                "stroke-dasharray": (period * 0.55).toFixed(2) + " " + (period * 0.45).toFixed(2)})
        ]);
    }

    // A thick yellow ring edged in black round the open place, on a yellow glow.
    function selectedHalo(size) {
        var r = size / 2 + SELECTED_REACH - 3.5;
        return halo(size, SELECTED_REACH, [
            svg("circle", {r: r, fill: "#FFD400", "fill-opacity": 0.45, stroke: "#000", "stroke-width": 7}),
            svg("circle", {r: r, fill: "none", stroke: "#FFD400", "stroke-width": 3.5})
        ]);
    }

    function kindOf(i) { return site.info.kinds[site.places.kind[i]]; }

    // A place's marker icon: its halos, its symbol and its name beside it, so the map reads
    // without tiles or hovering.
    function icon(i, contested, selected, side) {
        var kind = kindOf(i), size = sizeOf(kind);
        var inner = document.createElement("span");
        inner.className = "site-marker-inner";
        if (selected) { inner.appendChild(selectedHalo(size)); }
        if (contested) { inner.appendChild(contestedHalo(size)); }
        inner.appendChild(symbol(kind, size));
        var label = document.createElement("span");
        label.className = "site-label";
        label.textContent = site.places.name[i];
        inner.appendChild(label);
        return L.divIcon({
            html: inner, iconSize: [size, size], iconAnchor: [size / 2, size / 2],
            className: "site-marker site-label-" + side + (contested ? " site-contested" : "")
                + (selected ? " site-selected" : "")
        });
    }

    function accessibleName(i, contested) {
        return site.places.name[i] + ", " + kindOf(i).label + (contested ? ", contested" : "");
    }

    function tooltip(i, contested) {
        var box = document.createElement("span"), name = document.createElement("strong");
        name.textContent = site.places.name[i];
        box.appendChild(name);
        if (contested) {
            box.appendChild(document.createElement("br"));
            var note = document.createElement("em");
            note.className = "site-tooltip-contested";
            note.textContent = "Contested: both sides make claims";
            box.appendChild(note);
        }
        return box;
    }

    // Where each name stands beside its marker, covering as little as it can at this zoom:
    // geo/map/labels.py's greedy choice, larger markers first, a hidden marker costing twice
    // what an overlapped name does. Worked out over every place, so that a name does not jump
    // when a filter hides its neighbours.
    function labelSides(map, contestedAt) {
        var zoom = map.getZoom(), n = site.places.count, located = [];
        for (var i = 0; i < n; i++) {
            var p = map.project([site.places.lat[i], site.places.lon[i]], zoom);
            var size = sizeOf(kindOf(i)) + (contestedAt(i) ? 2 * CONTESTED_REACH : 0);
            located.push({i: i, x: p.x, y: p.y, half: size / 2});
        }
        located.sort(function (a, b) { return b.half - a.half || a.i - b.i; });
        var markers = located.map(function (m) { return [m.x - m.half, m.y - m.half, m.x + m.half, m.y + m.half]; });
        var labels = [], sides = new Array(n);
        located.forEach(function (m, k) {
            var width = site.places.name[m.i].length * LABEL_CHAR_PX, best = null, bestCost = Infinity;
            SIDES.forEach(function (side) {
                var box = labelBox(m, width, side), cost = 0;
                markers.forEach(function (other, j) { if (j !== k && overlaps(box, other)) { cost += 2; } });
                labels.forEach(function (other) { if (overlaps(box, other)) { cost += 1; } });
                if (cost < bestCost) { bestCost = cost; best = side; }
            });
            sides[m.i] = best;
            labels.push(labelBox(m, width, best));
        });
        return sides;
    }

    function labelBox(m, width, side) {
        var g = LABEL_GAP, h = LABEL_HEIGHT_PX, x = m.x, y = m.y, half = m.half;
        if (side === "right") { return [x + half + g, y - h / 2, x + half + g + width, y + h / 2]; }
        if (side === "left") { return [x - half - g - width, y - h / 2, x - half - g, y + h / 2]; }
        if (side === "below") { return [x - width / 2, y + half + g, x + width / 2, y + half + g + h]; }
        return [x - width / 2, y - half - g - h, x + width / 2, y - half - g];
    }

    function overlaps(a, b) { return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]; }

    // The markers of a map below site.dense: made once, then shown, hidden or redrawn as the
    // filters and the open place change.
    function Markers(map) {
        this.map = map;
        this.layer = L.layerGroup().addTo(map);
        this.markers = [];
        this.drawn = [];  // what each marker was drawn as: "contested|selected|side", or null if hidden
        this.sides = null;
        var self = this;
        for (var i = 0; i < site.places.count; i++) { this.markers.push(this._marker(i)); this.drawn.push(null); }
        map.on("zoomend", function () { self.sides = null; self.update(self.last); });
    }

    Markers.prototype._marker = function (i) {
        var marker = L.marker([site.places.lat[i], site.places.lon[i]], {keyboard: true, riseOnHover: true});
        marker.on("click", function () { site.openPlace(i, {pan: true}); });
        // Leaflet makes a marker focusable but opens nothing on Enter when it has no pop-up of its own.
        marker.on("keydown", function (e) {
            var key = e.originalEvent.key;
            if ((key === "Enter" || key === " ") && !e.originalEvent.repeat) {
                e.originalEvent.preventDefault();
                site.openPlace(i, {pan: true});
            }
        });
        return marker;
    };

    // view: {shown(i), contested(i), selected}: draws what changed since the last call.
    Markers.prototype.update = function (view) {
        if (!view) { return; }
        this.last = view;
        if (!this.sides) { this.sides = labelSides(this.map, view.contested); }
        for (var i = 0; i < this.markers.length; i++) {
            var marker = this.markers[i];
            if (!view.shown(i) && i !== view.selected) {
                if (this.drawn[i] !== null) { this.layer.removeLayer(marker); this.drawn[i] = null; }
                continue;
            }
            var contested = view.contested(i), selected = i === view.selected;
            var key = contested + "|" + selected + "|" + this.sides[i];
            if (this.drawn[i] === key) { continue; }
            marker.setIcon(icon(i, contested, selected, this.sides[i]));
            marker.setZIndexOffset(selected ? 1000 : 0);
            if (marker.getTooltip()) { marker.setTooltipContent(tooltip(i, contested)); }
            else { marker.bindTooltip(tooltip(i, contested), {direction: "top", offset: [0, -8]}); }
            if (this.drawn[i] === null) { this.layer.addLayer(marker); }
            this.drawn[i] = key;
            var element = marker.getElement();
            if (element) { element.setAttribute("aria-label", accessibleName(i, contested)); }
        }
    };

    // The dots of a map from site.dense on, drawn by the app's own canvas (dense.js), and the
    // open place drawn over them as a marker.
    function Dots(map) {
        var kinds = site.info.kinds;
        this.map = map;
        this.open = L.layerGroup().addTo(map);
        geoMap.addDots(map, {
            // The canvas draws no ring: a region is a filled circle in its colour, as in the app.
            colours: kinds.map(function (k) { return k.colour; }),
            shapes: kinds.map(function (k) { return k.shape === "ring" ? "circle" : k.shape; }),
            unit: site.info.unit, popups: null, url: "data/points.bin", packed: null
        });
        this.dots = window.geoDots;
        // dense.js fires the click on its layer with the dot's number: the page has the claims.
        this.dots.on("click", function (e) { site.openPlace(e.index, {pan: true}); });
        this._hoverNames(map);
    }

    Dots.prototype.update = function (view) {
        this.dots.show(view.mask);
        this.open.clearLayers();
        if (view.selected !== null && view.point) {
            var i = view.selected, marker = L.marker(view.point, {interactive: false, keyboard: false,
                icon: icon(i, view.contested(i), true, "right"), zIndexOffset: 1000});
            this.open.addLayer(marker);
        }
    };

    // A dot's name on hover, once the places' names are loaded (on the first search or click).
    Dots.prototype._hoverNames = function (map) {
        var self = this, pending = false, shown = -1, tip = L.tooltip({direction: "top", offset: [0, -6]});
        map.on("mousemove", function (e) {
            if (pending || !site.places) { return; }
            pending = true;
            L.Util.requestAnimFrame(function () {
                pending = false;
                var i = self.dots.nearest(e.layerPoint);
                if (i === shown) { return; }
                shown = i;
                if (i < 0) { map.closeTooltip(tip); return; }
                // Leaflet takes a string as HTML; a name is text.
                tip.setLatLng(e.latlng).setContent(tooltip(i, false));
                map.openTooltip(tip);
            });
        });
        map.on("mouseout", function () { shown = -1; map.closeTooltip(tip); });
    };

    // The key to the map's marks, as the app's: the places' shapes, the rings, the sides' badges.
    function addKey(map) {
        var key = L.control({position: "bottomright"});
        key.onAdd = function () {
            var box = L.DomUtil.create("div", "site-key"), details = document.createElement("details");
            var size = map.getSize();
            details.open = size.x >= FOLD_KEY_BELOW[0] && size.y >= FOLD_KEY_BELOW[1];
            var summary = document.createElement("summary");
            summary.textContent = "Key";
            details.appendChild(summary);
            details.appendChild(title("Places"));
            var grid = document.createElement("div");
            grid.className = "site-key-grid";
            site.info.kinds.forEach(function (kind) { grid.appendChild(row(symbol(kind, 15), kind.label)); });
            details.appendChild(grid);
            details.appendChild(title("Marks"));
            var ring = document.createElement("span");
            ring.className = "site-key-halo";
            ring.appendChild(contestedHalo(6));
            ring.appendChild(svg("svg", {viewBox: "0 0 24 24", "aria-hidden": "true"},
                [svg("circle", {cx: 12, cy: 12, r: 4.5, fill: "#8c959f", stroke: "#fff", "stroke-width": 1.5})]));
            details.appendChild(row(ring, "Contested: both sides make claims"));
            details.appendChild(row(svg("svg", {viewBox: "0 0 24 24", "aria-hidden": "true"}, [
                svg("circle", {cx: 12, cy: 12, r: 10, fill: "#57606a", "fill-opacity": 0.1, stroke: "#57606a",
                    "stroke-width": 1.5, "stroke-dasharray": "3.2 2.4"}),
                svg("circle", {cx: 12, cy: 12, r: 2.5, fill: "#57606a"})
            ]), "Dashed circle: how far off the open place's point may be"));
            site.journeyKey().forEach(function (mark) { details.appendChild(row(mark[0], mark[1])); });
            details.appendChild(title("Who speaks (badges)"));
            site.info.sides.forEach(function (side) {
                var badge = document.createElement("span");
                badge.className = "geo-badge geo-side-" + side.id;
                badge.setAttribute("aria-hidden", "true");
                badge.textContent = site.glyphOf(side.id);
                details.appendChild(row(badge, side.label));
            });
            box.appendChild(details);
            // Opening and closing the key must not count as a click on the map.
            L.DomEvent.disableClickPropagation(box);
            L.DomEvent.disableScrollPropagation(box);
            return box;
        };
        key.addTo(map);
    }

    function title(text) {
        var div = document.createElement("div");
        div.className = "site-key-title";
        div.textContent = text;
        return div;
    }

    function row(mark, text) {
        var div = document.createElement("div"), label = document.createElement("span");
        div.className = "site-key-row";
        label.textContent = text;
        div.appendChild(mark);
        div.appendChild(label);
        return div;
    }

    function escapeHtml(text) {
        return String(text).replace(/[&<>"']/g, function (c) {
            return {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"}[c];
        });
    }

    // The map, its tiles, scale and key. Tiles are the only thing fetched from elsewhere; when
    // they fail (offline, or a blocked host) the places and their names still read on the
    // plain background, and a line on the map says why it is bare.
    site.makeMap = function (element) {
        var info = site.info;
        var map = L.map(element, {fadeAnimation: false, zoomSnap: 1, worldCopyJump: false});
        L.control.scale().addTo(map);
        if (info.tiles && info.tiles.url) {
            var failed = 0, noted = false;
            // Leaflet writes an attribution as HTML; the site's is text.
            L.tileLayer(info.tiles.url, {attribution: escapeHtml(info.tiles.attribution || ""), maxZoom: 19})
                .on("tileerror", function () {
                    failed += 1;
                    if (failed < 4 || noted) { return; }
                    noted = true;
                    var note = L.control({position: "bottomleft"});
                    note.onAdd = function () {
                        var div = L.DomUtil.create("div", "site-map-note");
                        div.setAttribute("role", "status");
                        div.textContent = "The map's background could not be loaded; the places are drawn without it.";
                        return div;
                    };
                    note.addTo(map);
                })
                .addTo(map);
        }
        addKey(map);
        if (info.outlines) { addOutlines(map, info.outlines); }
        return map;
    };

    // The governorates' outlines under the places, in the app's style, so that the map reads
    // without its tiles. In a pane of their own, below the journeys and the dots.
    function addOutlines(map, style) {
        map.createPane("site-outlines").style.zIndex = 350;
        site.fetchJson("data/outlines.json").then(function (shapes) {
            L.geoJSON(shapes, {pane: "site-outlines", style: style, smoothFactor: 1.5, interactive: false}).addTo(map);
        }, function () {
            // A frame for the places, no part of what they say: without it the map is only barer.
        });
    }

    // The view a map opens on: the places that are points, a region's being only the nominal
    // centre of an area (Deraa lies 350 km south of Idlib), framed as the app frames them. A
    // country never is: the map would open on Moscow and Washington.
    site.openingBounds = function () {
        var info = site.info, places = site.places;
        if (!places || !places.lat) { return info.bounds; }
        var all = [], points = [];
        for (var i = 0; i < places.count; i++) {
            var at = [places.lat[i], places.lon[i]], kind = kindOf(i).id;
            if (kind === "country") { continue; }
            all.push(at);
            if (kind !== "region") { points.push(at); }
        }
        var chosen = points.length ? points : all;
        return chosen.length ? L.latLngBounds(chosen) : info.bounds;
    };

    site.makePlaces = function (map) {
        return site.info.dense ? new Dots(map) : new Markers(map);
    };

    // The open place's uncertainty: a dashed circle as wide as its point may be off. None for a
    // region, whose precision is the size of the whole area: a circle would claim its shape.
    site.precisionCircle = function (place, kind) {
        if (!kind || kind.id === "region" || !place.precision_m) { return null; }
        return L.circle([place.lat, place.lon], {
            radius: place.precision_m, color: kind.colour, weight: 1.5, opacity: 0.8, dashArray: "5 4",
            fillColor: kind.colour, fillOpacity: 0.06, interactive: false, className: "site-precision"
        });
    };

    // dense.js says when its dots are drawn; a page of its own has no app to tell.
    geoMap.reportDrawn = function () {
        document.documentElement.setAttribute("data-dots-drawn", "1");
    };
})(window.geoSite = window.geoSite || {}, window.geoMap = window.geoMap || {});
