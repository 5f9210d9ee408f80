// Enter on a focused marker counts as a click, so the keyboard can open a place.
(function (geoMap) {
    "use strict";

    // Leaflet opens a focused marker's pop-up on Enter but fires no click, and a click is
    // what the page listens for: streamlit-folium 0.27.4 reports a layer's "click" event
    // (its onLayerClick, bound to every layer of the map) with the event's latlng. The
    // pop-up is closed first because a click toggles it.
    geoMap.clickOnEnter = function (group) {
        group.eachLayer(function (layer) {
            if (!(layer instanceof L.Marker)) { return; }
            layer.on("keypress", function (e) {
                if (e.originalEvent.key !== "Enter" || e.originalEvent.repeat) { return; }
                layer.closePopup();
                layer.fire("click", {latlng: layer.getLatLng(), originalEvent: e.originalEvent});
            });
        });
    };
})(window.geoMap = window.geoMap || {});
