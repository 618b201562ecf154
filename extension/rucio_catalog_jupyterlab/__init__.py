"""Rucio Catalog for JupyterLab: the portal panel (labextension) and its Jupyter server extension."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("rucio_catalog_jupyterlab")
except PackageNotFoundError:  # imported from the source tree (tests) rather than installed
    __version__ = "0+source"

# How often the server looks for download jobs to start or resume, in milliseconds.
_SCHEDULE_INTERVAL_MS = 2000
# How often it looks for portal sign-ins whose Rucio token is due for renewal, in milliseconds.
_RENEWAL_CHECK_INTERVAL_MS = 1000


def _jupyter_labextension_paths() -> list[dict[str, str]]:
    return [{"src": "labextension", "dest": "rucio-catalog-jupyterlab"}]


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "rucio_catalog_jupyterlab"}]


def _in_thread(work):  # noqa: ANN001, ANN202
    """A periodic callback that runs blocking `work` off the event loop, one run at a time."""
    import asyncio

    running = False

    async def tick() -> None:
        nonlocal running
        if running:
            return
        running = True
        try:
            await asyncio.get_running_loop().run_in_executor(None, work)
        finally:
            running = False

    return tick


def _load_jupyter_server_extension(server_app) -> None:  # noqa: ANN001 - jupyter_server.serverapp.ServerApp
    # Imported here so the download worker (python -m rucio_catalog_jupyterlab.executor) does not pay for
    # the server modules.
    from tornado.ioloop import PeriodicCallback

    from .config import RucioCatalog
    from .downloads import DownloadManager
    from .handlers import setup_handlers
    from .jobs import JobStore
    from .rucio_access import RucioConnection
    from .sign_in_renewal import SignInRenewer

    config = RucioCatalog(parent=server_app)
    downloads = DownloadManager(
        JobStore(config.state_dir),
        lambda: RucioConnection.from_config(config).to_dict(),
        max_parallel=config.max_parallel_downloads,
        report_interval=config.progress_report_interval,
        logger=server_app.log,
    )
    renewer = SignInRenewer(lambda: RucioConnection.from_config(config), config.rucio_instance, server_app.log)
    setup_handlers(server_app, config, downloads, renewer)
    downloads.schedule()  # resumes downloads an earlier server left unfinished
    PeriodicCallback(downloads.schedule, _SCHEDULE_INTERVAL_MS).start()
    if config.renew_sign_in:
        PeriodicCallback(_in_thread(renewer.renew_due), _RENEWAL_CHECK_INTERVAL_MS).start()
    server_app.log.info(
        "rucio_catalog_jupyterlab: serving /rucio-catalog/ (Rucio %s, mode %s, jobs in %s)",
        config.rucio_host,
        config.mode,
        config.state_dir,
    )
