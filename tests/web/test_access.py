"""Who may edit, and what a reader's requests can reach: never a draft, whatever they ask."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import pytest
from starlette.requests import Request

from geo.core.atlas import reviewed_only
from geo.data.load import load_atlas
from geo.web.access import KEY_LIFETIME_S, POPUP_KEY, loopback_bound, popup_key, valid_popup_key, vouched_email
from geo.web.routes import POPUP_PATH, place_popup
from tests.support.datafolder import ARTICLE, place, source, write_folder

DRAFT_TEXT = "Officials said the Beta crossing was open."
NEW_PLACE = "gamma"


def draft_folder(root: Path) -> Path:
    """A folder with a reviewed source and a draft that names its places and proposes one more."""
    draft = source(
        "draft-source",
        status="draft",
        proposed_places=[
            {**place(NEW_PLACE, "Gamma", 36.7, 35.7)["properties"], "lat": 35.7, "lon": 36.7},
        ],
    )
    draft["excerpts"][0]["places"] = ["alpha", NEW_PLACE]
    return write_folder(root, sources={"test-source": (source(), ARTICLE), "draft-source": (draft, ARTICLE)})


@pytest.mark.parametrize(
    ("address", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("LOCALHOST ", True),
        ("0.0.0.0", False),
        ("::", False),
        ("", False),
        (None, False),
        ("10.0.0.5", False),
        ("example.org", False),
        ("localhost.example.org", False),
    ],
)
def test_only_a_loopback_address_counts_as_this_machine_alone(address: str | None, loopback: bool) -> None:
    assert loopback_bound(address) is loopback


def test_a_pop_up_key_is_good_until_it_expires_and_cannot_be_forged() -> None:
    now = 1_800_000_000.0
    key = popup_key(now)
    assert valid_popup_key(key, now)
    assert valid_popup_key(key, now + KEY_LIFETIME_S), "good for at least its lifetime"
    assert not valid_popup_key(key, now + KEY_LIFETIME_S + 3 * 3600), "and not for ever"
    assert popup_key(now) == popup_key(now + 60), "the same within the hour, so the map's HTML stays the same"
    expires, _, signature = key.partition(".")
    later = str(int(expires) + 10 * 86400)
    for forged in (f"{later}.{signature}", f"{expires}.{'0' * 64}", expires, "", "x.y", f"{'9' * 40}.{signature}"):
        assert not valid_popup_key(forged, now), forged
    assert not valid_popup_key(None, now)


def test_a_readers_atlas_holds_no_draft(tmp_path: Path) -> None:
    atlas = load_atlas(draft_folder(tmp_path / "data"))
    reader = reviewed_only(atlas)
    assert set(reader.sources) == {"test-source"}
    assert {e.source for e in reader.excerpts} == {"test-source"}
    assert set(reader.articles) == {"test-source"}
    assert NEW_PLACE in atlas.places and NEW_PLACE not in reader.places, "a place only a draft proposes"
    assert reviewed_only(reader) is reader, "an atlas with no draft is its own reader's atlas"


def popup(query: dict[str, str]) -> tuple[int, str]:
    """The status and body of the pop-up route's answer to a query."""
    request = Request(
        {"type": "http", "method": "GET", "path": POPUP_PATH, "headers": [], "query_string": urlencode(query).encode()}
    )
    response = place_popup(request)
    return response.status_code, bytes(response.body).decode()


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"place": "beta-crossing"}, 200),
        ({"place": "beta-crossing", "drafts": "on"}, 403),
        ({"place": "beta-crossing", "drafts": "off"}, 403),
        ({"place": "beta-crossing", "drafts": "on", POPUP_KEY: "123.abc"}, 403),
        ({"place": "beta-crossing", "source": "draft-source"}, 400),
        ({"place": NEW_PLACE}, 400),
        ({"place": "beta-crossing", "page": "1"}, 200),
        ({"place": "beta-crossing", "page": "2"}, 400),
        ({"place": NEW_PLACE, "page": "1"}, 400),
        ({"place": "beta-crossing", "drafts": "on", "page": "1"}, 403),
    ],
)
def test_a_readers_pop_up_request_reaches_no_draft(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, query: dict[str, str], status: int
) -> None:
    monkeypatch.setenv("GEO_DATA_DIR", str(draft_folder(tmp_path / "data")))
    code, body = popup(query)
    assert code == status, body
    assert "geo-draft" not in body
    assert body.count("Beta crossing was open") <= 1, "the reviewed source's excerpt, not the draft's too"


def test_an_editors_pop_up_key_shows_the_drafts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GEO_DATA_DIR", str(draft_folder(tmp_path / "data")))
    code, body = popup({"place": NEW_PLACE, "drafts": "on", POPUP_KEY: popup_key()})
    assert code == 200, body
    assert "Gamma" in body and "geo-draft" in body


@pytest.mark.parametrize(
    ("user", "email"),
    [
        ({"email": "Editor@Example.org ", "email_verified": True}, "editor@example.org"),
        ({"email": "editor@example.org", "email_verified": False}, None),
        ({"email": "editor@example.org"}, None),
        ({"email": "editor@example.org", "email_verified": "true"}, None),
        ({"email_verified": True}, None),
    ],
)
def test_an_email_counts_only_when_the_provider_vouches_for_it(user: dict[str, object], email: str | None) -> None:
    assert vouched_email(user) == email
