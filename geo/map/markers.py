"""The places layer of a map of markers: a marker each, named beside it, over the circle of its precision."""

from __future__ import annotations

import folium

from geo.core.atlas import Atlas, Selection, per_atlas
from geo.core.records import Place, PlaceKind
from geo.core.tallies import atlas_counts, page_at, tally_at
from geo.map.labels import label_sides
from geo.map.scripts import ScriptCall
from geo.map.symbols import CONTESTED_REACH_PX, MARKER_STYLES, contested_halo_svg, marker_svg, selected_halo_svg
from geo.render.popup import POPUP_PAGE, contested_tooltip_html, label_html, place_popup_html, tooltip_html


@per_atlas
def _contested_in_atlas(atlas: Atlas) -> set[str]:
    """The places that are contested when every source is in view, worked out once per atlas."""
    counts = atlas_counts(atlas)
    return {pid for pid in atlas.places if counts.at(pid).contested}


def place_marker(
    place: Place,
    selection: Selection,
    label_side: str,
    *,
    contested: bool,
    selected: bool,
    popup: bool = True,
    paged: bool = False,
) -> folium.Marker:
    """A marker drawn for its kind, named beside it, with tooltip and pop-up, ringed when it stands out."""
    # Without `popup` the marker is only drawn: its clicks fall through to the map beneath.
    # Its pop-up holds the first page of the place's excerpts; with `paged` it offers the
    # others, which the map's script fetches from the app's route (js/popup_pages.js).
    size = MARKER_STYLES[place.kind].size
    classes = f"geo-marker geo-kind-{place.kind.value} geo-place-{place.id} geo-label-{label_side}"
    # The selected ring goes first, so the contested ring is drawn over it.
    halos = (selected_halo_svg(size) if selected else "") + (contested_halo_svg(size) if contested else "")
    icon = folium.DivIcon(
        html=halos + marker_svg(place.kind) + label_html(place),
        icon_size=(size, size),
        icon_anchor=(size // 2, size // 2),
        class_name=classes + (" geo-contested" if contested else "") + (" geo-selected" if selected else ""),
    )
    if not popup:
        return folium.Marker(
            location=(place.lat, place.lon), icon=icon, interactive=False, z_index_offset=1000 if selected else 0
        )
    tooltip = contested_tooltip_html(place) if contested else tooltip_html(place)
    marker = folium.Marker(
        location=(place.lat, place.lon),
        icon=icon,
        popup=folium.Popup(
            place_popup_html(
                place,
                tally_at(selection, place.id),
                page_at(selection, place.id, 0, POPUP_PAGE),
                selection.atlas.sources,
                paged=paged,
            ),  # fmt: skip
            # Narrow enough to leave a half-width map some of its view; the panel has the room.
            max_width=380,
            min_width=260,
            # The selected place's pop-up reopens on every rerun; panning to it each time would
            # undo the reader's view on every filter change. A click has panned to it already.
            auto_pan=not selected,
        ),
        tooltip=folium.Tooltip(tooltip, sticky=False),
        # The selected place is drawn over its neighbours.
        z_index_offset=1000 if selected else 0,
    )
    if selected:
        # A click reruns the page, which redraws the layer with the place selected: its
        # pop-up is opened again, in view until the reader moves the map (js/open_on_add.js).
        ScriptCall("openOnAdd").add_to(marker)
    return marker


def precision_circle(place: Place) -> folium.Circle:
    """A dashed circle as wide as the point may be off, which lets clicks through to the markers."""
    colour = MARKER_STYLES[place.kind].colour
    circle = folium.Circle(
        location=(place.lat, place.lon),
        radius=place.precision_m,
        color=colour,
        weight=1.5,
        opacity=0.8,
        dash_array="5 4",
        fill_color=colour,
        fill_opacity=0.06,
        class_name=f"geo-precision geo-precision-{place.id}",
    )
    circle.options["interactive"] = False  # folium's Circle drops this Leaflet option
    return circle


def places_layer(
    selection: Selection, zoom: int, selected: str | None = None, *, popups: str | None = None, query: str = ""
) -> folium.FeatureGroup:
    """The markers of the places in view, their labels placed for the given zoom, over their precision.

    Each pop-up holds a page of its place's excerpts; with the URL of the app's pop-up route,
    it fetches the others under the filters of the query, as the page's link gives them.
    """
    layer = folium.FeatureGroup(name="Places")
    atlas = selection.atlas
    # Sides are worked out over the whole atlas, so that a label does not jump when a
    # filter hides its neighbours; a place that may be contested makes room for its halo.
    may_be_contested = _contested_in_atlas(atlas)
    sides = label_sides(
        atlas.places.values(),
        zoom,
        lambda p: MARKER_STYLES[p.kind].size + (2 * CONTESTED_REACH_PX if p.id in may_be_contested else 0),
    )
    # A region's or a country's point is only a nominal centre and its precision the size of
    # the whole area, so a circle would claim a shape the area does not have.
    for place in selection.places:
        if place.kind not in (PlaceKind.REGION, PlaceKind.COUNTRY):
            precision_circle(place).add_to(layer)
    paged = popups is not None
    for place in selection.places:
        contested = tally_at(selection, place.id).contested
        marker = place_marker(
            place, selection, sides[place.id], contested=contested, selected=place.id == selected, paged=paged
        )
        marker.add_to(layer)
    # Enter on a focused marker counts as the click the page listens for (js/enter_clicks.js).
    ScriptCall("clickOnEnter").add_to(layer)
    # Sent with every run, as the filters may have changed (js/popup_pages.js).
    ScriptCall("pagePopups", popups, query, on_parent=False).add_to(layer)
    return layer
