// A key to the map's shapes and marks, in a corner of the map, folded on narrow maps.
(function (geoMap) {
    "use strict";

    geoMap.addLegend = function (map, html, foldBelow) {
        var legend = L.control({position: "bottomright"});
        legend.onAdd = function () {
            var div = L.DomUtil.create("div", "geo-legend");
            div.innerHTML = html;
            // Opening and closing the key must not count as a click on the map.
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            var size = map.getSize();
            if (size.x < foldBelow[0] || size.y < foldBelow[1]) {
                div.querySelector("details").removeAttribute("open");
            }
            return div;
        };
        legend.addTo(map);
    };
})(window.geoMap = window.geoMap || {});
