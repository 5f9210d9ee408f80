"""The app with sign-in set up: its secrets.toml's [auth] points at a test OpenID Connect provider.

The server runs on a copy of the bundled data (editors may change it) with its own secrets file,
given by `--secrets.files`, so no secrets.toml of the machine or the checkout is read.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from joserfc import jwt
from joserfc.jwk import OctKey

from geo.core.settings import BUNDLED_DATA
from tests.support.datafolder import data_folder
from tests.support.oidc import OIDCProvider, oidc_provider
from tests.support.server import streamlit_server

EDITOR = "editor@example.org"
READER = "reader@example.org"  # signs in, but is no editor
CLIENT_ID = "idlib-atlas-tests"
CLIENT_SECRET = "client-secret-for-the-tests-only"
# Signs Streamlit's identity cookie; joserfc warns of a key under 14 bytes.
COOKIE_SECRET = "cookie-secret-for-the-tests-only"
# The identity cookie Streamlit sets once the provider has vouched for someone.
USER_COOKIE = "_streamlit_user"
# st.login() with no provider named uses the flat [auth] keys, under this name.
DEFAULT_PROVIDER = "default"


def secrets_toml(provider: OIDCProvider, editors: Sequence[str]) -> str:
    """A secrets.toml whose [auth] signs in through the provider, and whose [geo] names the editors."""
    auth = {
        # Streamlit puts its own port for {port}: the file is written before the server has one.
        "redirect_uri": "http://127.0.0.1:{port}/oauth2callback",
        "cookie_secret": COOKIE_SECRET,
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "server_metadata_url": provider.metadata_url,
    }
    # A JSON string is a TOML basic string.
    lines = ["[auth]", *(f"{key} = {json.dumps(value)}" for key, value in auth.items())]
    lines += ["", "[geo]", f"editors = {json.dumps(list(editors))}"]
    return "\n".join(lines) + "\n"


def signin_data(root: Path) -> Path:
    """The data folder signin_app serves from under root."""
    return root / "data"


@contextmanager
def signin_app(
    root: Path,
    editors: Sequence[str] = (EDITOR,),
    prepare: Callable[[Path], object] | None = None,
) -> Iterator[tuple[str, OIDCProvider]]:
    """Run a provider and the app signing in through it, under root; yield (the app's URL, the provider)."""
    with oidc_provider() as provider:
        sources = tuple(sorted(path.stem for path in (BUNDLED_DATA / "sources").glob("*.yaml")))
        data = data_folder(signin_data(root), sources)
        if prepare is not None:
            # A test's own files (a draft, say) go in before the server starts, so its first run reads them.
            prepare(data)
        secrets_file = root / "secrets.toml"
        secrets_file.write_text(secrets_toml(provider, editors), encoding="utf-8")
        options = {"secrets.files": str(secrets_file)}
        with streamlit_server(data, root / "streamlit.log", options) as base_url:
            provider.register(CLIENT_ID, CLIENT_SECRET, f"{base_url}/oauth2callback")
            yield base_url, provider


def login_url(base_url: str, provider: str = DEFAULT_PROVIDER) -> str:
    """The URL st.login() sends the browser to: /auth/login with a short-lived token naming the provider."""
    # Streamlit signs the token with the cookie secret (HS256) and refuses it after two minutes.
    claims = {"provider": provider, "exp": int(time.time()) + 120}
    token = jwt.encode({"alg": "HS256"}, claims, OctKey.import_key(COOKIE_SECRET))
    return f"{base_url}/auth/login?provider={token}"
