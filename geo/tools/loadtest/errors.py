"""The load test's own failure: the app could not be tested."""


class LoadTestError(Exception):
    """The load test could not run: the app is unreachable or does not look like ours."""
