"""The benchmarks' ceiling: a bare Django view that inserts one row. Installed only when the
BENCH_CEILING setting is on, which the benchmarks set for the gunicorn they start; never in
production (see housing_portal/settings.py)."""
