"""HTTP handlers the server extension adds under <base_url>/rucio-catalog/."""

from __future__ import annotations

import json

import tornado.web
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join

from .config import RucioCatalog


class ConfigHandler(APIHandler):
    """GET: the extension's server-side configuration, for the signed-in Jupyter user only."""

    def initialize(self, catalog_config: RucioCatalog) -> None:
        self.catalog_config = catalog_config

    @tornado.web.authenticated
    def get(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(self.catalog_config.as_json()))


def setup_handlers(server_app) -> None:  # noqa: ANN001 - jupyter_server.serverapp.ServerApp
    web_app = server_app.web_app
    catalog_config = RucioCatalog(parent=server_app)
    route = url_path_join(web_app.settings["base_url"], "rucio-catalog", "config")
    web_app.add_handlers(".*$", [(route, ConfigHandler, {"catalog_config": catalog_config})])
