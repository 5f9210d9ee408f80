"""Web Mercator: pixels at a zoom, and no failure at the poles."""

import pytest

from geo.map.projection import MAX_LATITUDE, latitude, mercator_y, pixel


@pytest.mark.parametrize(
    ("lat", "lon", "zoom", "expected"),
    [
        (0.0, 0.0, 0, (128.0, 128.0)),
        (0.0, -180.0, 1, (0.0, 256.0)),
        (MAX_LATITUDE, 180.0, 0, (256.0, 0.0)),
    ],
)
def test_pixel(lat: float, lon: float, zoom: int, expected: tuple[float, float]) -> None:
    x, y = pixel(lat, lon, zoom)
    assert (round(x, 6), round(y, 6)) == expected


@pytest.mark.parametrize("lat", [-90.0, 90.0, 89.9])
def test_poles_are_clamped_not_fatal(lat: float) -> None:
    assert abs(latitude(mercator_y(lat))) == pytest.approx(MAX_LATITUDE)


@pytest.mark.parametrize("lat", [-60.0, 0.0, 35.64, 80.0])
def test_latitude_inverts_mercator_y(lat: float) -> None:
    assert latitude(mercator_y(lat)) == pytest.approx(lat)
