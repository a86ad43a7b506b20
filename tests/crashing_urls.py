"""The real URLconf plus one page that fails, for the tests of error logging. Its path
has a token, like a guardian's consent link."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from protocolwijzer.urls import urlpatterns as real_urlpatterns


def failing_page(request: HttpRequest, token: str) -> HttpResponse:
    # An exception message that repeats what someone typed, as real ones sometimes do.
    raise RuntimeError(f"no guardian with address {request.POST.get('email')}")


urlpatterns = [
    path("toestemming/ouder/<str:token>/stuk/", failing_page),
    *real_urlpatterns,
]
