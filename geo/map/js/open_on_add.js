// A selected place's pop-up, opened once its marker is on the map.
(function (geoMap) {
    "use strict";

    // A click reruns the page, and the layer is redrawn with the place selected; without
    // this the redraw would close the pop-up the click had just opened. The layer is put on
    // the map after its markers are built, so the pop-up waits for the marker's "add".
    // The pop-up does not pan the map itself, for that would undo the reader's view on every
    // rerun; until the reader has moved the map, it is brought into view (reader_moves.js).
    geoMap.openOnAdd = function (marker) {
        marker.once("add", function () {
            marker.openPopup();
            geoMap.bringIntoView(marker._map, marker.getPopup());
        });
    };
})(window.geoMap = window.geoMap || {});
