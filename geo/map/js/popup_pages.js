// A place's pop-up a page at a time: its other pages fetched from the app when the reader asks for them.
(function (geoMap) {
    "use strict";

    // A pop-up holds one page of its place's excerpts, whatever their number, with buttons
    // for the pages either side (geo/render/popup.py, pager_html). The route those pages come
    // from and the filters they are asked under are the page's last run's; without a route
    // (a map saved to stand alone) pop-ups have no buttons, and say the panel has the rest.
    var route = null, listening = false;

    geoMap.pagePopups = function (url, query) {
        route = url === null ? null : {url: url, query: query};
        if (listening) { return; }
        listening = true;
        // Caught on the way down: Leaflet stops a click inside a pop-up on its way back up,
        // so that it does not reach the map. A button's click comes from Enter or Space too.
        document.addEventListener("click", function (e) {
            var button = e.target && e.target.closest ? e.target.closest(".geo-popup .geo-page") : null;
            if (!button) { return; }
            e.preventDefault();
            turn(button);
        }, true);
    };

    function turn(button) {
        var popup = button.closest(".geo-popup");
        if (route === null || !popup || button.getAttribute("aria-busy") === "true") { return; }
        // Only the latest request for a pop-up counts: a reader may click twice before the first comes.
        var asked = popup.geoAsked = (popup.geoAsked || 0) + 1, go = button.getAttribute("data-go");
        button.setAttribute("aria-busy", "true");
        var query = "place=" + encodeURIComponent(popup.getAttribute("data-place"))
            + "&page=" + encodeURIComponent(button.getAttribute("data-page"))
            + (route.query ? "&" + route.query : "");
        fetch(route.url + "?" + query).then(function (r) {
            if (!r.ok) { throw new Error("the app answered " + r.status + " " + r.statusText); }
            return r.text();
        }, function () {
            throw new Error("the app could not be reached");
        }).then(function (html) {
            if (popup.geoAsked !== asked || !popup.isConnected) { return; }
            // The app's own HTML, every value in it escaped (geo/render/popup.py).
            var holder = document.createElement("div");
            holder.innerHTML = html;
            var fresh = holder.querySelector(".geo-popup");
            if (!fresh) { throw new Error("the app sent no pop-up"); }
            popup.replaceWith(fresh);
            // The keyboard stays where it was: on the same button of the new page, or the other.
            var focus = fresh.querySelector('.geo-page[data-go="' + go + '"]') || fresh.querySelector(".geo-page");
            if (focus) { focus.focus({preventScroll: true}); }
        }).catch(function (error) {
            if (popup.geoAsked !== asked) { return; }
            button.removeAttribute("aria-busy");
            failed(button.parentNode, error.message);
        });
    }

    function failed(pager, why) {
        // Said as text, never as markup.
        var note = pager.querySelector(".geo-page-failed") || document.createElement("p");
        note.className = "geo-page-failed";
        note.setAttribute("role", "alert");
        note.textContent = "This page could not be fetched (" + why + "). Try again in a moment.";
        pager.appendChild(note);
    }
})(window.geoMap = window.geoMap || {});
