from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from benchmarks.ceiling.models import Row


@csrf_exempt  # like the machine intake APIs, which take no CSRF token
@require_POST
def insert_row(request):
    """The least a request that stores something can do, through the same middleware as the
    portal's pages: read the posted text, insert one row, answer 201."""
    Row.objects.create(text=request.POST.get("text", ""))
    return HttpResponse(status=201)
