// A place's claims: fetched a chunk of places at a time, grouped by side and voice as the app groups them, and read in context.
(function (site) {
    "use strict";

    var chunks = new Map();    // chunk number -> promise of its claims, fetched once
    var articles = new Map();  // source id -> promise of its text, fetched once

    // A place's entry and the claims of its chunk. A chunk that fails is forgotten, so that
    // the next click asks again.
    site.claimsOf = function (i) {
        var number = Math.floor(i / site.info.chunk);
        if (!chunks.has(number)) {
            var url = "data/claims/" + String(number).padStart(4, "0") + ".json";
            chunks.set(number, site.fetchJson(url).catch(function (error) {
                chunks.delete(number);
                throw error;
            }));
        }
        return chunks.get(number).then(function (chunk) {
            var place = chunk.places[String(i)];
            if (!place) { throw new Error("place " + i + " is not in its claims file"); }
            return {place: place, excerpts: chunk.excerpts};
        });
    };

    function element(tag, className, text) {
        var node = document.createElement(tag);
        if (className) { node.className = className; }
        if (text !== undefined) { node.textContent = text; }
        return node;
    }

    // The place's claims in view, by side then voice, in the site's order of each (the app's).
    function grouped(place, excerpts, keep) {
        var bySide = new Map();
        site.info.sides.forEach(function (side) { bySide.set(side.id, new Map()); });
        var voiceOrder = site.info.voices.map(function (v) { return v.id; });
        place.excerpts.forEach(function (number) {
            var excerpt = excerpts[String(number)];
            if (!excerpt || (keep && !keep(number))) { return; }
            var voices = bySide.get(excerpt.side);
            if (!voices) { bySide.set(excerpt.side, voices = new Map()); }
            if (!voices.has(excerpt.voice)) { voices.set(excerpt.voice, []); }
            voices.get(excerpt.voice).push([number, excerpt]);
        });
        bySide.forEach(function (voices, side) {
            var ordered = new Map();
            voiceOrder.concat(Array.from(voices.keys())).forEach(function (voice) {
                if (voices.has(voice) && !ordered.has(voice)) { ordered.set(voice, voices.get(voice)); }
            });
            bySide.set(side, ordered);
        });
        return bySide;
    }

    function badge(voiceId) {
        var voice = site.voiceById(voiceId) || {id: voiceId, label: voiceId, side: "other", glyph: ""};
        var span = element("span", "geo-badge geo-side-" + voice.side);
        span.title = site.sideLabel(voice.side);
        var glyph = element("span", "", voice.glyph);
        glyph.setAttribute("aria-hidden", "true");
        span.appendChild(glyph);
        span.appendChild(document.createTextNode(" " + voice.label));
        return span;
    }

    function sideBlock(sideId, voices, countOnly) {
        var count = 0;
        voices.forEach(function (group) { count += group.length; });
        var block = element("section", "site-side-claims site-side-" + sideId);
        var heading = element("div", "geo-side-heading geo-side-" + sideId);
        heading.setAttribute("role", "heading");
        heading.setAttribute("aria-level", "4");
        var glyph = element("span", "", site.glyphOf(sideId));
        glyph.setAttribute("aria-hidden", "true");
        heading.appendChild(glyph);
        heading.appendChild(document.createTextNode(
            " " + site.sideLabel(sideId) + " · " + count + (count === 1 ? " excerpt" : " excerpts")));
        block.appendChild(heading);
        if (countOnly) { return block; }
        voices.forEach(function (group, voiceId) {
            var voice = element("div", "geo-voice");
            voice.appendChild(badge(voiceId));
            block.appendChild(voice);
            group.forEach(function (pair) { block.appendChild(claim(pair[0], pair[1])); });
        });
        return block;
    }

    function claim(number, excerpt) {
        var box = element("div", "site-claim");
        // Made by geo.render.popup, where every text is escaped, as the app's pop-up is.
        box.innerHTML = excerpt.html;
        if (excerpt.span) {
            var source = site.info.sources[excerpt.source] || {label: "its article"};
            var button = element("button", "site-context-button", "Read in context");
            button.type = "button";
            button.setAttribute("aria-label", "Read in context, in " + source.label);
            button.addEventListener("click", function () { site.showContext(excerpt); });
            box.appendChild(button);
        }
        return box;
    }

    // A place's heading and its claims in view. In the panel (columns) the government side
    // stands beside the opposition side, then the journalists and analysts below both; in
    // the pop-up, one after another.
    // mode: "panel" (the government side beside the opposition side), "popup" (one after
    // another), or "summary": a phone's map has no room for the claims, so its pop-up names
    // the place and counts each side's excerpts, and the claims are read in the panel below.
    site.renderClaims = function (place, excerpts, keep, mode) {
        var columns = mode === "panel";
        var root = element("div", columns ? "site-claims-place" : "geo-popup");
        root.lang = "en";
        var heading = element("div", "site-place-heading");
        heading.innerHTML = place.heading;  // escaped by the writer, as every text of the claims
        var groups = grouped(place, excerpts, keep);
        var held = function (side) { return groups.has(side) && groups.get(side).size > 0; };
        // The heading's note says contested for the published view; the filters may leave one side.
        if (!(held("government") && held("opposition"))) {
            Array.prototype.forEach.call(heading.querySelectorAll(".geo-contested-note"), function (note) {
                note.remove();
            });
        }
        while (heading.firstChild) { root.appendChild(heading.firstChild); }
        var blocks = [];
        groups.forEach(function (voices, side) {
            if (voices.size) { blocks.push({side: side, node: sideBlock(side, voices, mode === "summary")}); }
        });
        var paired = function (b) { return columns && (b.side === "government" || b.side === "opposition"); };
        var pair = element("div", "site-side-pair");
        blocks.filter(paired).forEach(function (b) { pair.appendChild(b.node); });
        if (pair.firstChild) { root.appendChild(pair); }
        blocks.filter(function (b) { return !paired(b); }).forEach(function (b) { root.appendChild(b.node); });
        if (!blocks.length) {
            root.appendChild(element("p", "site-empty",
                "The filters leave none of this place's excerpts in view."));
        } else if (mode === "summary") {
            var button = element("button", "site-to-panel", "Read the claims below the map");
            button.type = "button";
            button.addEventListener("click", function () { site.showPanel(); });
            root.appendChild(button);
        }
        return root;
    };

    // --------------------------------------------------------------- read in context

    // Python's white space, which its str.strip() takes off a paragraph's ends.
    var PY_SPACE = /[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

    // The article's non-empty lines, stripped: its paragraphs, as geo.core.provenance's
    // paragraph_spans finds them (offsets in this string's code units).
    function paragraphSpans(text) {
        var spans = [], line = /[^\n]+/g, m;
        while ((m = line.exec(text)) !== null) {
            var a = m.index, b = a + m[0].length;
            while (a < b && PY_SPACE.test(text[a])) { a++; }
            while (b > a && PY_SPACE.test(text[b - 1])) { b--; }
            if (b > a) { spans.push([a, b]); }
        }
        return spans;
    }

    // The writer counts characters as Python does, a code point each; a string here counts
    // UTF-16 code units, two for a character beyond the Basic Multilingual Plane.
    function unitsOf(text) {
        if (!/[\ud800-\udbff]/.test(text)) { return function (offset) { return offset; }; }
        var units = [], at = 0;
        for (var ch of text) { units.push(at); at += ch.length; }
        units.push(at);
        return function (offset) { return units[Math.min(offset, units.length - 1)]; };
    }

    // A paragraph as text nodes, the part inside the passage in a <mark>: never parsed as HTML.
    function marked(text, a, b, passage) {
        var p = document.createElement("p"), lo = Math.max(a, passage[0]), hi = Math.min(b, passage[1]);
        if (lo >= hi) { p.textContent = text.slice(a, b); return p; }
        p.appendChild(document.createTextNode(text.slice(a, lo)));
        p.appendChild(element("mark", "", text.slice(lo, hi)));
        p.appendChild(document.createTextNode(text.slice(hi, b)));
        return p;
    }

    function articleOf(sourceId) {
        if (!articles.has(sourceId)) {
            var url = "articles/" + encodeURIComponent(sourceId) + ".txt";
            articles.set(sourceId, fetch(url).then(function (r) {
                if (!r.ok) { throw new Error(url + ": " + r.status + " " + r.statusText); }
                return r.arrayBuffer();
            }).then(function (buffer) {
                // As stored, byte-order mark and all: the passage's offsets count from it.
                return new TextDecoder("utf-8", {ignoreBOM: true}).decode(buffer);
            }).catch(function (error) {
                articles.delete(sourceId);
                throw error;
            }));
        }
        return articles.get(sourceId);
    }

    site.showContext = function (excerpt) {
        var dialog = document.getElementById("site-context"), body = document.getElementById("site-context-body");
        var source = site.info.sources[excerpt.source];
        document.getElementById("site-context-title").textContent = source ? source.label : "The article";
        body.textContent = "";
        body.appendChild(element("p", "site-loading", "Loading the article…"));
        if (!dialog.open) { dialog.showModal(); }
        if (!source) { body.textContent = "This excerpt's article is not in the site."; return; }
        articleOf(source.id).then(function (text) {
            body.textContent = "";
            var about = element("p", "site-context-source");
            about.appendChild(element("cite", "", source.title));
            about.appendChild(document.createTextNode(" · "));
            var link = element("a", "", "Where it comes from");
            link.href = "sources.html#source-" + encodeURIComponent(source.id);
            about.appendChild(link);
            body.appendChild(about);
            var units = unitsOf(text), paragraphs = paragraphSpans(text);
            var passage = [units(excerpt.span[0]), units(excerpt.span[1])];
            var context = element("div", "geo-context");
            var hit = [];
            paragraphs.forEach(function (span, k) { if (span[0] < passage[1] && span[1] > passage[0]) { hit.push(k); } });
            if (hit.length) {
                var near = element("div", "geo-context-near");
                near.dir = "auto";
                paragraphs.slice(Math.max(0, hit[0] - 1), hit[hit.length - 1] + 2).forEach(function (span) {
                    near.appendChild(marked(text, span[0], span[1], passage));
                });
                context.appendChild(near);
            } else {
                context.appendChild(element("p", "site-empty", "This passage could not be found in its article."));
            }
            var whole = element("details", "geo-context-whole");
            whole.appendChild(element("summary", "", "The whole article, passage highlighted"));
            var all = element("div");
            all.dir = "auto";
            paragraphs.forEach(function (span) { all.appendChild(marked(text, span[0], span[1], passage)); });
            whole.appendChild(all);
            context.appendChild(whole);
            body.appendChild(context);
        }, function (error) {
            body.textContent = "";
            body.appendChild(element("p", "site-error", "The article could not be fetched (" + error.message
                + "). Try again in a moment."));
        });
    };

    site.paragraphSpans = paragraphSpans;

    // Closed by its button, by Escape (the browser's own), or by a click on the shade round it.
    document.addEventListener("DOMContentLoaded", function () {
        var dialog = document.getElementById("site-context");
        document.getElementById("site-context-close").addEventListener("click", function () { dialog.close(); });
        dialog.addEventListener("click", function (e) { if (e.target === dialog) { dialog.close(); } });
    });
})(window.geoSite = window.geoSite || {});
