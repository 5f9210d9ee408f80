// The journeys the excerpts tell of, drawn from one list: cased arrows, and marks for departures with no destination.
(function (geoMap) {
    "use strict";

    // One call draws every journey of a run (geo/map/journeys.py): folium's three elements a
    // journey, each a script of its own, cost the server seconds for a busy place's thousands.
    // Each journey comes with its hover label and pop-up as HTML, every value in them escaped.
    geoMap.drawJourneys = function (group, colour, journeys) {
        function labelled(layer, journey) {
            layer.bindTooltip(journey.tooltip, {sticky: true, className: "geo-journey-tooltip"});
            layer.bindPopup(journey.popup, {maxWidth: 440, minWidth: 300});
            return layer;
        }
        function icon(html, half, className) {
            return L.divIcon({html: html, iconSize: [2 * half, 2 * half], iconAnchor: [half, half], className: className});
        }
        journeys.forEach(function (journey) {
            if (journey.at) {
                // Arrows out all round the place, beneath its own marker, which stays clickable in the middle.
                var mark = L.marker(journey.at, {
                    icon: icon(journey.mark, journey.half, "geo-departure geo-departure-" + journey.key),
                    zIndexOffset: -1000
                });
                group.addLayer(labelled(mark, journey));
                return;
            }
            var ends = [journey.from, journey.to];
            // The wide white casing takes the pointer, so the line is easy to hover and click.
            group.addLayer(labelled(L.polyline(ends, {
                color: "#ffffff", weight: 6.5, opacity: 0.9,
                className: "geo-journey-casing geo-journey-" + journey.key
            }), journey));
            group.addLayer(L.polyline(ends, {
                color: colour, weight: 2.5, opacity: 0.95, className: "geo-journey-line", interactive: false
            }));
            // The line already answers the pointer; the head must not hide the destination's marker.
            group.addLayer(L.marker(journey.to, {
                icon: icon(journey.head, journey.half, "geo-arrowhead geo-arrowhead-" + journey.key),
                interactive: false, keyboard: false
            }));
        });
    };
})(window.geoMap = window.geoMap || {});
