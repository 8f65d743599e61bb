"""`check --deploy` fails on a cache each process keeps to itself, since every limit counts in it."""

import pytest

from tests.housing_portal.test_published_secret_key import deploy_check

OWN_KEY = "k8#Lq2@vN9!pR4$wX7^zB1&cF6*hJ3(mT5)yG0-uE8+iO2=aS4_dQ7~eW9?rY1"


@pytest.mark.parametrize("cache_url", ["locmemcache://", "dummycache://", "filecache:///tmp/portal-cache"])
def test_a_cache_of_each_process_fails_the_deploy_check(tmp_path, cache_url):
    result = deploy_check(tmp_path, OWN_KEY, CACHE_URL=cache_url)

    assert result.returncode != 0
    assert "complaints.E001" in result.stderr and "CACHE_URL" in result.stderr


def test_the_shared_redis_cache_passes(tmp_path):
    result = deploy_check(tmp_path, OWN_KEY, CACHE_URL="redis://redis:6379/1")

    assert result.returncode == 0, result.stdout + result.stderr
