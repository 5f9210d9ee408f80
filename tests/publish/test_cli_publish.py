"""python -m geo publish: a site written, reported and replaced whole, and never over a folder it did not write."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from geo.cli import main
from geo.data.articles import ArticleTexts
from geo.publish import site as site_module
from geo.publish.embed import SITE_ADDRESS
from tests.support.datafolder import snapshot, write_folder


def _publish(*options: str) -> int:
    return main(["publish", *options])


def test_publish_writes_the_site_and_says_how_to_embed_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = write_folder(tmp_path / "data")
    out = tmp_path / "site"
    assert _publish("--out", str(out), "--data", str(data), "--title", "Alpha & Beta") == 0
    printed = capsys.readouterr().out
    assert str(out) in printed
    assert "2 places, 3 excerpts, 1 sources" in printed
    assert " MB, in " in printed
    assert (
        f'<iframe src="{SITE_ADDRESS}/index.html" title="Alpha &amp; Beta" width="100%" height="620" '
        'style="border:0" loading="lazy"></iframe>'
    ) in printed
    assert f"replace {SITE_ADDRESS}" in printed
    assert json.loads((out / "data" / "site.json").read_bytes())["title"] == "Alpha & Beta"


def test_base_url_goes_in_the_embed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = write_folder(tmp_path / "data")
    assert _publish("--out", str(tmp_path / "site"), "--data", str(data), "--base-url", "https://x.example/m/") == 0
    printed = capsys.readouterr().out
    assert '<iframe src="https://x.example/m/index.html"' in printed
    assert "replace" not in printed


def test_filters_and_links_narrow_the_site(tmp_path: Path) -> None:
    data = write_folder(tmp_path / "data")
    assert _publish("--out", str(tmp_path / "a"), "--data", str(data), "--voice", "government") == 0
    assert _publish("--out", str(tmp_path / "b"), "--data", str(data), "--link", "https://x/?voice=government") == 0
    for name in ("a", "b"):
        site = json.loads((tmp_path / name / "data" / "site.json").read_bytes())
        assert site["counts"] == {"places": 1, "excerpts": 1, "sources": 1}
        assert site["view"]["voice"] == ["government"]


def test_a_folder_publish_did_not_write_is_refused_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write_folder(tmp_path / "data")
    out = tmp_path / "mine"
    (out / "data").mkdir(parents=True)
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    # A site.json that is not a site's does not make the folder one.
    (out / "data" / "site.json").write_text("not json", encoding="utf-8")
    before = snapshot(out)
    assert _publish("--out", str(out), "--data", str(data)) == 1
    assert "error: " in capsys.readouterr().err
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "mine"]


def test_a_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = write_folder(tmp_path / "data")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert _publish("--out", str(tmp_path / "file"), "--data", str(data)) == 1
    assert "is a file" in capsys.readouterr().err


def test_a_previous_site_is_replaced_whole(tmp_path: Path) -> None:
    data = write_folder(tmp_path / "data")
    out = tmp_path / "site"
    out.mkdir()  # empty: taken
    assert _publish("--out", str(out), "--data", str(data)) == 0
    earlier = set(snapshot(out))
    assert json.loads((out / "data" / "files.json").read_bytes()) == sorted(earlier)
    assert _publish("--out", str(out), "--data", str(data), "--voice", "civilian") == 0
    now = set(snapshot(out))
    # The earlier site's files the new one does not write (the officials' search words) are gone.
    assert earlier - now
    assert json.loads((out / "data" / "files.json").read_bytes()) == sorted(now)
    assert json.loads((out / "data" / "site.json").read_bytes())["counts"]["excerpts"] == 1
    # Nothing is left beside it: neither the folder written nor the one replaced.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "site"]


@pytest.mark.parametrize(
    ("added", "named"),
    [
        (["CNAME", ".git/HEAD"], ".git/, CNAME"),
        (["data/claims/9999.json"], "data/claims/9999.json"),
        (["a", "b", "c", "d", "e"], "a, b, c and 2 more"),
    ],
)
def test_a_site_holding_files_publish_did_not_write_is_refused_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], added: list[str], named: str
) -> None:
    data = write_folder(tmp_path / "data")
    out = tmp_path / "site"
    assert _publish("--out", str(out), "--data", str(data)) == 0
    for path in added:
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text("someone else's", encoding="utf-8")
    before = snapshot(out)
    assert _publish("--out", str(out), "--data", str(data), "--voice", "civilian") == 1
    assert f"error: {out} holds {named}, which no publish wrote" in capsys.readouterr().err
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "site"]


def test_a_site_with_an_empty_folder_or_a_link_added_is_refused(tmp_path: Path) -> None:
    data = write_folder(tmp_path / "data")
    out = tmp_path / "site"
    assert _publish("--out", str(out), "--data", str(data)) == 0
    (out / ".git").mkdir()
    assert _publish("--out", str(out), "--data", str(data)) == 1
    (out / ".git").rmdir()
    # A link named as a file the site wrote is still not one it wrote.
    (out / "index.html").unlink()
    (out / "index.html").symlink_to(data / "places.geojson")
    assert _publish("--out", str(out), "--data", str(data)) == 1
    assert (out / "index.html").is_symlink() and (data / "places.geojson").exists()


def test_a_site_without_a_manifest_is_refused(tmp_path: Path) -> None:
    data = write_folder(tmp_path / "data")
    out = tmp_path / "site"
    assert _publish("--out", str(out), "--data", str(data)) == 0
    (out / "data" / "files.json").unlink()
    before = snapshot(out)
    assert _publish("--out", str(out), "--data", str(data)) == 1
    assert snapshot(out) == before


def test_a_failure_leaves_the_old_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write_folder(tmp_path / "data")
    out = tmp_path / "site"
    assert _publish("--out", str(out), "--data", str(data)) == 0
    before = snapshot(out)
    written = site_module.site_files

    def failing(*args: object) -> Iterator[site_module.SiteFile]:
        for number, item in enumerate(written(*args)):  # type: ignore[arg-type]
            if number == 5:
                raise OSError("disk full")
            yield item

    monkeypatch.setattr(site_module, "site_files", failing)
    assert _publish("--out", str(out), "--data", str(data), "--voice", "civilian") == 1
    assert f"error: disk full; {out} is as it was" in capsys.readouterr().err
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "site"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--source", "nope"], "error: source 'nope' is not known"),
        (["--tiles", "ftp://tiles.example/{z}/{x}/{y}.png"], "error: the tile URL must start with http"),
        (["--tiles", "https://tiles.example/{z}/{x}.png"], "lacks {y}"),
        (["--tiles", "https://t.org;connect-src *;x:/{z}/{x}/{y}.png"], "error: the tile URL may not hold"),
        (["--base-url", "javascript:alert(1)"], "error: --base-url must be"),
    ],
)
def test_a_bad_option_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str], message: str
) -> None:
    data = write_folder(tmp_path / "data")
    assert _publish("--out", str(tmp_path / "site"), "--data", str(data), *options) == 1
    assert message in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_a_faulty_data_folder_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = write_folder(tmp_path / "data")
    (data / "places.geojson").write_text("{broken", encoding="utf-8")
    assert _publish("--out", str(tmp_path / "site"), "--data", str(data)) == 1
    assert "places.geojson" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_publishing_to_the_current_folder_by_dot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write_folder(tmp_path / "data")
    out = tmp_path / "site"
    out.mkdir()
    monkeypatch.chdir(out)
    assert _publish("--out", ".", "--data", str(data)) == 0
    assert f"published {out}\n" in capsys.readouterr().out
    written = snapshot(out)
    assert json.loads(written["data/files.json"]) == sorted(written)
    # The folder is the site's now, so `.` names a site to replace.
    monkeypatch.chdir(out)
    assert _publish("--out", ".", "--data", str(data), "--voice", "civilian") == 0
    assert json.loads((out / "data" / "site.json").read_bytes())["counts"]["excerpts"] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "site"]


def test_publishing_by_a_relative_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = write_folder(tmp_path / "data")
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    assert _publish("--out", "site", "--data", str(data)) == 0
    assert _publish("--out", "../work/site", "--data", str(data), "--voice", "civilian") == 0
    assert _publish("--out", "site/data/..", "--data", str(data)) == 0
    assert json.loads((tmp_path / "work" / "site" / "data" / "site.json").read_bytes())["counts"]["excerpts"] == 3
    assert sorted(p.name for p in (tmp_path / "work").iterdir()) == ["site"]


def test_the_root_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = write_folder(tmp_path / "data")
    assert _publish("--out", "/", "--data", str(data)) == 1
    assert "error: / is the file system's root" in capsys.readouterr().err


def test_an_article_changed_while_publishing_is_named_and_the_old_site_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = write_folder(tmp_path / "data")
    out = tmp_path / "site"
    assert _publish("--out", str(out), "--data", str(data)) == 0
    before = snapshot(out)
    article = data / "sources" / "test-source.txt"
    read = ArticleTexts.__getitem__

    def changed_meanwhile(texts: ArticleTexts, source_id: str) -> str:
        # Edited after the load read the folder, before the site reads the article.
        article.write_text(article.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
        return read(texts, source_id)

    monkeypatch.setattr(ArticleTexts, "__getitem__", changed_meanwhile)
    capsys.readouterr()
    assert _publish("--out", str(out), "--data", str(data)) == 1
    printed = capsys.readouterr().err
    assert f"{article}: changed since the folder was read" in printed
    assert f"{out} is as it was" in printed
    assert snapshot(out) == before
