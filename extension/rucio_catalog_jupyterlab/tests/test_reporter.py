from rucio_catalog_jupyterlab.reporter import PortalProgressReporter
from rucio_catalog_jupyterlab.tests.fake_portal import ProgressPortal

TOKEN = "t" * 32
COUNTS = {"filesDone": 1, "filesTotal": 5, "bytesDone": 100, "bytesTotal": 500}


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_reports_with_the_bearer_token_to_the_progress_url():
    with ProgressPortal(TOKEN) as portal:
        reporter = PortalProgressReporter(portal.url("req-1"), TOKEN)
        assert reporter.report("staging", COUNTS)
    assert portal.reports == [{"path": "/api/stagings/req-1/progress", "body": {"state": "staging", **COUNTS}}]


def test_throttles_reports_in_the_same_state_but_not_state_changes():
    clock = FakeClock()
    with ProgressPortal(TOKEN) as portal:
        reporter = PortalProgressReporter(portal.url("r"), TOKEN, min_interval=1.0, clock=clock)
        assert reporter.report("staging", COUNTS)
        clock.now += 0.5
        assert not reporter.report("staging", {**COUNTS, "filesDone": 2})
        clock.now += 0.6
        assert reporter.report("staging", {**COUNTS, "filesDone": 3})
        assert reporter.report("done", {**COUNTS, "filesDone": 5, "bytesDone": 500})
    assert [r["body"]["filesDone"] for r in portal.reports] == [1, 3, 5]
    assert portal.reports[-1]["body"]["state"] == "done"


def test_a_forced_report_is_not_throttled():
    clock = FakeClock()
    with ProgressPortal(TOKEN) as portal:
        reporter = PortalProgressReporter(portal.url("r"), TOKEN, min_interval=10.0, clock=clock)
        assert reporter.report("staging", {**COUNTS, "filesTotal": 0, "bytesTotal": 0})
        assert reporter.report("staging", COUNTS, force=True)
    assert [r["body"]["filesTotal"] for r in portal.reports] == [0, 5]


def test_failure_carries_the_error_text_cut_to_the_protocol_limit():
    with ProgressPortal(TOKEN) as portal:
        reporter = PortalProgressReporter(portal.url("r"), TOKEN)
        reporter.report("failed", COUNTS, "Data identifier not found. " + "x" * 400)
    error = portal.reports[0]["body"]["error"]
    assert error.startswith("Data identifier not found.")
    assert len(error) == 256


def test_a_refused_token_ends_reporting():
    with ProgressPortal("another-token-entirely") as portal:
        reporter = PortalProgressReporter(portal.url("r"), TOKEN)
        assert not reporter.report("staging", COUNTS)
        assert not reporter.enabled
        assert not reporter.report("done", COUNTS)
    assert len(portal.refused) == 1 and portal.reports == []


def test_an_unreachable_portal_does_not_raise():
    with ProgressPortal(TOKEN) as portal:
        url = portal.url("r")
    reporter = PortalProgressReporter(url, TOKEN, timeout=1)
    assert not reporter.report("staging", COUNTS)
    assert reporter.enabled  # a network failure is not a refusal: later reports are still tried


def test_terminal_reports_are_retried_after_server_errors():
    with ProgressPortal(TOKEN, status=503) as portal:
        reporter = PortalProgressReporter(portal.url("r"), TOKEN)
        assert not reporter.report("done", COUNTS)
    assert len(portal.reports) == 3
