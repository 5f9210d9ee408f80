// Many places on one canvas: every place a dot, drawn and hit-tested here, its pop-up fetched when opened.
(function (geoMap) {
    "use strict";

    // Drawn by hand rather than as Leaflet markers: 100,000 DOM markers or even circle
    // layers take seconds to build, while a canvas of dots redraws in milliseconds. The
    // layer is the same for every filter, so the map is never remounted; filters only send
    // a mask (showOnly, below).
    //
    // options: the kinds' colours and shapes, in the order of the points' kind bytes; the
    // points' whole units to a degree; the URL pop-ups are fetched from, or null when the
    // page sends them; and the URL of the packed points, or null and the points themselves,
    // base64, in packed.
    geoMap.addDots = function (map, options) {
        function bytes(b64) {
            var raw = atob(b64), out = new Uint8Array(raw.length);
            for (var i = 0; i < raw.length; i++) { out[i] = raw.charCodeAt(i); }
            return out;
        }
        // A point's coordinates come as whole units, options.unit of them to a degree.
        var colours = options.colours, shapes = options.shapes, unit = options.unit;
        function blit(out, w, h, sprite, left, top) {
            // Copies a sprite's pixels over the canvas's, blending its soft edges.
            var side = sprite.side, pixels = sprite.pixels;
            var y0 = Math.max(0, -top), y1 = Math.min(side, h - top);
            var x0 = Math.max(0, -left), x1 = Math.min(side, w - left);
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
                var p = crs.latLngToPoint(L.latLng(ints[2 * i] / unit, ints[2 * i + 1] / unit), 0);
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
                // A moveend fired only to make streamlit-folium report (quiet_start.js) moves nothing.
                if (this._frame || !this._map || (e && e.geoReport)) { return; }
                var self = this;
                this._frame = L.Util.requestAnimFrame(function () {
                    self._frame = null;
                    if (self._map) { self.draw(); }
                });
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
                if (!image || image.width !== w || image.height !== h) {
                    image = this._image = ctx.createImageData(w, h);
                }
                var out = new Uint32Array(image.data.buffer);
                out.fill(0);
                var scale = Math.pow(2, map.getZoom()) * ratio;
                var origin = map.getPixelOrigin().add(topLeft).multiplyBy(ratio);
                var sprites = this._sprites(map.getZoom() >= 12 ? 6 : map.getZoom() >= 9 ? 4.5 : 3, ratio);
                for (var i = 0; i < n; i++) {
                    if (!this.visible(i)) { continue; }
                    var sprite = sprites[kinds[i]];
                    var left = Math.floor(x[i] * scale - origin.x) - sprite.half;
                    var top = Math.floor(y[i] * scale - origin.y) - sprite.half;
                    if (left > -sprite.side && top > -sprite.side && left < w && top < h) {
                        blit(out, w, h, sprite, left, top);
                    }
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
                    var pixels = new Uint32Array(g.getImageData(0, 0, side, side).data.buffer);
                    set.push({side: side, half: half, pixels: pixels});
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
                var at = L.latLng(ints[2 * i] / unit, ints[2 * i + 1] / unit);
                // The pop-up is asked for at once; the click also reruns the page, for the panel.
                this._popupFor("lat=" + ints[2 * i] + "&lon=" + ints[2 * i + 1], at, true);
                // Fired on this layer with the dot's own point: streamlit-folium 0.27.4 binds its
                // onLayerClick to every layer on the map, and reports the event's latlng as the
                // clicked object (last_object_clicked), which the page reads back as a place.
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
                var at = L.latLng(lat / unit, lon / unit);
                this._popupFor("place=" + encodeURIComponent(place), at, false);
            },
            _popupFor: function (which, at, pan) {
                var url = options.popups;
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
                        // brought into view until the reader has moved the map (reader_moves.js).
                        popup = self._popup = L.popup({
                            maxWidth: 380, minWidth: 260, autoPan: pan, className: "geo-dot-popup",
                            // Clear of the zoom buttons at the top left.
                            autoPanPaddingTopLeft: [50, 10], autoPanPaddingBottomRight: [10, 10]
                        }).setLatLng(at).setContent(got[1]).openOn(map);
                        if (pan) { return; }
                    }
                    geoMap.bringIntoView(map, popup);
                });
            },
            _failed: function (why) {
                // Said in the pop-up as text, never as markup.
                var note = document.createElement("p");
                note.className = "geo-popup-failed";
                note.textContent = "This place's details could not be fetched (" + why + ")."
                    + " Click it again in a moment.";
                return note;
            },
            _hover: function (e) {
                if (this._pending) { return; }
                this._pending = true;
                var self = this;
                L.Util.requestAnimFrame(function () {
                    self._pending = false;
                    if (!self._map) { return; }
                    self._map.getContainer().style.cursor = self.nearest(e.layerPoint) >= 0 ? "pointer" : "";
                });
            }
        });
        // The map is drawn once its dots are: the page then draws the rest of itself
        // (quiet_start.js). The layer's own moveend is not for it.
        function drawn() { geoMap.reportDrawn(); }
        var dots = window.geoDots = new Dots().addTo(map);
        if (options.url !== null) {
            // Fetched once and kept by the browser, rather than resent with the map on every rerun.
            // Should they not come, the page is still asked for the rest of itself.
            fetch(options.url).then(function (r) { if (!r.ok) { throw r; } return r.arrayBuffer(); })
                .then(function (buffer) { take(new Uint8Array(buffer)); }, drawn);
        } else {
            take(bytes(options.packed));
        }
    };

    // What a rerun sends: the mask of the dots in view (base64, a bit a place, or null for
    // all), the filters a pop-up is fetched under, and the open place's id and point (in
    // the points' whole units), or null.
    geoMap.showOnly = function (mask, query, place, point) {
        var dots = window.geoDots;
        if (!dots) { return; }
        dots.show(mask);
        dots.query = query;
        dots.open(place, point[0], point[1]);
    };
})(window.geoMap = window.geoMap || {});
