// The map's view is the reader's once they drag or zoom it; until then a pop-up the page opens is brought into it.
(function (geoMap) {
    "use strict";

    // Until the reader moves the map, the view is the one the map opened on, and a pop-up
    // the page opens for the reader (a linked place's: open_on_add.js and dense.js) is
    // brought into it.
    geoMap.watchReader = function (map) {
        map.on("dragstart zoomstart", function () { map.geoReaderMoved = true; });
        map.on("popupopen", function (e) {
            var popup = e.popup;
            whenStyled(popup, function () { geoMap.fitPopup(map, popup); });
        });
    };

    // Leaflet's stylesheet is a link the page adds with the map, and a pop-up can open before
    // it has loaded (a linked place's, fetched at once, on a slow or busy connection). Until
    // then the pop-up is a block as wide as the map, down the page, and nothing measured of it
    // holds: it was narrowed to fit, and brought into view by a pan of thousands of pixels,
    // far from the place. So it is measured, frame by frame, once Leaflet has positioned it.
    function whenStyled(popup, then) {
        var element = popup.getElement();
        if (!popup.isOpen() || !element) { return; }
        if (window.getComputedStyle(element).position === "absolute") { then(); return; }
        requestAnimationFrame(function () { whenStyled(popup, then); });
    }

    // A pop-up no wider than the map has room for, clear of the zoom buttons and the far
    // edge: on a phone's narrow map, a pop-up's usual width would run off the map.
    geoMap.fitPopup = function (map, popup) {
        var options = popup.options, content = popup.getElement().querySelector(".leaflet-popup-content");
        if (!content) { return; }
        var over = popup.getElement().offsetWidth - (map.getSize().x - 60);
        if (over <= 0) { return; }
        options.maxWidth = Math.max(120, content.offsetWidth - over);
        options.minWidth = Math.min(options.minWidth, options.maxWidth);
        popup.update();
    };

    // At once, once the pop-up has its size: Leaflet's own autoPan glides there, and the
    // page's rerun could stop it short.
    geoMap.bringIntoView = function (map, popup) {
        requestAnimationFrame(function () { requestAnimationFrame(function () { whenStyled(popup, function () {
            if (map.geoReaderMoved) { return; }
            var box = popup.getElement().getBoundingClientRect(), frame = map.getContainer().getBoundingClientRect();
            // Clear of the zoom buttons at the top left, and 10 px from the other edges.
            var dx = Math.min(0, box.left - frame.left - 50) || Math.max(0, box.right - frame.right + 10);
            var dy = Math.min(0, box.top - frame.top - 10) || Math.max(0, box.bottom - frame.bottom + 10);
            if (dx || dy) { map.panBy([dx, dy], {animate: false}); }
        }); }); });
    };
})(window.geoMap = window.geoMap || {});
