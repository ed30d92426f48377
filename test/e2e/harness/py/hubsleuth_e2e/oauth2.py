"""A minimal OAuth-style authenticator for hubsleuth's end-to-end tests.

OAuthenticator is not packaged in Debian. What matters to hubsleuth is the hub log of a refused
OAuth login, and that is produced by JupyterHub and tornado, not by OAuthenticator: the core
`User 'x' not allowed.` and `Failed login for unknown user` lines, then tornado's `web:N` warning
and the `403 GET /hub/oauth_callback?...` access line once the callback raises
HTTPError(403, custom_403_message) as OAuthenticator 15+ does. This module copies that control
flow (state cookie, callback checks, 403) and nothing else.

There is no identity provider: the test driver plays it. The authorize URL points at
`idp.invalid`, which never resolves and is never fetched. The driver answers with an opaque-looking
code, `<random hex>.<base64url(username)>`, so the username does not appear in clear in the raw
URI that tornado's `web:` line prints (a real code would not contain it either).

The file is named oauth2.py so that its log lines carry `oauth2:N`, as OAuthenticator's do.
"""

import base64
import binascii
import json
import uuid

from jupyterhub.auth import Authenticator
from jupyterhub.handlers import BaseHandler
from jupyterhub.utils import url_path_join
from tornado import web
from tornado.httputil import url_concat
from traitlets import Unicode

STATE_COOKIE_NAME = "oauthenticator-state"


def _encode_state(state):
    return base64.urlsafe_b64encode(json.dumps(state).encode("utf8")).decode("ascii")


def _decode_state(b64):
    try:
        return json.loads(base64.urlsafe_b64decode(b64.encode("ascii")).decode("utf8"))
    except (ValueError, binascii.Error):
        return {}


def username_from_code(code):
    _, _, b64 = code.partition(".")
    try:
        return base64.urlsafe_b64decode(b64 + "=" * (-len(b64) % 4)).decode("utf8") or None
    except (ValueError, binascii.Error):
        return None


class OAuthLoginHandler(BaseHandler):
    def get(self):
        redirect_uri = self.authenticator.get_callback_url(self)
        self.log.info("OAuth redirect: %r", redirect_uri)
        state = _encode_state({"state_id": uuid.uuid4().hex, "next_url": self.get_argument("next", "")})
        self.set_secure_cookie(STATE_COOKIE_NAME, state, expires_days=1, httponly=True, path=self.hub.base_url)
        self.redirect(
            url_concat(
                self.authenticator.authorize_url,
                {
                    "response_type": "code",
                    "redirect_uri": redirect_uri,
                    "client_id": self.authenticator.client_id,
                    "state": state,
                    "scope": "openid email",
                },
            )
        )


class OAuthCallbackHandler(BaseHandler):
    def check_arguments(self):
        error = self.get_argument("error", False)
        if error:
            message = self.get_argument("error_description", error)
            raise web.HTTPError(400, f"OAuth error: {message}")
        if not self.get_argument("code", False):
            raise web.HTTPError(400, "OAuth callback made without a code")
        cookie_state = self.get_secure_cookie(STATE_COOKIE_NAME)
        url_state = self.get_argument("state", None)
        if not cookie_state:
            raise web.HTTPError(400, "OAuth state missing from cookies")
        if not url_state:
            raise web.HTTPError(400, "OAuth state missing from URL")
        cookie_state = cookie_state.decode("utf8", "replace")
        if cookie_state != url_state:
            self.log.warning("OAuth state mismatch: %s != %s", cookie_state, url_state)
            raise web.HTTPError(400, "OAuth state mismatch")

    async def get(self):
        self.check_arguments()
        state = _decode_state(self.get_argument("state"))
        self.clear_cookie(STATE_COOKIE_NAME, path=self.hub.base_url)
        user = await self.login_user()
        if user is None:
            raise web.HTTPError(403, self.authenticator.custom_403_message)
        next_url = state.get("next_url") or self.get_next_url(user)
        self.redirect(next_url)


class FakeOAuthenticator(Authenticator):
    login_service = Unicode("hubsleuth-fake-idp", config=True)
    authorize_url = Unicode("http://idp.invalid/authorize", config=True)
    client_id = Unicode("hubsleuth-e2e", config=True)
    custom_403_message = Unicode(
        "Sorry, you are not currently authorized to use this hub. Please contact the hub administrator.",
        config=True,
    )

    def login_url(self, base_url):
        return url_path_join(base_url, "oauth_login")

    def get_callback_url(self, handler):
        return f"{handler.request.protocol}://{handler.request.host}" + url_path_join(
            handler.hub.server.base_url, "oauth_callback"
        )

    def get_handlers(self, app):
        return [(r"/oauth_login", OAuthLoginHandler), (r"/oauth_callback", OAuthCallbackHandler)]

    async def authenticate(self, handler, data=None):
        code = handler.get_argument("code", "")
        name = username_from_code(code)
        if not name:
            return None
        return {"name": name, "auth_state": None}
