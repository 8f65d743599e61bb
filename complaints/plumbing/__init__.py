"""Process-level helpers under the domain: handing work to Celery without letting a missing broker
hurt the caller (dispatch), and values kept per process for a short while (process_cache)."""
