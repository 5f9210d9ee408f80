"""The test OpenID Connect provider: on its own, it holds a client to the code flow's rules; with the app, Streamlit's
/auth/login goes through it and back to an identity cookie naming whom it signed in.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import KeySet
from streamlit.web.server.starlette.starlette_app_utils import decode_signed_value

from tests.support.oidc import OIDCProvider, oidc_provider
from tests.support.server import ServerFactory
from tests.support.signin import COOKIE_SECRET, EDITOR, READER, USER_COOKIE, login_url, signin_app

CLIENT = ("a-client", "a-client-secret")
CALLBACK = "http://127.0.0.1:9/callback"  # never fetched: the tests read the redirect's Location


@pytest.fixture(scope="module")
def provider() -> Iterator[OIDCProvider]:
    """A provider alone, with one client registered."""
    with oidc_provider() as provider:
        provider.register(*CLIENT, CALLBACK)
        yield provider


@pytest.fixture(scope="module")
def signin_server(
    start_server: ServerFactory, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, OIDCProvider]]:
    """The app with sign-in through a provider, EDITOR its one editor."""
    # start_server is asked for so that the suite's guard holds these tests to the `server` mark.
    with signin_app(tmp_path_factory.mktemp("signin")) as pair:
        yield pair


def pkce() -> tuple[str, str]:
    """A code verifier and its S256 challenge."""
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def authorize(provider: OIDCProvider, **overrides: str | None) -> httpx.Response:
    """The authorization endpoint's answer to a code-flow request, parameters overridden (None drops one)."""
    params: dict[str, str | None] = {
        "response_type": "code",
        "client_id": CLIENT[0],
        "redirect_uri": CALLBACK,
        "scope": "openid email profile",
        "state": "the-state",
        # A nonce of its own: the provider refuses one that a code not yet exchanged carries.
        "nonce": secrets.token_urlsafe(16),
        "prompt": "select_account",
        "code_challenge": pkce()[1],
        "code_challenge_method": "S256",
    }
    params.update(overrides)
    return httpx.get(provider.metadata()["authorization_endpoint"], params={k: v for k, v in params.items() if v})


def redirect_query(response: httpx.Response) -> dict[str, str]:
    """The query of the redirect to the client's callback."""
    assert response.status_code == 302, response.text
    location = response.headers["location"]
    assert location.startswith(CALLBACK + "?"), location
    return {key: values[0] for key, values in parse_qs(urlsplit(location).query).items()}


def code_for(provider: OIDCProvider, challenge: str, nonce: str | None = None) -> str:
    """A code issued for the test client with this challenge (and nonce)."""
    query = redirect_query(authorize(provider, code_challenge=challenge, nonce=nonce or secrets.token_urlsafe(16)))
    assert query["state"] == "the-state"
    return query["code"]


def exchange(
    provider: OIDCProvider, code: str, verifier: str, auth: str = "basic", secret: str = CLIENT[1]
) -> httpx.Response:
    """The token endpoint's answer to a code, the client authenticated by HTTP Basic or in the form."""
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": CALLBACK, "code_verifier": verifier}
    token_endpoint = provider.metadata()["token_endpoint"]
    if auth == "basic":
        return httpx.post(token_endpoint, data=form, auth=(CLIENT[0], secret))
    return httpx.post(token_endpoint, data={**form, "client_id": CLIENT[0], "client_secret": secret})


def id_token_claims(provider: OIDCProvider, id_token: str) -> dict[str, Any]:
    """An id_token's claims, its RS256 signature checked against the provider's published keys."""
    keys = KeySet.import_key_set(httpx.get(provider.metadata()["jwks_uri"]).json())
    token = jwt.decode(id_token, keys, algorithms=["RS256"])
    claims: dict[str, Any] = token.claims
    return claims


def test_discovery_names_the_endpoints_and_asks_for_pkce(provider: OIDCProvider) -> None:
    metadata = httpx.get(provider.metadata_url).json()
    assert metadata["issuer"] == provider.issuer
    for endpoint in ("authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint"):
        assert metadata[endpoint].startswith(provider.issuer + "/")
    assert metadata["code_challenge_methods_supported"] == ["S256"]
    assert metadata["id_token_signing_alg_values_supported"] == ["RS256"]
    assert set(metadata["token_endpoint_auth_methods_supported"]) == {"client_secret_basic", "client_secret_post"}


@pytest.mark.parametrize("auth", ["basic", "post"])
def test_code_flow_gives_a_signed_id_token_for_the_chosen_identity(provider: OIDCProvider, auth: str) -> None:
    provider.sign_in_as = EDITOR
    verifier, challenge = pkce()
    nonce = secrets.token_urlsafe(16)
    response = exchange(provider, code_for(provider, challenge, nonce), verifier, auth)
    assert response.status_code == 200, response.text
    token = response.json()
    claims = id_token_claims(provider, token["id_token"])
    assert claims["iss"] == provider.issuer
    assert claims["aud"] == CLIENT[0]
    assert claims["nonce"] == nonce
    assert (claims["email"], claims["email_verified"]) == (EDITOR, True)
    assert provider.sign_ins[-1].auth_method == f"client_secret_{auth}"
    userinfo = httpx.get(
        provider.metadata()["userinfo_endpoint"], headers={"Authorization": f"Bearer {token['access_token']}"}
    )
    assert userinfo.json() == {"sub": claims["sub"], "email": EDITOR, "email_verified": True, "name": "Editor"}


def test_a_code_is_refused_with_the_wrong_verifier_and_used_only_once(provider: OIDCProvider) -> None:
    provider.sign_in_as = EDITOR
    verifier, challenge = pkce()
    code = code_for(provider, challenge)
    wrong = exchange(provider, code, pkce()[0])
    assert (wrong.status_code, wrong.json()["error"]) == (400, "invalid_grant")
    assert exchange(provider, code, verifier).status_code == 200
    again = exchange(provider, code, verifier)
    assert (again.status_code, again.json()["error"]) == (400, "invalid_grant")


def test_a_wrong_client_secret_is_refused(provider: OIDCProvider) -> None:
    provider.sign_in_as = EDITOR
    verifier, challenge = pkce()
    response = exchange(provider, code_for(provider, challenge), verifier, secret="not-the-secret")
    assert (response.status_code, response.json()["error"]) == (401, "invalid_client")


@pytest.mark.parametrize("missing", ["nonce", "code_challenge"])
def test_a_request_without_nonce_or_challenge_is_sent_back_with_an_error(provider: OIDCProvider, missing: str) -> None:
    provider.sign_in_as = EDITOR
    query = redirect_query(authorize(provider, **{missing: None}))
    assert query["error"] == "invalid_request"
    assert "code" not in query


def test_an_unregistered_redirect_uri_is_not_redirected_to(provider: OIDCProvider) -> None:
    response = authorize(provider, redirect_uri="http://127.0.0.1:9/elsewhere")
    assert response.status_code == 400
    assert "location" not in response.headers


def test_with_no_one_to_sign_in_the_client_is_told_access_denied(provider: OIDCProvider) -> None:
    provider.sign_in_as = None
    assert redirect_query(authorize(provider))["error"] == "access_denied"


def sign_in(client: httpx.Client, base_url: str) -> None:
    """Follow Streamlit's /auth/login, as st.login() sends a browser, through the provider and back."""
    response = client.get(login_url(base_url), follow_redirects=True)
    assert response.status_code == 200, response.text
    assert str(response.url).rstrip("/") == base_url, [str(r.url) for r in response.history]


def identity(client: httpx.Client) -> dict[str, Any]:
    """What Streamlit's signed identity cookie says, or {} if there is none."""
    value = client.cookies.get(USER_COOKIE)
    if value is None:
        return {}
    decoded = decode_signed_value(COOKIE_SECRET, USER_COOKIE, value.encode("latin-1"))
    assert decoded is not None, "the identity cookie is not signed with the cookie secret"
    found: dict[str, Any] = json.loads(decoded)
    return found


@pytest.mark.server
@pytest.mark.parametrize("email", [EDITOR, READER])
def test_streamlit_login_goes_through_the_provider_to_an_identity_cookie(
    signin_server: tuple[str, OIDCProvider], email: str
) -> None:
    base_url, provider = signin_server
    provider.sign_in_as = email
    with httpx.Client(timeout=30) as client:
        sign_in(client, base_url)
        user = identity(client)
        assert (user.get("email"), user.get("is_logged_in")) == (email, True), provider.log
        # Streamlit used what the provider asks of every client: PKCE with S256, and a nonce.
        last = provider.sign_ins[-1]
        assert (last.email, last.code_challenge_method, last.auth_method) == (email, "S256", "client_secret_basic")
        assert last.nonce


@pytest.mark.server
def test_streamlit_logout_drops_the_identity_cookie(signin_server: tuple[str, OIDCProvider]) -> None:
    base_url, provider = signin_server
    provider.sign_in_as = EDITOR
    with httpx.Client(timeout=30) as client:
        sign_in(client, base_url)
        assert identity(client).get("email") == EDITOR
        assert client.get(f"{base_url}/auth/logout", follow_redirects=True).status_code == 200
        assert identity(client) == {}


@pytest.mark.server
def test_streamlit_login_declined_at_the_provider_signs_no_one_in(signin_server: tuple[str, OIDCProvider]) -> None:
    base_url, provider = signin_server
    provider.sign_in_as = None
    with httpx.Client(timeout=30) as client:
        sign_in(client, base_url)
        assert identity(client) == {}
