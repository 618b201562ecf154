"""Create Rucio's tables, the base VO and the root account with Rucio's own tooling; SQLite gets WAL mode."""
import sqlite3

from rucio.common.config import config_get
from rucio.db.sqla.util import build_database, create_base_vo, create_root_account

url = config_get("database", "default")
build_database()
create_base_vo()
create_root_account()
if url.startswith("sqlite:///"):
    # Readers do not block the writer: the REST server and the daemons share one file.
    sqlite3.connect(url.removeprefix("sqlite:///").split("?")[0]).execute("PRAGMA journal_mode=WAL").close()
print("schema built")
