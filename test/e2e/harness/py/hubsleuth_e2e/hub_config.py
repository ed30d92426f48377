# Body of the jupyterhub_config.py that test/e2e/harness/hub.ts writes into each temp dir.
# hub.ts prepends `PARAMS = {...}`; everything the hub binds or writes is taken from there,
# so one temp dir holds a complete, re-runnable hub (`jupyterhub -f <dir>/jupyterhub_config.py`).
# pylint: disable=undefined-variable
c = get_config()  # noqa: F821

P = PARAMS  # noqa: F821

# Loopback only: the public proxy, the proxy API and the hub itself.
c.JupyterHub.bind_url = f"http://127.0.0.1:{P['proxyPort']}/"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{P['proxyApiPort']}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{P['hubPort']}"
c.JupyterHub.hub_connect_url = f"http://127.0.0.1:{P['hubPort']}"
c.ConfigurableHTTPProxy.auth_token = P["proxyToken"]
c.ConfigurableHTTPProxy.pid_file = P["dir"] + "/jupyterhub-proxy.pid"

# State lives in the temp dir and survives restarts (same DB, same cookie secret), like a
# hub pod with a persistent volume.
c.JupyterHub.db_url = "sqlite:///" + P["dbPath"]
c.JupyterHub.cookie_secret_file = P["dir"] + "/jupyterhub_cookie_secret"
c.JupyterHub.pid_file = P["dir"] + "/jupyterhub.pid"
c.JupyterHub.log_level = P.get("logLevel", "INFO")

# Scenarios compress hours into seconds; with the default 30 s resolution a user active every
# few seconds would still look idle to a 15 s culler timeout.
c.JupyterHub.activity_resolution = P["activityResolution"]

c.Authenticator.allowed_users = set(P["allowedUsers"])
c.Authenticator.admin_users = set(P["adminUsers"])
if P.get("adminToken") and P["adminUsers"]:
    # The only config-level way to give a *user* a token in 3.0; it costs one
    # "pending deprecation" warning per start, which is itself real hub output.
    c.JupyterHub.api_tokens = {P["adminToken"]: P["adminUsers"][0]}

if P["auth"] == "oauth":
    from hubsleuth_e2e.oauth2 import FakeOAuthenticator

    c.JupyterHub.authenticator_class = FakeOAuthenticator
else:
    c.JupyterHub.authenticator_class = "dummy"
    c.DummyAuthenticator.password = P["password"]

services = []
roles = []
cu = P.get("culler")
if cu:
    argv = [
        "python3",
        "-m",
        cu["module"],
        f"--url=http://127.0.0.1:{P['hubPort']}/hub/api",
        f"--timeout={cu['timeout']}",
        f"--cull-every={cu['every']}",
        f"--concurrency={cu['concurrency']}",
    ]
    if cu["cullUsers"]:
        argv.append("--cull-users")
    argv += cu.get("extraArgs", [])
    services.append(
        {
            "name": "jupyterhub-idle-culler",
            "command": argv,
            "environment": {
                "PYTHONPATH": P["pythonPath"],
                "HUBSLEUTH_CULLER_RECORD": P["cullerRecordPath"],
                "TZ": "UTC",
                # lets the harness find and end this process by id if the hub dies first
                "HUBSLEUTH_E2E_RUN": P["runId"],
            },
        }
    )
    # The z2jh chart >= 2.0 role, verbatim.
    scopes = ["list:users", "read:users:activity", "read:servers", "delete:servers"]
    if cu["cullUsers"]:
        scopes.append("admin:users")
    roles.append({"name": "jupyterhub-idle-culler", "scopes": scopes, "services": ["jupyterhub-idle-culler"]})

c.JupyterHub.services = services
c.JupyterHub.load_roles = roles

extra = P.get("extraConfig")
if extra:
    exec(extra)  # noqa: S102 - test-only hook, text comes from the test code

# If the test runner dies without cleaning up (SIGKILL, OOM), shut the hub down in order, which
# also stops the proxy and the culler: no hub outlives the process that started it.
if P.get("parentPid"):
    import os as _os
    import signal as _signal
    import threading as _threading
    import time as _time

    def _watch_parent(pid=P["parentPid"]):
        while True:
            _time.sleep(1)
            try:
                _os.kill(pid, 0)
            except ProcessLookupError:
                _os.kill(_os.getpid(), _signal.SIGTERM)
                return
            except PermissionError:
                pass

    _threading.Thread(target=_watch_parent, name="hubsleuth-e2e-parent-watch", daemon=True).start()
