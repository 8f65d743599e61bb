from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    """Installed for its management commands only (`make bench`, `make load-test`): no models."""

    name = "benchmarks"
    verbose_name = "Benchmarks"
