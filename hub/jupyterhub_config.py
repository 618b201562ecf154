"""JupyterHub for a SWAN-like Rucio Catalog: each user's JupyterLab with the extension, and the portal as a
hub-managed service under /services/rucio-catalog/, all behind the hub's proxy on one origin.

scripts/hub.sh starts the hub with this file and sets the environment read here. Who may sign in, with
which password, and as which Rucio identity their Jupyter server works, is configuration: the users file
(HUB_USERS_FILE, hub/demo-users.json in the demo).
"""

import hmac
import json
import os
from pathlib import Path

from jupyterhub.auth import Authenticator
from jupyterhub.spawner import SimpleLocalProcessSpawner

c = get_config()  # noqa: F821 (defined by JupyterHub when it loads this file)

STATE = Path(os.environ["HUB_STATE_DIR"])
USERS = json.loads(Path(os.environ["HUB_USERS_FILE"]).read_text())
HUB_PORT = int(os.environ["HUB_PORT"])
SERVICE_NAME = os.environ.get("HUB_PORTAL_SERVICE", "rucio-catalog")


class UsersFileAuthenticator(Authenticator):
    """Each user of the users file with their own password (no shared password: nobody signs in as another)."""

    async def authenticate(self, handler, data):
        user = USERS.get(data.get("username", ""))
        if user and hmac.compare_digest(user["password"].encode(), data.get("password", "").encode()):
            return data["username"]
        return None


c.JupyterHub.authenticator_class = UsersFileAuthenticator
c.Authenticator.allowed_users = set(USERS)

c.JupyterHub.bind_url = f"http://127.0.0.1:{HUB_PORT}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{os.environ['HUB_API_PORT']}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{os.environ['HUB_PROXY_API_PORT']}"
c.ConfigurableHTTPProxy.command = [os.environ["HUB_PROXY_COMMAND"]]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "cookie-secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
# Sessions outlive a hub restart: the servers it spawned are stopped with it (scripts/hub.sh --stop).
c.JupyterHub.cleanup_servers = True


def rucio_setting(key):
    return lambda spawner: USERS[spawner.user.name]["rucio"][key]


# Without system users: every server runs as the account that runs the hub, each in a home of its own.
c.JupyterHub.spawner_class = SimpleLocalProcessSpawner
c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "home" / "{username}")
c.Spawner.cmd = [os.environ["HUB_SINGLEUSER_COMMAND"]]
c.Spawner.default_url = "/lab"
# In a container the hub often runs as root, which Jupyter Server refuses unless told.
if os.geteuid() == 0:
    c.Spawner.args = ["--ServerApp.allow_root=True"]
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 120
# The session environment SWAN's spawner would give (RSE mount, instance) and the portal's public URL.
c.Spawner.env_keep = [
    "PATH",
    "LANG",
    "TMPDIR",
    "RUCIO_HOST",
    "RUCIO_CATALOG_PORTAL_URL",
    "RUCIO_CATALOG_MODE",
    *(name for name in os.environ if name.startswith("SWAN_RUCIO_")),
]
c.Spawner.environment = {
    "RUCIO_ACCOUNT": rucio_setting("account"),
    "RUCIO_USERNAME": rucio_setting("username"),
    "RUCIO_PASSWORD": rucio_setting("password"),
}

# The portal: started and restarted by the hub, reached through the proxy at /services/rucio-catalog/.
PORTAL_ENV_PREFIXES = ("RUCIO_", "PORTAL_", "NEXTAUTH_", "CATALOG_", "STAGING_", "SEARCH_", "NEXT_", "BROKER_")
c.JupyterHub.services = [
    {
        "name": SERVICE_NAME,
        "url": f"http://127.0.0.1:{os.environ['PORTAL_PORT']}",
        "command": ["bash", os.environ["HUB_PORTAL_COMMAND"], "--foreground"],
        "environment": {
            name: value
            for name, value in os.environ.items()
            if name.startswith(PORTAL_ENV_PREFIXES) or name in ("DATABASE_URL", "HOME", "TMPDIR")
        },
    }
]
