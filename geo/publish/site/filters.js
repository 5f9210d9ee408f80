// The filters: read from and written to the address's fragment with the app's link keys, and applied as geo.core.filters.select applies them.
(function (site, geoFold) {
    "use strict";

    var MAX_SEARCH = 200;  // the longest search kept from a link, as the app's
    var DAY = /^([0-9]{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12][0-9]|3[01]))?)?$/;

    // The choices, in the app's order of its filters: each link key, its label, and the
    // site.json list its values come from.
    var CHOICES = [
        {key: "source", label: "Source articles", list: "sources", noun: "source"},
        {key: "voice", label: "Voices", list: "voices", noun: "voice"},
        {key: "kind", label: "Excerpt kinds", list: "excerpt_kinds", noun: "kind"},
        {key: "place_kind", label: "Place kinds", list: "place_kinds", noun: "place kind"}
    ];

    site.emptyState = function () {
        return {source: [], voice: [], kind: [], place_kind: [], from: null, to: null, q: "", countries: countriesAt(),
            place: null, movements: true};
    };

    // Whether the site has countries to show: only then is the switch offered, as in the app.
    site.hasCountries = function () { return Boolean(site.info.countries); };

    // Where "Show countries" starts: as the site was published, off unless its view showed them.
    function countriesAt() { return site.hasCountries() && site.info.view.countries === true; }

    function ids(key) {
        var row = CHOICES.filter(function (c) { return c.key === key; })[0];
        return site.info[row.list].map(function (item) { return item.id; });
    }

    function lastDay(year, month) { return new Date(Date.UTC(year, month, 0)).getUTCDate(); }

    // A date bound from a link: a day, or a month or a year taken from its first or last day.
    function day(value, first) {
        var m = DAY.exec(value.trim());
        if (!m) { return null; }
        var year = +m[1], month = m[2] ? +m[2] : (first ? 1 : 12);
        var d = m[3] ? +m[3] : (first ? 1 : lastDay(year, month));
        if (d > lastDay(year, month)) { return null; }
        return m[1] + "-" + String(month).padStart(2, "0") + "-" + String(d).padStart(2, "0");
    }

    // The view with filters that keep everything written the short way, as the app normalises
    // it: a bound beyond the data's dates limits nothing, one past the other end is pulled
    // back to it, and a range given backwards is turned round.
    site.normalised = function (state) {
        var s = Object.assign({}, state), dates = site.info.dates;
        CHOICES.forEach(function (row) {
            var all = ids(row.key), chosen = s[row.key];
            s[row.key] = chosen.length >= all.length && all.every(function (v) { return chosen.indexOf(v) >= 0; })
                ? [] : all.filter(function (v) { return chosen.indexOf(v) >= 0; });
        });
        s.q = s.q.split(/\s+/).filter(Boolean).join(" ");
        s.countries = site.hasCountries() && s.countries;
        if (dates) {
            s.from = s.from === null || s.from < dates.min ? null : (s.from > dates.max ? dates.max : s.from);
            s.to = s.to === null || s.to > dates.max ? null : (s.to < dates.min ? dates.min : s.to);
        }
        if (s.from && s.to && s.from > s.to) { var t = s.from; s.from = s.to; s.to = t; }
        return s;
    };

    // The view a fragment asks for, and a notice for each part of it that could not be used.
    site.readHash = function (hash) {
        var params = new URLSearchParams(hash.replace(/^#/, "")), state = site.emptyState(), notices = [];
        var single = function (key) {
            var values = params.getAll(key);
            if (!values.length) { return null; }
            if (values.length > 1) {
                notices.push(key + " is given " + values.length + " times; the first, '" + values[0] + "', is used");
            }
            return values[0];
        };
        CHOICES.forEach(function (row) {
            var known = ids(row.key), given = params.getAll(row.key).filter(Boolean);
            var unknown = given.filter(function (v) { return known.indexOf(v) < 0; });
            if (unknown.length) {
                notices.push(row.noun + " " + unknown.map(function (v) { return "'" + v + "'"; }).join(", ")
                    + (unknown.length === 1 ? " is" : " are") + " not known (known: " + known.join(", ") + ")");
            }
            state[row.key] = known.filter(function (v) { return given.indexOf(v) >= 0; });
        });
        ["from", "to"].forEach(function (key) {
            var value = single(key);
            if (value === null) { return; }
            state[key] = day(value, key === "from");
            if (state[key] === null) { notices.push(key + "='" + value + "' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"); }
        });
        if (state.from && state.to && state.from > state.to) {
            notices.push("the dates run backwards (" + state.from + " to " + state.to + "); they were swapped");
        }
        state.q = single("q") || "";
        if (state.q.length > MAX_SEARCH) {
            notices.push("the search is longer than " + MAX_SEARCH + " characters; it was cut");
            state.q = state.q.slice(0, MAX_SEARCH);
        }
        state.place = single("place");
        // A switch written on or off; anything else leaves where it starts.
        var toggle = function (key, start) {
            var value = single(key);
            if (value !== null && value !== "on" && value !== "off") {
                notices.push(key + "='" + value + "' is neither on nor off");
            }
            return value === "on" || value === "off" ? value === "on" : start;
        };
        state.countries = toggle("countries", countriesAt());
        state.movements = toggle("movements", true);
        if (single("drafts") === "on") { notices.push("a published site holds no unreviewed drafts"); }
        var used = ["source", "voice", "kind", "place_kind", "from", "to", "q", "countries", "place", "movements",
            "drafts"];
        Array.from(new Set(params.keys())).forEach(function (key) {
            if (used.indexOf(key) < 0) { notices.push("parameter '" + key + "' is not one this page uses"); }
        });
        return {state: site.normalised(state), notices: notices};
    };

    // The fragment for a view: only what differs from the default, lists repeated, in the
    // app's order, so a copied link reproduces the view.
    site.hashOf = function (state) {
        var params = new URLSearchParams();
        CHOICES.forEach(function (row) { state[row.key].forEach(function (v) { params.append(row.key, v); }); });
        if (state.from) { params.append("from", state.from); }
        if (state.to) { params.append("to", state.to); }
        if (state.q) { params.append("q", state.q); }
        // Written only when it differs from where the site starts, so a link says what the reader chose.
        if (state.countries !== countriesAt()) { params.append("countries", state.countries ? "on" : "off"); }
        if (state.place) { params.append("place", state.place); }
        if (!state.movements) { params.append("movements", "off"); }
        var text = params.toString();
        return text ? "#" + text : "";
    };

    site.isFiltered = function (state) {
        return CHOICES.some(function (row) { return state[row.key].length > 0; })
            || state.from !== null || state.to !== null || geoFold.tokens(state.q).length > 0;
    };

    // ------------------------------------------------------------------ the controls

    var controls = {};

    function choiceBox(row, onChange) {
        var box = document.createElement("fieldset"), legend = document.createElement("legend");
        box.className = "site-choice";
        legend.textContent = row.label;
        box.appendChild(legend);
        var list = document.createElement("div");
        list.className = "site-choice-list";
        controls[row.key] = [];
        site.info[row.list].forEach(function (item) {
            var label = document.createElement("label"), input = document.createElement("input");
            input.type = "checkbox";
            input.name = row.key;
            input.value = item.id;
            input.addEventListener("change", onChange);
            label.appendChild(input);
            if (item.glyph) {
                var badge = document.createElement("span");
                badge.className = "geo-badge geo-side-" + item.side;
                badge.setAttribute("aria-hidden", "true");
                badge.textContent = item.glyph;
                label.appendChild(badge);
            }
            label.appendChild(document.createTextNode(" " + item.label));
            if (item.title) { label.title = item.title; }
            list.appendChild(label);
            controls[row.key].push(input);
        });
        box.appendChild(list);
        return box;
    }

    function field(labelText, input, help) {
        var wrap = document.createElement("div"), label = document.createElement("label");
        wrap.className = "site-field";
        label.htmlFor = input.id;
        label.textContent = labelText;
        wrap.appendChild(label);
        wrap.appendChild(input);
        if (help) {
            var note = document.createElement("p");
            note.className = "site-help";
            note.id = input.id + "-help";
            note.textContent = help;
            input.setAttribute("aria-describedby", note.id);
            wrap.appendChild(note);
        }
        return wrap;
    }

    // A switch with its help below it: the journeys' arrows, or the countries.
    function switchBox(key, text, help, onChange) {
        var wrap = document.createElement("div"), label = document.createElement("label");
        var input = document.createElement("input"), note = document.createElement("p");
        input.type = "checkbox";
        input.id = "site-" + key;
        input.addEventListener("change", onChange);
        label.className = "site-switch";
        label.appendChild(input);
        label.appendChild(document.createTextNode(text));
        note.className = "site-help";
        note.id = "site-" + key + "-help";
        note.textContent = help;
        input.setAttribute("aria-describedby", note.id);
        wrap.appendChild(label);
        wrap.appendChild(note);
        controls[key] = input;
        return wrap;
    }

    // Countries as markers of their own, as the app's "Show countries" (a link's countries=on);
    // offered only where the site holds a country.
    function countriesSwitch(onChange) {
        return switchBox("countries", "Show countries", "Countries named as places (Turkey, Russia) as markers of "
            + "their own. Off, an excerpt about a country and a town is shown at the town, and one about countries "
            + "alone is left out.", onChange);
    }

    // The journeys' arrows on or off, as the app's "Show movements" (a link's movements=off).
    function movementsSwitch(onChange) {
        return switchBox("movements", "Show movements", "Arrows for journeys that the sources describe."
            + (site.info.dense ? " On a map this large, only the open place's journeys are drawn." : ""), onChange);
    }

    // The filters' controls, made from site.json's lists; onChange is called with the view
    // they show whenever the reader changes one (a search once typing pauses).
    site.buildFilters = function (form, onChange) {
        var changed = function () { onChange(readControls()); }, typing = null;
        var q = document.createElement("input");
        q.type = "search";
        q.id = "site-q";
        q.maxLength = MAX_SEARCH;
        q.autocomplete = "off";
        q.placeholder = "A place, person or words";
        q.addEventListener("input", function () { clearTimeout(typing); typing = setTimeout(changed, 250); });
        q.addEventListener("keydown", function (e) {
            if (e.key === "Enter") { e.preventDefault(); clearTimeout(typing); changed(); }
        });
        controls.q = q;
        form.appendChild(field("Search", q, "Looks through excerpts, speakers, roles and place names. Any spelling "
            + "of a name works, and Arabic: case, accents, apostrophes and al-/el- are ignored."));
        CHOICES.forEach(function (row) { form.appendChild(choiceBox(row, changed)); });
        var dates = document.createElement("fieldset"), legend = document.createElement("legend");
        dates.className = "site-dates";
        legend.textContent = "Event dates";
        dates.appendChild(legend);
        ["from", "to"].forEach(function (key) {
            var input = document.createElement("input");
            input.type = "date";
            input.id = "site-" + key;
            if (site.info.dates) { input.min = site.info.dates.min; input.max = site.info.dates.max; }
            input.addEventListener("change", changed);
            controls[key] = input;
            dates.appendChild(field(key === "from" ? "From" : "To", input));
        });
        var note = document.createElement("p");
        note.className = "site-help";
        note.textContent = "An excerpt is kept when its date, at the precision its article gives it, overlaps "
            + "the range; undated excerpts drop out while a range is set.";
        dates.appendChild(note);
        if (!site.info.dates) { dates.disabled = true; }
        form.appendChild(dates);
        if (site.hasCountries()) { form.appendChild(countriesSwitch(changed)); }
        form.appendChild(movementsSwitch(changed));
        var clear = document.createElement("button");
        clear.type = "button";
        clear.className = "site-clear";
        clear.textContent = "Clear filters";
        clear.addEventListener("click", function () {
            var state = site.emptyState();
            state.place = site.state.place;
            site.showState(state);
            onChange(state);
        });
        form.appendChild(clear);
        form.addEventListener("submit", function (e) { e.preventDefault(); });
    };

    function readControls() {
        var state = site.emptyState();
        CHOICES.forEach(function (row) {
            state[row.key] = controls[row.key].filter(function (c) { return c.checked; })
                .map(function (c) { return c.value; });
        });
        state.from = controls.from.value || null;
        state.to = controls.to.value || null;
        state.q = controls.q.value;
        state.countries = controls.countries ? controls.countries.checked : false;
        state.place = site.state.place;
        state.movements = controls.movements.checked;
        return state;
    }

    // Sets the controls to a view (one read from a link, or normalised after a change).
    site.showState = function (state) {
        CHOICES.forEach(function (row) {
            controls[row.key].forEach(function (c) { c.checked = state[row.key].indexOf(c.value) >= 0; });
        });
        controls.from.value = state.from || "";
        controls.to.value = state.to || "";
        controls.movements.checked = state.movements;
        if (controls.countries) { controls.countries.checked = state.countries; }
        // The box keeps what the reader is typing: only a different search is written over it.
        if (controls.q.value.split(/\s+/).filter(Boolean).join(" ") !== state.q) { controls.q.value = state.q; }
    };

    // ------------------------------------------------------------------ selection

    var excerptsColumns = null;
    var listed = {search: null, spellings: null};  // each folder's index.json: the shards it holds
    var shards = new Map();

    site.loadExcerpts = function () {
        if (!excerptsColumns) {
            excerptsColumns = site.fetchJson("data/excerpts.json").catch(function (error) {
                excerptsColumns = null;
                throw error;
            });
        }
        return excerptsColumns;
    };

    function shardName(word) {
        return Array.from(word).slice(0, site.info.search_shard)
            .map(function (c) { return c.codePointAt(0).toString(16); }).join("-");
    }

    // A folder's shard (data/search or data/spellings), fetched once; one that fails is
    // forgotten, so that the next search asks again.
    function shard(folder, name) {
        var url = "data/" + folder + "/" + name + ".json";
        if (!shards.has(url)) {
            shards.set(url, site.fetchJson(url).catch(function (error) {
                shards.delete(url);
                throw error;
            }));
        }
        return shards.get(url);
    }

    // What a folder files under a word: its shard's entry, or null. Only shards the site lists
    // are asked for: a word nothing holds is no failed fetch.
    function filed(folder, word) {
        var name = shardName(word);
        if (listed[folder].indexOf(name) < 0) { return Promise.resolve(null); }
        return shard(folder, name).then(function (words) {
            return Object.prototype.hasOwnProperty.call(words, word) ? words[word] : null;
        });
    }

    // The excerpts with a word that begins with this one, or is it when it has under three
    // letters ("es" must not find "escalation"), as the app's has_word. A word of three
    // letters or more names its shard (search_shard is at most 3); a shorter one is whole, so
    // it is filed in its own shard too.
    function holding(word) {
        var whole = Array.from(word).length < 3, name = shardName(word);
        if (listed.search.indexOf(name) < 0) { return Promise.resolve(new Set()); }
        return shard("search", name).then(function (words) {
            var found = new Set();
            Object.keys(words).forEach(function (key) {
                if (whole ? key === word : key.indexOf(word) === 0) {
                    words[key].forEach(function (n) { found.add(n); });
                }
            });
            return found;
        });
    }

    // The excerpts holding a query's word in any spelling: a word that is one of a place's
    // one-word names stands for all of them ("idleb" finds "Idlib"), as the app's _by_text.
    function holdingAny(word) {
        return filed("spellings", word).then(function (others) {
            return Promise.all([word].concat(others || []).map(holding));
        }).then(function (sets) {
            var found = new Set();
            sets.forEach(function (set) { set.forEach(function (n) { found.add(n); }); });
            return found;
        });
    }

    function loadListed(folder) {
        if (listed[folder]) { return Promise.resolve(listed[folder]); }
        return site.fetchJson("data/" + folder + "/index.json").then(function (names) {
            listed[folder] = names;
            return names;
        });
    }

    // The excerpts a search keeps: those with every word of it; null when it has no word.
    function searched(q) {
        var words = geoFold.tokens(q);
        if (!words.length) { return Promise.resolve(null); }
        return Promise.all([loadListed("search"), loadListed("spellings")]).then(function () {
            return Promise.all(words.map(holdingAny));
        }).then(function (sets) {
            return sets.reduce(function (kept, set) {
                return new Set(Array.from(kept).filter(function (n) { return set.has(n); }));
            });
        });
    }

    // The countries a view hides, and the excerpts about countries alone it leaves out with
    // them (site.json's lists, by number); null when it hides none.
    function hidden(state) {
        if (state.countries || !site.hasCountries()) { return null; }
        return {places: new Set(site.info.countries.places), excerpts: new Set(site.info.countries.excerpts)};
    }

    // The view of a site whose only filter is the countries hidden, from site.json alone: every
    // excerpt but those about countries alone, every place but the countries. Where each place
    // is contested is as published (sides is null): no excerpt left out stood at a place shown.
    function withoutCountries(hide) {
        var counts = site.info.counts;
        var excerpts = new Uint8Array(counts.excerpts).fill(1), places = new Uint8Array(counts.places).fill(1);
        hide.excerpts.forEach(function (n) { excerpts[n] = 0; });
        hide.places.forEach(function (p) { places[p] = 0; });
        return {excerpts: excerpts, places: places, sides: null,
            counts: {places: counts.places - hide.places.size, excerpts: counts.excerpts - hide.excerpts.size}};
    }

    // The excerpts and places a view keeps, as geo.core.filters.select keeps them: each filter
    // narrows the excerpts; a place kind also narrows the places, and hidden countries hide
    // theirs and the excerpts about them alone; a date range keeps an excerpt whose days overlap
    // it, and drops the undated. Resolves to null when nothing is filtered.
    site.select = function (state) {
        var hide = hidden(state);
        if (!site.isFiltered(state)) { return Promise.resolve(hide ? withoutCountries(hide) : null); }
        var needs = [site.loadExcerpts(), searched(state.q)];
        if (state.place_kind.length) { needs.push(site.loadPlaces()); }
        return Promise.all(needs).then(function (got) {
            var cols = got[0], text = got[1], info = site.info, count = cols.source.length;
            var wanted = function (key, list) {
                var chosen = new Set(state[key]);
                return state[key].length ? info[list].map(function (item) { return chosen.has(item.id); }) : null;
            };
            var sources = wanted("source", "sources"), voices = wanted("voice", "voices");
            var kinds = wanted("kind", "excerpt_kinds"), placeKinds = null;
            if (state.place_kind.length) {
                var chosenKinds = new Set(state.place_kind);
                placeKinds = info.kinds.map(function (k) { return chosenKinds.has(k.id); });
            }
            var ofKind = function (p) { return placeKinds[site.places.kind[p]]; };
            var excerpts = new Uint8Array(count), places = new Uint8Array(info.counts.places);
            var sides = new Uint8Array(info.counts.places), kept = 0;
            for (var i = 0; i < count; i++) {
                if (sources && !sources[cols.source[i]]) { continue; }
                if (voices && !voices[cols.voice[i]]) { continue; }
                if (kinds && !kinds[cols.kind[i]]) { continue; }
                if (placeKinds && !cols.places[i].some(ofKind)) { continue; }
                if (state.from && (cols.end[i] === null || cols.end[i] < state.from)) { continue; }
                if (state.to && (cols.start[i] === null || cols.start[i] > state.to)) { continue; }
                if (text && !text.has(i)) { continue; }
                if (hide && hide.excerpts.has(i)) { continue; }
                excerpts[i] = 1;
                kept += 1;
                // Contested is worked out on the excerpts in view, as the app's markers are.
                var side = info.voices[cols.voice[i]].side;
                var bit = side === "government" ? 1 : side === "opposition" ? 2 : 0;
                cols.places[i].forEach(function (p) {
                    if ((!placeKinds || ofKind(p)) && !(hide && hide.places.has(p))) { places[p] = 1; sides[p] |= bit; }
                });
            }
            var shown = 0;
            for (var p = 0; p < places.length; p++) { shown += places[p]; }
            return {excerpts: excerpts, places: places, sides: sides, counts: {places: shown, excerpts: kept}};
        });
    };
})(window.geoSite = window.geoSite || {}, window.geoFold);
