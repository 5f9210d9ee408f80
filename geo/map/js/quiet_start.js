// streamlit-folium's first report to the app, held until the map is drawn, and then made.
(function (geoMap) {
    "use strict";

    var report = null;

    // A session's first run draws the map alone, and the report reruns the page for the rest
    // of it. A map of markers is drawn once painted; a large map's dots say when they are
    // (dense.js). Either way the report is made after a time, should the drawing fail.
    //
    // This reaches into streamlit-folium 0.27.4's frontend: window.__GLOBAL_DATA__ is its
    // shared state, whose last_object_clicked_count (new in 0.27.3) it starts at 0 while it
    // tells the app the count starts at None. So the first layer added reported a "change"
    // and reran the page as the map came up, while the map was still loading. The count is
    // held at None, and set to 0 once the map is drawn; streamlit-folium reports on the map's
    // "moveend" (its onMapMove, debounced), and only what changed. After a click, which
    // reports itself, there is nothing left to report.
    geoMap.holdFirstReport = function (map, onPaint, reportAfterMs) {
        var shared = window.__GLOBAL_DATA__;
        if (!shared) { return; }  // a page of its own: no app to report to
        if (shared.last_object_clicked_count === 0) { shared.last_object_clicked_count = null; }
        report = function () {
            if (shared.last_object_clicked_count !== null) { return; }
            shared.last_object_clicked_count = 0;
            map.fire("moveend", {geoReport: true});
        };
        if (onPaint) {
            // The markers are added just after the map's script: two frames on, they are painted.
            requestAnimationFrame(function () { requestAnimationFrame(geoMap.reportDrawn); });
        }
        setTimeout(geoMap.reportDrawn, reportAfterMs);
    };

    // Said by whatever draws the map once it is drawn; nothing to do on a page of its own.
    geoMap.reportDrawn = function () {
        if (report) { report(); }
    };
})(window.geoMap = window.geoMap || {});
