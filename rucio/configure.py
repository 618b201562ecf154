"""Write the local Rucio's configuration files under $RUCIO_STATE (server, alembic, one client file per account).

Database: SQLite file by default; RUCIO_DB_URL (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/rucio) overrides.
Messages: hermes sends them to scripts/broker.sh's STOMP port (BROKER_STOMP_PORT), on /topic/rucio.events.<instance>.
"""
import os
import sys
import sysconfig
from pathlib import Path

from demo_accounts import ACCOUNTS

state = Path(os.environ["RUCIO_STATE"]).resolve()
port = int(os.environ.get("RUCIO_PORT", "8080"))
# timeout: how long a SQLite connection waits for another process's write lock (the server and daemons share the file)
db_url = os.environ.get("RUCIO_DB_URL") or f"sqlite:///{state / 'rucio.db'}?timeout=30"
stomp_port = int(os.environ.get("BROKER_STOMP_PORT", "61613"))
# The portal's name for this instance (scripts/lib.sh export_demo_instances): "cms" for the cms demo data.
instance = "cms" if os.environ.get("RUCIO_DEMO") == "cms" else "default"
site_packages = Path(sysconfig.get_paths()["purelib"])
etc = state / "etc"
etc.mkdir(parents=True, exist_ok=True)
(state / "logs").mkdir(exist_ok=True)


def client_section(name: str) -> str:
    """The [client] section that signs in to this Rucio as demo account `name` with its userpass identity."""
    account = ACCOUNTS[name]
    return f"""[client]
rucio_host = http://127.0.0.1:{port}
auth_host = http://127.0.0.1:{port}
auth_type = userpass
username = {account['username']}
password = {account['password']}
account = {name}
request_retries = 2
"""


root = ACCOUNTS["root"]
server_cfg = f"""[common]
logdir = {state / 'logs'}
loglevel = INFO

[database]
default = {db_url}
pool_reset_on_return = rollback
echo = 0
pool_recycle = 600

[alembic]
cfg = {etc / 'alembic.ini'}

[bootstrap]
userpass_identity = {root['username']}
userpass_pwd = {root['password']}
userpass_email = root@rucio-catalog.local

[api]
endpoints_remove = credentials

[conveyor]
scheme = file,mock
transfertool = mock
ftshosts = mock://localhost
cacert = /dev/null
usercert = /dev/null

{client_section("root")}
[policy]
permission = generic
schema = generic
lfn2pfn_algorithm_default = hash

[monitor]
enable_metrics = False

[hermes]
services_list = activemq

[messaging-hermes]
elastic_endpoint =
brokers = 127.0.0.1
port = {stomp_port}
nonssl_port = {stomp_port}
use_ssl = False
username = guest
password = guest
destination = /topic/rucio.events.{instance}
# stomp.py sends the broker's address as the STOMP host header, which RabbitMQ takes for the virtual host.
broker_virtual_host = /

[trace]
tracedir = {state / 'traces'}
"""
(etc / "rucio.cfg").write_text(server_cfg)

alembic_ini = f"""[alembic]
script_location = {site_packages / 'rucio/db/sqla/migrate_repo'}
sqlalchemy.url = {db_url}

[loggers]
keys = root

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = WARN
handlers = console

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[formatter_generic]
format = %(levelname)-5.5s [%(name)s] %(message)s
"""
(etc / "alembic.ini").write_text(alembic_ini)

for name in ACCOUNTS:
    (etc / f"client-{name}.cfg").write_text(f"""[common]
logdir = {state / 'logs'}
loglevel = WARNING

{client_section(name)}client_x509_proxy =
""")

print(f"configured Rucio in {etc} (database {db_url.split('@')[-1]})", file=sys.stderr)
