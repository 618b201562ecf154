"""Rucio Catalog for JupyterLab: the portal panel (labextension) and its Jupyter server extension."""

from importlib.metadata import PackageNotFoundError, version

from .handlers import setup_handlers

try:
    __version__ = version("rucio_catalog_jupyterlab")
except PackageNotFoundError:  # imported from the source tree (tests) rather than installed
    __version__ = "0+source"


def _jupyter_labextension_paths() -> list[dict[str, str]]:
    return [{"src": "labextension", "dest": "rucio-catalog-jupyterlab"}]


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "rucio_catalog_jupyterlab"}]


def _load_jupyter_server_extension(server_app) -> None:  # noqa: ANN001 - jupyter_server.serverapp.ServerApp
    setup_handlers(server_app)
    server_app.log.info("rucio_catalog_jupyterlab: serving /rucio-catalog/config")
