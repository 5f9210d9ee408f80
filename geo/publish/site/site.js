// The published map page: loads the site's data, and keeps the map, the filters, the open place and the address in step.
(function (site) {
    "use strict";

    // Above this many places in view the panel offers the search instead of a list of them.
    var MOST_LISTED = 200;
    // A map narrower than this (a phone's) has no room for a pop-up of claims: its pop-up
    // sums them up, and the panel below the map holds them.
    var NARROW_MAP = 520;

    var map = null, places = null, popup = null, circle = null;
    var journeys = null;     // every journey (data/journeys.json) below site.dense; above, the open place's
    var view = null;         // what the filters keep (site.select), or null for everything
    var open = null;         // the open place: {i, claims} once its claims are fetched
    var asked = 0;           // the latest filter change: an older answer is stale
    var openAsked = 0;       // the latest place asked for, likewise
    var placesLoading = null;

    site.state = null;

    site.fetchJson = function (url) {
        return fetch(url).then(function (r) {
            if (!r.ok) { throw new Error(url + ": " + r.status + " " + r.statusText); }
            return r.json();
        });
    };

    site.voiceById = function (id) { return site.info.voices.filter(function (v) { return v.id === id; })[0]; };
    site.sideLabel = function (id) {
        var side = site.info.sides.filter(function (s) { return s.id === id; })[0];
        return side ? side.label : id;
    };
    site.glyphOf = function (sideId) {
        var voice = site.info.voices.filter(function (v) { return v.side === sideId; })[0];
        return voice ? voice.glyph : "";
    };

    // Every place's id, name, precision and whether contested (places.json), with its point and
    // kind (points.bin, packed as the app packs them): at once below site.dense, and on the
    // first search or click above it.
    site.loadPlaces = function () {
        if (placesLoading) { return placesLoading; }
        var points = fetch("data/points.bin").then(function (r) {
            if (!r.ok) { throw new Error("data/points.bin: " + r.status + " " + r.statusText); }
            return r.arrayBuffer();
        });
        placesLoading = Promise.all([site.fetchJson("data/places.json"), points]).then(function (got) {
            var columns = got[0], buffer = got[1], n = columns.id.length, unit = site.info.unit;
            var ints = new DataView(buffer), lat = new Float64Array(n), lon = new Float64Array(n);
            for (var i = 0; i < n; i++) {
                lat[i] = ints.getInt32(8 * i, true) / unit;
                lon[i] = ints.getInt32(8 * i + 4, true) / unit;
            }
            var number = new Map();
            columns.id.forEach(function (id, k) { number.set(id, k); });
            site.places = places = {
                count: n, id: columns.id, name: columns.name, precision: columns.precision_m,
                contested: columns.contested, lat: lat, lon: lon, kind: new Uint8Array(buffer, 8 * n, n),
                number: number
            };
            return places;
        }, function (error) {
            placesLoading = null;
            throw error;
        });
        return placesLoading;
    };

    function byId(id) { return document.getElementById(id); }

    function say(error) {
        var box = byId("site-error");
        box.hidden = false;
        box.textContent = "Part of the map could not be loaded: " + error.message + ". Reload the page to try again.";
    }

    function showNotices(notices) {
        var box = byId("site-notices");
        box.textContent = "";
        box.hidden = !notices.length;
        if (!notices.length) { return; }
        var title = document.createElement("strong"), list = document.createElement("ul");
        title.textContent = "Part of this link could not be used, and was left out:";
        notices.forEach(function (text) {
            var item = document.createElement("li");
            item.textContent = text;
            list.appendChild(item);
        });
        box.appendChild(title);
        box.appendChild(list);
    }

    function writeHash() {
        var hash = site.hashOf(site.state);
        if (hash !== location.hash && !(hash === "" && location.hash === "#")) {
            history.replaceState(null, "", location.pathname + location.search + hash);
        }
    }

    function counted(n, noun) { return n.toLocaleString("en") + " " + noun + (n === 1 ? "" : "s"); }

    function showCount() {
        var counts = view ? view.counts : site.info.counts;
        byId("site-count").textContent = counted(counts.places, "place") + ", "
            + counted(counts.excerpts, "excerpt") + " in view";
        var on = ["source", "voice", "kind", "place_kind"].filter(function (k) { return site.state[k].length; }).length
            + (site.state.from ? 1 : 0) + (site.state.to ? 1 : 0) + (site.state.q ? 1 : 0);
        byId("site-filters-on").textContent = on ? "(" + on + " on)" : "";
    }

    function shown(i) { return !view || view.places[i] === 1; }
    function keep() { return view ? function (n) { return view.excerpts[n] === 1; } : null; }
    // The claims a place shows: none where the filters do not draw it (a country while they are
    // hidden), as the app's panel and pop-up.
    function keepAt(i) { return shown(i) ? keep() : function () { return false; }; }

    // A place's claims, saying so where the only thing that hides them is the countries switch.
    function claimsOf(i, mode) {
        var content = site.renderClaims(open.claims.place, open.claims.excerpts, keepAt(i), mode);
        var kind = places ? site.info.kinds[places.kind[i]] : null;
        var empty = content.querySelector(".site-empty");
        if (empty && kind && kind.id === "country" && !site.state.countries) {
            empty.textContent = "Countries are hidden: switch on Show countries in the filters to see this one's excerpts.";
        }
        return content;
    }
    function contested(i) {
        if (view && view.sides) { return view.sides[i] === 3; }
        return places ? places.contested[i] === 1 : Boolean(open && open.i === i && open.claims.place.contested);
    }

    // A bit a place, base64, as dense.js takes it: null when every place is in view.
    function mask() {
        if (!view) { return null; }
        var bytes = new Uint8Array(Math.ceil(view.places.length / 8)), text = "";
        for (var i = 0; i < view.places.length; i++) { if (view.places[i]) { bytes[i >> 3] |= 1 << (i & 7); } }
        for (var k = 0; k < bytes.length; k += 8192) {
            text += String.fromCharCode.apply(null, bytes.subarray(k, k + 8192));
        }
        return btoa(text);
    }

    function draw() {
        if (!places && !site.info.dense) { return; }
        var at = open ? [open.claims.place.lat, open.claims.place.lon] : null;
        site.layer.update({shown: shown, contested: contested, selected: open ? open.i : null, point: at,
            mask: site.info.dense ? mask() : null});
        // A large map draws only the open place's journeys, as the app's: thousands of arrows
        // would hide the dots.
        site.journeys.update({list: site.info.dense ? (open ? open.claims.place.journeys : null) : journeys,
            keep: keep(), shown: shown, contested: contested, selected: open ? open.i : null,
            on: site.state.movements});
    }

    // ------------------------------------------------------------------ the open place

    function panelFor(claims) {
        var panel = byId("site-claims");
        panel.textContent = "";
        var bar = document.createElement("div"), close = document.createElement("button");
        bar.className = "site-claims-bar";
        close.type = "button";
        close.className = "site-close";
        close.textContent = "Close";
        close.setAttribute("aria-label", "Close " + claims.place.name);
        close.addEventListener("click", closePlace);
        bar.appendChild(close);
        panel.appendChild(bar);
        panel.appendChild(claimsOf(open.i, "panel"));
    }

    function showPlace(pan) {
        var place = open.claims.place, size = map.getSize();
        var narrow = size.x < NARROW_MAP;
        var content = claimsOf(open.i, narrow ? "summary" : "popup");
        var at = L.latLng(place.lat, place.lon);
        if (popup && map.hasLayer(popup) && popup.getLatLng().equals(at)) {
            // New content (the filters changed) moves only a view the reader has not chosen.
            popup.options.autoPan = false;
            popup.setContent(content);
        } else {
            // No wider than the map has room for, clear of the zoom buttons: on a phone's
            // narrow map a pop-up's usual width would run off it. The width is the content's:
            // the pop-up adds its margins (site.css, 14 px a side) and border, and its pan
            // keeps 50 px clear on the left and 10 px on the right.
            var width = Math.max(160, Math.min(380, size.x - 50 - 10 - 2 * 14 - 2));
            popup = L.popup({
                maxWidth: width, minWidth: Math.min(260, width), autoPan: pan !== false, className: "site-popup",
                maxHeight: Math.max(160, Math.min(420, size.y - 90)),
                autoPanPaddingTopLeft: [50, 10], autoPanPaddingBottomRight: [10, 10]
            }).setLatLng(at).setContent(content).openOn(map);
        }
        if (circle) { map.removeLayer(circle); }
        circle = site.precisionCircle(place, places ? site.info.kinds[places.kind[open.i]] : null);
        if (circle) { circle.addTo(map); }
        panelFor(open.claims);
    }

    // Opens place i: its claims fetched (a chunk at a time), in a pop-up and in the panel.
    site.openPlace = function (i, options) {
        var ticket = ++openAsked;
        var needs = [site.claimsOf(i)];
        if (site.info.dense) { needs.push(site.loadPlaces()); }
        return Promise.all(needs).then(function (got) {
            if (ticket !== openAsked) { return; }
            open = {i: i, claims: got[0]};
            site.state.place = got[0].place.id;
            showPlace(options && options.pan);
            draw();
            writeHash();
            // Chosen from the list, the claims are brought into view where the list was; on a
            // wide screen the panel beside the map scrolls to them, leaving the map be.
            if (options && options.fromList) { site.showPanel(); }
            else if (window.matchMedia("(min-width: 761px)").matches) { byId("site-claims").scrollIntoView({block: "start"}); }
        }, say);
    };

    // The panel's claims in view and focused, so that reading (or a screen reader) goes on there.
    site.showPanel = function () {
        var panel = byId("site-claims");
        panel.scrollIntoView({block: "start"});
        panel.focus({preventScroll: true});
    };

    function closePlace() {
        openAsked += 1;
        open = null;
        site.state.place = null;
        if (popup) { map.closePopup(popup); }
        if (circle) { map.removeLayer(circle); circle = null; }
        draw();
        writeHash();
        placeList();
    }

    // The panel with no place open: how to open one, and the places in view as buttons, so a
    // keyboard (or a reader of a large map) can open one without the map.
    function placeList() {
        if (open) { return; }
        var panel = byId("site-claims");
        panel.textContent = "";
        var hint = document.createElement("p");
        hint.className = "site-hint";
        hint.textContent = "Click a place on the map to read what the articles say about it: the government "
            + "side's claims beside the opposition's, each with its source.";
        panel.appendChild(hint);
        if (!places) { return; }
        var listed = [];
        for (var i = 0; i < places.count; i++) { if (shown(i)) { listed.push(i); } }
        if (listed.length > MOST_LISTED) {
            var more = document.createElement("p");
            more.className = "site-hint";
            more.textContent = "Search or filter to list the places in view here (" + counted(listed.length, "place")
                + " now).";
            panel.appendChild(more);
            return;
        }
        var heading = document.createElement("h2");
        heading.className = "site-list-heading";
        heading.textContent = "Places in view";
        panel.appendChild(heading);
        listed.sort(function (a, b) { return places.name[a].localeCompare(places.name[b]); });
        var list = document.createElement("ul");
        list.className = "site-place-list";
        listed.forEach(function (i) {
            var item = document.createElement("li"), button = document.createElement("button");
            button.type = "button";
            button.textContent = places.name[i];
            var kind = site.info.kinds[places.kind[i]];
            var about = document.createElement("span");
            about.className = "site-place-kind";
            about.textContent = " " + (kind ? kind.label : "") + (contested(i) ? " · contested" : "");
            button.appendChild(about);
            button.addEventListener("click", function () { site.openPlace(i, {pan: true, fromList: true}); });
            item.appendChild(button);
            list.appendChild(item);
        });
        panel.appendChild(list);
    }

    // ------------------------------------------------------------------ the view

    // Applies the view in site.state: the places and excerpts it keeps, on the map, in the
    // count, in the open place's claims and in the address.
    function refresh() {
        var ticket = ++asked;
        byId("site-count").setAttribute("aria-busy", "true");
        var filtered = site.isFiltered(site.state);
        var ready = filtered && site.info.dense ? site.loadPlaces() : Promise.resolve();
        return ready.then(function () { return site.select(site.state); }).then(function (selected) {
            if (ticket !== asked) { return; }
            view = selected;
            byId("site-count").removeAttribute("aria-busy");
            showCount();
            draw();
            if (open) { showPlace(false); } else { placeList(); }
            writeHash();
        }, say);
    }

    function openLinked() {
        var id = site.state.place;
        if (!id) { if (open) { closePlace(); } return Promise.resolve(); }
        if (open && open.claims.place.id === id) { return Promise.resolve(); }
        return site.loadPlaces().then(function () {
            var i = places.number.get(id);
            if (i === undefined) {
                site.state.place = null;
                writeHash();
                return ["place '" + id + "' is not in the data"];
            }
            return site.openPlace(i, {pan: true});
        });
    }

    function fromLink() {
        var read = site.readHash(location.hash);
        site.state = read.state;
        // Folded, so the claims stand near the top; opened when a link set filters, on a
        // screen with room for them (a phone's map comes first).
        if (site.isFiltered(site.state) && window.matchMedia("(min-width: 761px)").matches) {
            byId("site-filters").open = true;
        }
        site.showState(site.state);
        showNotices(read.notices);
        refresh();
        openLinked().then(function (more) { if (more) { showNotices(read.notices.concat(more)); } }, say);
    }

    function publishedView() {
        var v = site.info.view || {}, parts = [];
        [["source", "Sources"], ["voice", "Voices"], ["kind", "Excerpt kinds"], ["place_kind", "Place kinds"]]
            .forEach(function (row) { if (v[row[0]] && v[row[0]].length) { parts.push(row[1] + ": " + v[row[0]].join(", ")); } });
        if (v.from) { parts.push("from " + v.from); }
        if (v.to) { parts.push("to " + v.to); }
        if (v.q) { parts.push("search: " + v.q); }
        var note = byId("site-published-view");
        note.hidden = !parts.length;
        note.textContent = parts.length ? "This site holds one view of the data (" + parts.join("; ")
            + "); the filters here narrow it further." : "";
    }

    function start(info) {
        site.info = info;
        map = site.makeMap(byId("map"));
        site.buildFilters(byId("site-filter-form"), function (state) {
            site.state = site.normalised(state);
            site.showState(site.state);
            refresh();
        });
        publishedView();
        site.state = site.emptyState();
        var ready;
        if (info.dense) {
            map.fitBounds(info.bounds, {padding: [20, 20], maxZoom: 11});
            site.layer = site.makePlaces(map);
            ready = Promise.resolve();
        } else {
            ready = Promise.all([site.loadPlaces(), site.fetchJson("data/journeys.json")]).then(function (got) {
                journeys = got[1].journeys;
                map.fitBounds(site.openingBounds(), {padding: [24, 24], maxZoom: 11});
                site.layer = site.makePlaces(map);
            });
        }
        site.journeys = site.makeJourneys(map);
        ready.then(function () {
            fromLink();
            window.addEventListener("hashchange", fromLink);
        }, say);
    }

    function begin() {
        site.fetchJson("data/site.json").then(start).catch(say);
    }

    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", begin); }
    else { begin(); }
})(window.geoSite = window.geoSite || {});
