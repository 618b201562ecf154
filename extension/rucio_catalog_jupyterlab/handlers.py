"""HTTP handlers the server extension adds under <base_url>/rucio-catalog/.

Every route needs an authenticated Jupyter user whom the server's Authorizer allows the action (read or
write) on the route's resource, and APIHandler applies jupyter_server's XSRF check to
cookie-authenticated writes. The resources let an operator grant each separately, e.g. to read-only
collaborators on a shared server:
- `rucio_catalog`: the configuration and what is staged where (read, though paths and state are POSTs);
- `rucio_catalog_staging`: rules and downloads made with this server's Rucio credentials;
- `rucio_catalog_portal_sign_in`: signing the panel in to the portal as this server's Rucio user.
Bodies are validated here; Rucio is called from a thread so a slow Rucio never blocks the server.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any, Callable

import requests
import tornado.web
from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join
from rucio.common.exception import RucioException

from .config import RucioCatalog
from .downloads import DownloadManager
from .local_check import check_download_folder
from .paths import MountMappingError, UnsafePathError
from .portal_sign_in import PortalRefused, fresh_token, parse_sign_in_request, sign_in_url
from .requests_validation import BadRequest, parse_dataset, parse_portal_target, parse_session_settings
from .rucio_access import RucioConnection, RucioNotConfigured, rucio_error_text
from .session import SessionNotConfigured, create_rule, dataset_state, local_paths
from .sign_in_renewal import SignInRenewer

# What the browser is told about an error nobody foresaw: its text may hold paths, credentials or code.
UNEXPECTED_ERROR_MESSAGE = "internal error in the Rucio Catalog server extension; the Jupyter server log has the details"


class DownloadNotFound(Exception):
    pass


@dataclass(frozen=True)
class ErrorAnswer:
    status: int
    message: str
    # Failures of Rucio or the portal go to the server log too; the user's own mistakes only to the access log.
    logged: bool = False


def error_answer(error: BaseException) -> ErrorAnswer | None:
    """The answer for one of the extension's errors; None for anything unforeseen."""
    if isinstance(error, BadRequest):
        return ErrorAnswer(400, str(error))
    if isinstance(error, DownloadNotFound):
        return ErrorAnswer(404, str(error))
    if isinstance(error, (RucioNotConfigured, SessionNotConfigured)):
        return ErrorAnswer(409, str(error))
    if isinstance(error, PortalRefused):
        return ErrorAnswer(502, str(error), logged=True)
    # Rucio's own words, e.g. "Data identifier ... not found"; Rucio (or its files' names) are upstream.
    if isinstance(error, (RucioException, requests.RequestException, UnsafePathError)):
        return ErrorAnswer(502, rucio_error_text(error), logged=True)
    # The session's configuration, not the request, is wrong: say what to change.
    if isinstance(error, MountMappingError):
        return ErrorAnswer(502, str(error), logged=True)
    return None


class CatalogHandler(APIHandler):
    """Base of every route. Verbs raise the extension's errors; write_error answers them all as
    `{"message": ...}` with their status, and anything else as a 500 that says nothing of its cause."""

    auth_resource = "rucio_catalog"

    def initialize(self, catalog_config: RucioCatalog, downloads: DownloadManager, renewer: SignInRenewer) -> None:
        self.catalog_config = catalog_config
        self.downloads = downloads
        self.renewer = renewer

    def prepare(self):  # noqa: ANN201 - may return an awaitable in the base class
        self.set_header("Cache-Control", "no-store")
        return super().prepare()

    @property
    def root_dir(self) -> str:
        return self.settings["server_root_dir"]

    def body(self) -> dict[str, Any]:
        try:
            body = json.loads(self.request.body or b"{}")
        except ValueError as error:
            raise BadRequest(f"body is not JSON: {error}") from error
        if not isinstance(body, dict):
            raise BadRequest("body must be a JSON object")
        return body

    def session_settings(self, body: dict[str, Any]):
        return parse_session_settings(body.get("settings"), self.catalog_config, self.root_dir)

    def dataset_request(self, body: dict[str, Any]):
        """The `{dataset, settings?}` body most routes take: the DID and the session's effective settings."""
        return parse_dataset(body.get("dataset"), self.catalog_config.rucio_instance), self.session_settings(body)

    def reply(self, data: object, status: int = 200) -> None:
        self.set_status(status)
        self.finish(json.dumps(data))

    async def with_rucio(self, work: Callable[[Any], object]) -> object:
        """Runs work(client) in a thread with a client from the server's own credentials."""
        connection = RucioConnection.from_config(self.catalog_config)
        return await asyncio.get_running_loop().run_in_executor(None, lambda: work(connection.client()))

    def log_exception(self, typ, value, tb) -> None:  # noqa: ANN001 - tornado's signature
        answer = error_answer(value) if value is not None else None
        if answer is None:
            super().log_exception(typ, value, tb)  # HTTPError as a warning, the unforeseen with its traceback
        elif answer.logged:
            self.log.warning("rucio_catalog_jupyterlab: %s %s: %s", self.request.method, self.request.path, value)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        error = kwargs["exc_info"][1] if "exc_info" in kwargs else None
        if error is None or isinstance(error, tornado.web.HTTPError):
            super().write_error(status_code, **kwargs)  # e.g. the 403 of @authenticated/@authorized
            return
        answer = error_answer(error) or ErrorAnswer(500, UNEXPECTED_ERROR_MESSAGE)
        self.set_status(answer.status)
        # send_error cleared the headers prepare() set
        self.set_header("Cache-Control", "no-store")
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"message": answer.message}))


class ConfigHandler(CatalogHandler):
    @tornado.web.authenticated
    @authorized
    def get(self) -> None:
        self.reply(self.catalog_config.as_json(self.root_dir))


class PathsHandler(CatalogHandler):
    @tornado.web.authenticated
    @authorized("read")
    async def post(self) -> None:
        dataset, settings = self.dataset_request(self.body())
        self.reply(await self.with_rucio(lambda c: local_paths(c, dataset.scope, dataset.name, settings)))


class StateHandler(CatalogHandler):
    @tornado.web.authenticated
    @authorized("read")
    async def post(self) -> None:
        body = self.body()
        raw = body.get("datasets")
        if not isinstance(raw, list) or not 1 <= len(raw) <= 100:
            raise BadRequest("datasets must be a list of 1 to 100 datasets")
        datasets = [parse_dataset(item, self.catalog_config.rucio_instance) for item in raw]
        settings = self.session_settings(body)
        downloading = {
            (job["scope"], job["name"])
            for job in self.downloads.list()
            if job["state"] in ("pending", "staging") and job["folder"] == settings.folder
        }

        def check_all(client: Any) -> list[dict[str, object]]:
            return [dataset_state(client, d.scope, d.name, settings, (d.scope, d.name) in downloading) for d in datasets]

        self.reply({"datasets": await self.with_rucio(check_all)})


class LocalHandler(CatalogHandler):
    """POST {dataset, settings?}: which of the DID's files the download folder holds already."""

    @tornado.web.authenticated
    @authorized("read")
    async def post(self) -> None:
        dataset, settings = self.dataset_request(self.body())
        folder, root = settings.folder, self.root_dir
        self.reply(await self.with_rucio(lambda c: check_download_folder(c, dataset.scope, dataset.name, folder, root)))


class DownloadsHandler(CatalogHandler):
    auth_resource = "rucio_catalog_staging"

    @tornado.web.authenticated
    @authorized
    def get(self) -> None:
        self.reply({"downloads": self.downloads.list()})

    @tornado.web.authenticated
    @authorized
    async def post(self) -> None:
        body = self.body()
        dataset, settings = self.dataset_request(body)
        target = parse_portal_target(body, self.catalog_config)
        RucioConnection.from_config(self.catalog_config)  # no credentials: say so now, not in the worker
        snapshot = self.downloads.create(
            scope=dataset.scope,
            name=dataset.name,
            did_type=dataset.did_type,
            instance=dataset.instance,
            folder=settings.folder,
            request_id=target.request_id,
            progress_url=target.progress_url,
            token=target.token,
        )
        self.reply(snapshot, status=202)


class DownloadHandler(CatalogHandler):
    auth_resource = "rucio_catalog_staging"

    @tornado.web.authenticated
    @authorized
    def get(self, job_id: str) -> None:
        self.reply(self.found(job_id, self.downloads.get(job_id)))

    @tornado.web.authenticated
    @authorized
    def delete(self, job_id: str) -> None:
        self.reply(self.found(job_id, self.downloads.cancel(job_id)))

    @staticmethod
    def found(job_id: str, snapshot: dict[str, object] | None) -> dict[str, object]:
        if snapshot is None:
            raise DownloadNotFound(f"no download {job_id}")
        return snapshot


class RulesHandler(CatalogHandler):
    auth_resource = "rucio_catalog_staging"

    @tornado.web.authenticated
    @authorized
    async def post(self) -> None:
        dataset, settings = self.dataset_request(self.body())
        rule = await self.with_rucio(lambda c: create_rule(c, dataset.scope, dataset.name, settings))
        self.reply(rule, status=201)


class PortalSignInHandler(CatalogHandler):
    """POST {portalUrl, next}: the URL that signs the panel in to that portal as this server's Rucio user."""

    auth_resource = "rucio_catalog_portal_sign_in"

    @tornado.web.authenticated
    @authorized
    async def post(self) -> None:
        if not self.catalog_config.embed_sign_in:
            raise SessionNotConfigured("embed sign-in is turned off on this server (RucioCatalog.embed_sign_in)")
        target = parse_sign_in_request(self.body(), self.catalog_config)
        instance = self.catalog_config.rucio_instance
        url = await self.with_rucio(lambda client: sign_in_url(target, fresh_token(client), instance))
        self.renewer.signed_in(f"{target.portal_origin}{target.base_path}")
        self.reply({"url": url})


def setup_handlers(  # noqa: ANN001 - server_app is jupyter_server's ServerApp
    server_app, catalog_config: RucioCatalog, downloads: DownloadManager, renewer: SignInRenewer
) -> None:
    web_app = server_app.web_app
    base = url_path_join(web_app.settings["base_url"], "rucio-catalog")
    options = {"catalog_config": catalog_config, "downloads": downloads, "renewer": renewer}
    web_app.add_handlers(
        ".*$",
        [
            (url_path_join(base, "config"), ConfigHandler, options),
            (url_path_join(base, "paths"), PathsHandler, options),
            (url_path_join(base, "state"), StateHandler, options),
            (url_path_join(base, "local"), LocalHandler, options),
            (url_path_join(base, "rules"), RulesHandler, options),
            (url_path_join(base, "portal-sign-in"), PortalSignInHandler, options),
            (url_path_join(base, "downloads"), DownloadsHandler, options),
            (url_path_join(base, "downloads", r"(j[0-9a-f]{16})"), DownloadHandler, options),
        ],
    )
