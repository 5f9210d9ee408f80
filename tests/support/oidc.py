"""A small OpenID Connect provider for the sign-in tests, on a free loopback port, with no login form.

It is Authlib's own authorization server (the code grant with its OpenID Connect and PKCE
extensions, and its client authentication) over the standard library's http.server, run in a
thread. Authlib's server, rather than a hand-written one, because it checks what a real provider
checks: the registered redirect URI, the client's secret (HTTP Basic or in the form), the code
verifier against the challenge, a code used once, the nonce carried into the id_token. So a
sign-in that passes here has done what Google or Keycloak would ask of it; the glue Authlib
leaves to a web framework (read a request, write a response) is a few lines. This provider asks
more than most: a nonce and an S256 code challenge on every request, so a test shows Streamlit
sends them.

Whoever is signed in is the test's choice: `sign_in_as` is the e-mail the next sign-in approves
(None: the visitor declines, and the client gets `access_denied`). Nothing leaves the machine:
the keys are made at start, the id_token is RS256 with the key the JWKS publishes.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import traceback
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from authlib.common.security import generate_token
from authlib.oauth2 import AuthorizationServer, OAuth2Error, OAuth2Request
from authlib.oauth2.rfc6749 import ClientMixin, InvalidRequestError, OAuth2Payload, list_to_scope, scope_to_list
from authlib.oauth2.rfc6749.grants import AuthorizationCodeGrant
from authlib.oauth2.rfc6750 import BearerTokenGenerator
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import AuthorizationCodeMixin, UserInfo
from authlib.oidc.core.grants import OpenIDCode
from joserfc.jwk import RSAKey

SCOPES = ("openid", "email", "profile")
AUTH_METHODS = ("client_secret_basic", "client_secret_post")
# The endpoints' paths, as the discovery document names them.
DISCOVERY_PATH = "/.well-known/openid-configuration"
AUTHORIZE_PATH = "/authorize"
TOKEN_PATH = "/token"
JWKS_PATH = "/jwks"
USERINFO_PATH = "/userinfo"
KEY_ID = "test-signing-key"
KEY_PARAMETERS = {"kid": KEY_ID, "use": "sig", "alg": "RS256"}


@dataclass(frozen=True)
class Identity:
    """Someone the provider vouches for."""

    email: str

    @property
    def sub(self) -> str:
        """An opaque, stable subject identifier, as real providers give."""
        return hashlib.sha256(self.email.encode()).hexdigest()[:24]

    @property
    def name(self) -> str:
        """A display name made from the e-mail's local part."""
        return self.email.partition("@")[0].replace(".", " ").title()


@dataclass(frozen=True)
class Client(ClientMixin):
    """A registered relying party: a confidential client of the code flow."""

    client_id: str
    client_secret: str
    redirect_uris: tuple[str, ...]

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str:
        return self.redirect_uris[0]

    def get_allowed_scope(self, scope: str | None) -> str:
        return str(list_to_scope([s for s in scope_to_list(scope) or [] if s in SCOPES]))

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.redirect_uris

    def check_client_secret(self, client_secret: str) -> bool:
        return hmac.compare_digest(client_secret.encode(), self.client_secret.encode())

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method in AUTH_METHODS

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == "authorization_code"


@dataclass(frozen=True)
class AuthorizationCode(AuthorizationCodeMixin):
    """A code issued at the authorization endpoint, waiting to be exchanged once."""

    code: str
    client_id: str
    redirect_uri: str
    scope: str
    user: Identity
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str | None:
        return self.nonce

    def get_auth_time(self) -> None:
        return None


@dataclass(frozen=True)
class SignIn:
    """A sign-in completed at the token endpoint: who, and how the client proved itself."""

    email: str
    client_id: str
    auth_method: str  # client_secret_basic or client_secret_post
    nonce: str | None
    code_challenge_method: str | None


class _Payload(OAuth2Payload):
    """A request's parameters, the query's and the form's together, as Authlib reads them."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self._datalist: defaultdict[str, list[str]] = defaultdict(list)
        for key, value in pairs:
            self._datalist[key].append(value)
        self._data = {key: values[0] for key, values in self._datalist.items()}

    @property
    def data(self) -> dict[str, str]:
        return self._data

    @property
    def datalist(self) -> defaultdict[str, list[str]]:
        return self._datalist


class _Request(OAuth2Request):
    """An HTTP request as Authlib's server takes it."""

    def __init__(self, method: str, uri: str, headers: Any, form: list[tuple[str, str]]) -> None:
        super().__init__(method, uri, headers=headers)
        query = parse_qsl(urlsplit(uri).query, keep_blank_values=True)
        self.payload = _Payload(query + form)
        self._args = dict(query)
        self._form = dict(form)

    @property
    def args(self) -> dict[str, str]:
        return self._args

    @property
    def form(self) -> dict[str, str]:
        return self._form


class _CodeGrant(AuthorizationCodeGrant):
    """The authorization code grant, its codes kept by the provider."""

    TOKEN_ENDPOINT_AUTH_METHODS = list(AUTH_METHODS)

    def save_authorization_code(self, code: str, request: _Request) -> None:
        data = request.payload.data
        self.server.provider.codes[code] = AuthorizationCode(
            code=code,
            client_id=request.client.client_id,
            redirect_uri=request.payload.redirect_uri,
            scope=request.scope,
            user=request.user,
            nonce=data.get("nonce"),
            code_challenge=data.get("code_challenge"),
            code_challenge_method=data.get("code_challenge_method"),
        )

    def query_authorization_code(self, code: str, client: Client) -> AuthorizationCode | None:
        found: AuthorizationCode | None = self.server.provider.codes.get(code)
        return found if found is not None and found.client_id == client.client_id else None

    def delete_authorization_code(self, authorization_code: AuthorizationCode) -> None:
        self.server.provider.codes.pop(authorization_code.code, None)

    def authenticate_user(self, authorization_code: AuthorizationCode) -> Identity:
        return authorization_code.user


class _RequiredS256(CodeChallenge):
    """PKCE with S256 on every authorization request: the provider advertises S256 alone."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]

    def validate_code_challenge(self, grant: _CodeGrant, redirect_uri: str) -> None:
        # Authlib asks a confidential client for no challenge; this provider does, to show one is sent.
        if not grant.request.payload.data.get("code_challenge"):
            raise InvalidRequestError("Missing 'code_challenge': this provider requires PKCE (S256).")
        super().validate_code_challenge(grant, redirect_uri)


class _OpenIDCode(OpenIDCode):
    """The OpenID Connect part of the code grant: an RS256 id_token with the nonce and the user's claims."""

    def __init__(self, provider: OIDCProvider) -> None:
        super().__init__(require_nonce=True)
        self.provider = provider

    def exists_nonce(self, nonce: str, request: _Request) -> bool:
        return any(code.nonce == nonce for code in self.provider.codes.values())

    def resolve_client_private_key(self, client: Client) -> RSAKey:
        return self.provider.key

    def get_client_algorithm(self, client: Client) -> str:
        return "RS256"

    def get_encode_header(self, client: Client) -> dict[str, str]:
        return {"alg": "RS256", "kid": KEY_ID}

    def get_client_claims(self, client: Client) -> dict[str, Any]:
        return {"iss": self.provider.issuer, "aud": client.client_id}

    def generate_user_info(self, user: Identity, scope: str) -> UserInfo:
        return self.provider.user_info(user, scope)


class _Server(AuthorizationServer):
    """Authlib's authorization server bound to the provider's clients and tokens."""

    def __init__(self, provider: OIDCProvider) -> None:
        super().__init__(scopes_supported=list(SCOPES))
        self.provider = provider
        self.register_token_generator("default", BearerTokenGenerator(lambda **_: generate_token(42)))
        self.register_grant(_CodeGrant, [_OpenIDCode(provider), _RequiredS256(required=True)])

    def query_client(self, client_id: str) -> Client | None:
        return self.provider.clients.get(client_id)

    def save_token(self, token: dict[str, Any], request: _Request) -> None:
        code: AuthorizationCode = request.authorization_code
        self.provider.access_tokens[token["access_token"]] = (request.user, token["scope"])
        self.provider.sign_ins.append(
            SignIn(
                email=request.user.email,
                client_id=request.client.client_id,
                auth_method=request.auth_method,
                nonce=code.nonce,
                code_challenge_method=code.code_challenge_method,
            )
        )

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        """No one listens for Authlib's signals here."""

    def create_oauth2_request(self, request: _Request) -> _Request:
        return request

    def handle_response(self, status: int, body: Any, headers: list[tuple[str, str]]) -> tuple[int, Any, list]:
        return status, body, headers


@dataclass
class OIDCProvider:
    """The provider's state: its key, clients, codes and tokens, and whom it signs in next."""

    issuer: str = ""
    sign_in_as: str | None = None
    # The rest stays out of the repr, which a failed assertion prints.
    key: RSAKey = field(repr=False, default_factory=lambda: RSAKey.generate_key(2048, KEY_PARAMETERS))
    clients: dict[str, Client] = field(repr=False, default_factory=dict)
    codes: dict[str, AuthorizationCode] = field(repr=False, default_factory=dict)
    access_tokens: dict[str, tuple[Identity, str]] = field(repr=False, default_factory=dict)
    sign_ins: list[SignIn] = field(repr=False, default_factory=list)
    # What each request got, and the traceback of any that failed, for a failure report.
    log: list[str] = field(repr=False, default_factory=list)
    # One request at a time: the handler threads share the codes and tokens.
    lock: threading.Lock = field(repr=False, default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.server = _Server(self)

    @property
    def metadata_url(self) -> str:
        """The discovery document's URL: secrets.toml's server_metadata_url."""
        return self.issuer + DISCOVERY_PATH

    def register(self, client_id: str, client_secret: str, *redirect_uris: str) -> Client:
        """Register a client (or replace it) with the redirect URIs it may use."""
        client = Client(client_id, client_secret, tuple(redirect_uris))
        self.clients[client_id] = client
        return client

    def metadata(self) -> dict[str, Any]:
        """The discovery document."""
        return {
            "issuer": self.issuer,
            "authorization_endpoint": self.issuer + AUTHORIZE_PATH,
            "token_endpoint": self.issuer + TOKEN_PATH,
            "jwks_uri": self.issuer + JWKS_PATH,
            "userinfo_endpoint": self.issuer + USERINFO_PATH,
            "scopes_supported": list(SCOPES),
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": list(AUTH_METHODS),
            "code_challenge_methods_supported": ["S256"],
            "claims_supported": ["sub", "iss", "aud", "exp", "iat", "nonce", "email", "email_verified", "name"],
        }

    def jwks(self) -> dict[str, Any]:
        """The public signing key, as the JWKS endpoint serves it."""
        return {"keys": [self.key.as_dict(private=False)]}

    def user_info(self, user: Identity, scope: str) -> UserInfo:
        """The claims about a user that a scope grants, for the id_token and the userinfo endpoint."""
        scopes = scope_to_list(scope) or []
        claims: dict[str, Any] = {"sub": user.sub}
        if "email" in scopes:
            claims.update(email=user.email, email_verified=True)
        if "profile" in scopes:
            claims["name"] = user.name
        return UserInfo(claims)

    def authorize(self, request: _Request) -> tuple[int, Any, list]:
        """The authorization endpoint: approve the chosen identity at once, or decline if there is none."""
        user = Identity(self.sign_in_as) if self.sign_in_as else None
        try:
            grant = self.server.get_consent_grant(request, end_user=user)
        except OAuth2Error as error:
            return self.server.handle_error_response(request, error)
        return self.server.create_authorization_response(request, grant_user=user, grant=grant)

    def userinfo(self, request: _Request) -> tuple[int, Any, list]:
        """The userinfo endpoint, for a bearer access token."""
        kind, _, token = (request.headers.get("Authorization") or "").partition(" ")
        found = self.access_tokens.get(token) if kind.lower() == "bearer" else None
        if found is None:
            return 401, {"error": "invalid_token"}, [("WWW-Authenticate", 'Bearer error="invalid_token"')]
        user, scope = found
        return 200, dict(self.user_info(user, scope)), []


def _handler(provider: OIDCProvider) -> type[BaseHTTPRequestHandler]:
    """A request handler class serving the provider's endpoints."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self._serve([])

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8")
            self._serve(parse_qsl(body, keep_blank_values=True))

        def _serve(self, form: list[tuple[str, str]]) -> None:
            try:
                with provider.lock:
                    status, body, headers = self._route(form)
            except Exception:
                # The client sees a 500; the test's failure report shows why.
                provider.log.append(traceback.format_exc())
                status, body, headers = 500, {"error": "server_error"}, []
            payload = body if isinstance(body, str) else json.dumps(body)
            self.send_response(status)
            names = {name.lower() for name, _ in headers}
            if payload and "content-type" not in names:
                self.send_header("Content-Type", "application/json")
            for name, value in headers:
                self.send_header(name, value)
            data = payload.encode("utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _route(self, form: list[tuple[str, str]]) -> tuple[int, Any, list]:
            path = urlsplit(self.path).path
            request = _Request(self.command, provider.issuer + self.path, self.headers, form)
            if self.command == "GET" and path == DISCOVERY_PATH:
                return 200, provider.metadata(), []
            if self.command == "GET" and path == JWKS_PATH:
                return 200, provider.jwks(), []
            if self.command == "GET" and path == AUTHORIZE_PATH:
                return provider.authorize(request)
            if self.command == "POST" and path == TOKEN_PATH:
                return provider.server.create_token_response(request)
            if path == USERINFO_PATH:
                return provider.userinfo(request)
            return 404, {"error": "not_found"}, []

        def log_message(self, format: str, *args: Any) -> None:
            provider.log.append(format % args)

    return Handler


@contextmanager
def oidc_provider(sign_in_as: str | None = None) -> Iterator[OIDCProvider]:
    """Run a provider on a free port of 127.0.0.1 in a thread; yield it, and stop it after."""
    provider = OIDCProvider(sign_in_as=sign_in_as)
    # Port 0: the system picks a free port as it binds, so no other process can take it first.
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(provider))
    httpd.daemon_threads = True
    provider.issuer = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, name="oidc-provider", daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()
