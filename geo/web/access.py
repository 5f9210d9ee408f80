"""Who may edit: editors signed in with st.login, or, with no sign-in set up, whoever reaches a loopback-bound server.

Secure by default: a server started for others (`--server.address 0.0.0.0`, or no address,
which Streamlit binds to every interface) with no sign-in configured is read-only.
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import ipaddress
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import streamlit as st

# The secrets.toml section that names the editors: [geo] editors = ["name@example.org", ...]
SETTINGS_SECTION = "geo"
EDITORS_KEY = "editors"
# The pop-up query's key that carries an editor's key.
POPUP_KEY = "key"
# How long a pop-up key handed to an editor's page stays good: at least this, at most an hour more.
KEY_LIFETIME_S = 3600
# Signs the keys that let an editor's map fetch pop-ups with drafts, where no sign-in's secret is
# set: new with each server process.
_PROCESS_SECRET = secrets.token_bytes(32)


@dataclass(frozen=True)
class Access:
    """What this visitor may do, and why."""

    editor: bool
    who: str | None  # the editor's e-mail, or the local user on a loopback-bound server
    sign_in: bool  # whether sign-in is configured
    signed_in: bool
    email: str | None  # the signed-in visitor's e-mail, editor or not


def current_access() -> Access:
    """The access of the visitor whose page is running."""
    if sign_in_configured():
        signed_in = bool(st.user.is_logged_in)
        email = vouched_email(st.user.to_dict()) if signed_in else None
        editor = email is not None and email in editors()
        return Access(editor=editor, who=email if editor else None, sign_in=True, signed_in=signed_in, email=email)
    local = loopback_bound(st.get_option("server.address"))
    return Access(editor=local, who=_local_user() if local else None, sign_in=False, signed_in=False, email=None)


def sign_in_configured() -> bool:
    """Whether secrets.toml sets up st.login (an [auth] section)."""
    return "auth" in _secrets()


def editors() -> frozenset[str]:
    """The editors' e-mails, as secrets.toml names them, in lower case."""
    section = _secrets().get(SETTINGS_SECTION) or {}
    named = section.get(EDITORS_KEY, ()) if isinstance(section, Mapping) else ()
    if isinstance(named, str):
        named = [named]
    return frozenset(str(e).strip().lower() for e in named if str(e).strip())


def loopback_bound(address: str | None) -> bool:
    """Whether a server address is a loopback one, reachable from this machine alone."""
    # No address binds every interface; a name other than localhost may resolve to anything.
    if not address:
        return False
    if address.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address.strip().strip("[]")).is_loopback
    except ValueError:
        return False


def popup_key(now: float | None = None) -> str:
    """A key that lets an editor's map fetch pop-ups with drafts, good for a while from this server."""
    # Whole hours: the key, and so the map's HTML, stays the same from one rerun to the next.
    hour = int(now if now is not None else time.time()) // 3600
    expires = (hour + 1) * 3600 + KEY_LIFETIME_S
    return f"{expires}.{_signature(expires)}"


def valid_popup_key(key: str | None, now: float | None = None) -> bool:
    """Whether a pop-up key is one this server handed out and has not expired."""
    expires, _, signature = (key or "").partition(".")
    if not expires.isdigit() or len(expires) > 12:
        return False
    fresh = int(expires) >= (now if now is not None else time.time())
    return fresh and hmac.compare_digest(signature, _signature(int(expires)))


def _signature(expires: int) -> str:
    """The signature of a key's expiry time."""
    return hmac.new(_key_secret(), f"drafts:{expires}".encode(), hashlib.sha256).hexdigest()


def _key_secret() -> bytes:
    """The secret pop-up keys are signed with: derived from sign-in's cookie secret where it is set."""
    # Servers behind one proxy share the cookie secret, so a key one hands out is good at the others.
    cookie_secret = (_secrets().get("auth") or {}).get("cookie_secret")
    if not cookie_secret:
        return _PROCESS_SECRET
    return hashlib.sha256(b"geo pop-up keys:" + str(cookie_secret).encode()).digest()


def vouched_email(user: Mapping[str, Any]) -> str | None:
    """A signed-in user's e-mail in lower case, if the provider vouches for it."""
    # An unverified e-mail is anyone's claim, and so is one a provider does not say it checked: some
    # let an account's owner set the address, which would let them name themselves an editor.
    if user.get("email_verified") is not True:
        return None
    email = user.get("email")
    return str(email).strip().lower() if email else None


def _secrets() -> Mapping[str, Any]:
    """The app's secrets, or none if there is no secrets file (or it cannot be read: then no sign-in)."""
    try:
        return st.secrets.to_dict()
    except FileNotFoundError:  # Streamlit's StreamlitSecretNotFoundError is one
        return {}


def _local_user() -> str:
    """Who works at this machine, for the history of what they change."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "local"
