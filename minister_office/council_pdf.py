"""The council's minutes as PDF. WeasyPrint lays Arabic out with Pango and HarfBuzz, so letters
join and lines run right to left as in the browser; it is imported here only, when a PDF is asked for."""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.templatetags.static import static


class PdfUnavailable(Exception):
    """WeasyPrint or the Pango library it needs is not installed on this server."""


def render_pdf(html: str, *, base_url: str) -> bytes:
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # OSError: the Python package is there but not libpango
        raise PdfUnavailable(str(error)) from error

    return weasyprint.HTML(string=html, base_url=base_url, url_fetcher=static_files_fetcher()).write_pdf()


def static_files_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesFetcher(URLFetcher):
        """Reads the stylesheets and fonts from the static files on disk and fetches nothing else:
        a PDF made in a request never calls back into the web server or out to the network."""

        def fetch(self, url, headers=None):
            found = static_file(url)
            if found is None:
                raise ValueError(f"Not a static file: {url}")
            content_type = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
            # Answered under the URL asked for, so that a stylesheet's relative font URLs come back here.
            return URLFetcherResponse(url, found.read_bytes(), {"Content-Type": content_type})

    return StaticFilesFetcher()


def static_file(url: str) -> Path | None:
    prefix = static("")
    path = unquote(urlsplit(url).path)
    if not path.startswith(prefix):
        return None
    name = path.removeprefix(prefix)
    # Collected (and, in production, hashed) files first; the apps' own static folders in development.
    if staticfiles_storage.exists(name):
        return Path(staticfiles_storage.path(name))
    found = finders.find(name)
    return Path(found) if found else None
