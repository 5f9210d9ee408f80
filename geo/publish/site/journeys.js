// The journeys the articles tell, drawn as the app draws them (geo/map/journeys.py): a cased line with an arrowhead from origin to destination, or short arrows all round a place people left for a place not stated.
(function (site) {
    "use strict";

    // geo/map/symbols.py's JOURNEY_COLOUR, ARROW_LENGTH_PX, ARROW_HALF_WIDTH_PX and DEPARTURE_LENGTH_PX.
    var COLOUR = "#1f2328", ARROW_LENGTH = 13, ARROW_HALF_WIDTH = 7, DEPARTURE_LENGTH = 10, SPOKES = 8;

    // A notched arrowhead pointing at the centre from `angle` (degrees clockwise from east),
    // its tip `gap` pixels short of it: the destination's marker stays clear.
    function arrowhead(angle, gap) {
        var back = gap + ARROW_LENGTH, half = Math.ceil(back + 3), hw = ARROW_HALF_WIDTH;
        return site.svg("svg", {width: 2 * half, height: 2 * half, viewBox: [-half, -half, 2 * half, 2 * half].join(" "),
            "aria-hidden": "true"}, [site.svg("path", {
            transform: "rotate(" + angle.toFixed(1) + ")",
            d: "M" + -gap + " 0L" + -back + " " + -hw + "L" + (-back + 4) + " 0L" + -back + " " + hw + "Z",
            fill: COLOUR, stroke: "#fff", "stroke-width": 1.5, "stroke-linejoin": "round"
        })]);
    }

    // Short arrows pointing out all round from `inner` pixels, each on a white casing (all the
    // casings first, so none cuts into a neighbouring arrow).
    function departure(inner, length) {
        var outer = inner + length, half = Math.ceil(outer + 3), head = 0.35 * length;
        var shaft = "M" + inner + " 0H" + (outer - head);
        var tip = "M" + outer + " 0L" + (outer - 1.4 * head) + " " + -head + "L" + (outer - 1.4 * head) + " " + head + "Z";
        var casings = [], arrows = [];
        for (var k = 0; k < SPOKES; k++) {
            var turn = "rotate(" + k * 360 / SPOKES + ")";
            casings.push(site.svg("g", {transform: turn}, [
                site.svg("path", {d: shaft, stroke: "#fff", "stroke-width": 5}),
                site.svg("path", {d: tip, fill: "#fff", stroke: "#fff", "stroke-width": 3})
            ]));
            arrows.push(site.svg("g", {transform: turn}, [
                site.svg("path", {d: shaft, stroke: COLOUR, "stroke-width": 2.2}),
                site.svg("path", {d: tip, fill: COLOUR})
            ]));
        }
        return site.svg("svg", {width: 2 * half, height: 2 * half, viewBox: [-half, -half, 2 * half, 2 * half].join(" "),
            "stroke-linecap": "round", "stroke-linejoin": "round", "aria-hidden": "true"}, casings.concat(arrows));
    }

    // The key's rows for journeys, as the app's key has them.
    site.journeyKey = function () {
        var arrow = site.svg("svg", {viewBox: "0 0 24 24", "aria-hidden": "true"}, [
            site.svg("path", {d: "M2 12H15", stroke: "#fff", "stroke-width": 5.5, "stroke-linecap": "round"}),
            site.svg("path", {d: "M2 12H15", stroke: COLOUR, "stroke-width": 2.5, "stroke-linecap": "round"}),
            site.svg("path", {d: "M23 12 13 6.5 15.5 12 13 17.5Z", fill: COLOUR, stroke: "#fff", "stroke-width": 1.2})
        ]);
        return [[arrow, "Arrow: a journey a source describes"],
            [departure(3, 7), "Leaving, destination not stated"]];
    };

    // The direction from one point to another as drawn, in degrees clockwise from east: Web
    // Mercator keeps angles, so it is the same at every zoom.
    function screenAngle(map, from, to) {
        var a = map.project(from, 0), b = map.project(to, 0);
        return Math.atan2(b.y - a.y, b.x - a.x) * 180 / Math.PI;
    }

    function pointOf(i) { return L.latLng(site.places.lat[i], site.places.lon[i]); }
    function nameOf(i) { return site.places.name[i]; }
    function sizeOf(i) { return site.markerSize(site.info.kinds[site.places.kind[i]]); }

    // A journey in words, as geo.render.popup says it.
    function route(j) {
        return j.to === null ? "From " + nameOf(j.from) + ", destination not stated" : nameOf(j.from) + " → " + nameOf(j.to);
    }

    // The hover label: a line for each party that makes the journey, every text set as text.
    function tooltip(j) {
        var box = document.createElement("div");
        j.who.forEach(function (who, k) {
            if (k) { box.appendChild(document.createElement("br")); }
            var strong = document.createElement("strong");
            strong.textContent = who;
            box.appendChild(strong);
            box.appendChild(document.createTextNode(": " + (j.to === null
                ? "leaving " + nameOf(j.from) + ", destination not stated" : route(j))));
        });
        return box;
    }

    // Clicked (or tapped, where nothing hovers): the journey, how many excerpts in view tell
    // of it, and who goes.
    function popup(j) {
        var box = document.createElement("div"), heading = document.createElement("h3"), meta = document.createElement("div");
        box.className = "geo-popup geo-journey site-journey";
        box.lang = "en";
        heading.textContent = route(j);
        meta.className = "geo-meta";
        meta.textContent = "Told in " + j.told + " excerpt" + (j.told === 1 ? "" : "s");
        box.appendChild(heading);
        box.appendChild(meta);
        box.appendChild(tooltip(j));
        return box;
    }

    function Journeys(map) {
        this.map = map;
        this.layer = L.layerGroup().addTo(map);
    }

    // view: {list (the journeys, as FORMAT.md writes them), keep(n) (null keeps every excerpt),
    // shown(i), contested(i), selected, on}. A journey shows while an excerpt telling it is in
    // view and both its ends are on the map, naming only the parties those excerpts tell of.
    Journeys.prototype.update = function (view) {
        this.layer.clearLayers();
        if (!view.on || !view.list || !site.places) { return; }
        var drawn = [];
        view.list.forEach(function (j) {
            var told = view.keep ? j.told.filter(function (t) { return view.keep(t[0]); }) : j.told;
            if (!told.length || !view.shown(j.from) || (j.to !== null && !view.shown(j.to))) { return; }
            var who = [];
            told.forEach(function (t) { if (who.indexOf(t[1]) < 0) { who.push(t[1]); } });
            drawn.push({from: j.from, to: j.to, who: who, told: told.length});
        });
        var leaving = new Set(drawn.filter(function (j) { return j.to === null; }).map(function (j) { return j.from; }));
        // How far from a place's point its marker and any halo reach, in pixels.
        var reach = function (i) {
            var r = sizeOf(i) / 2;
            return i === view.selected ? r + site.reach.selected : view.contested(i) ? r + site.reach.contested : r;
        };
        // Where departure arrows start: clear of the marker, and of a contested halo it may gain.
        var inner = function (i) { return Math.max(sizeOf(i) / 2 + site.reach.contested, reach(i)) + 1; };
        var self = this;
        drawn.forEach(function (j) {
            if (j.to === null) { self._departure(j, inner(j.from)); return; }
            var gap = leaving.has(j.to) ? inner(j.to) + DEPARTURE_LENGTH + 2 : reach(j.to) + 2;
            self._arrow(j, gap);
        });
    };

    Journeys.prototype._arrow = function (j, gap) {
        var ends = [pointOf(j.from), pointOf(j.to)];
        // The wide white casing takes the pointer, so the line is easy to hover and click.
        L.polyline(ends, {color: "#fff", weight: 6.5, opacity: 0.9, className: "site-journey-casing"})
            .bindTooltip(tooltip(j), {sticky: true, className: "site-journey-tooltip"})
            .bindPopup(function () { return popup(j); }, {className: "site-popup"})
            .addTo(this.layer);
        L.polyline(ends, {color: COLOUR, weight: 2.5, opacity: 0.95, interactive: false}).addTo(this.layer);
        var back = gap + ARROW_LENGTH, half = Math.ceil(back + 3);
        // The line already answers the pointer; the head must not hide the destination's marker.
        L.marker(ends[1], {interactive: false, keyboard: false, icon: L.divIcon({
            html: arrowhead(screenAngle(this.map, ends[0], ends[1]), gap),
            iconSize: [2 * half, 2 * half], iconAnchor: [half, half], className: "site-arrowhead"
        })}).addTo(this.layer);
    };

    Journeys.prototype._departure = function (j, inner) {
        var half = Math.ceil(inner + DEPARTURE_LENGTH + 3);
        // Beneath the place's own marker, which stays clickable in the middle.
        L.marker(pointOf(j.from), {keyboard: false, zIndexOffset: -1000, icon: L.divIcon({
            html: departure(inner, DEPARTURE_LENGTH),
            iconSize: [2 * half, 2 * half], iconAnchor: [half, half], className: "site-departure"
        })}).bindTooltip(tooltip(j), {sticky: true, className: "site-journey-tooltip"})
            .bindPopup(function () { return popup(j); }, {className: "site-popup"})
            .addTo(this.layer);
    };

    site.makeJourneys = function (map) { return new Journeys(map); };
})(window.geoSite = window.geoSite || {});
