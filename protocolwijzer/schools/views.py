from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from protocolwijzer.schools.access import stichtingen_visible_to


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "schools/home.html",
                  {"stichtingen": stichtingen_visible_to(request.user)})
