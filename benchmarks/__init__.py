"""The HTTP benchmarks and the load test (issue 9): a load driver, the servers it drives, and what
each simulated client does. Nothing here is imported by the portal itself."""
