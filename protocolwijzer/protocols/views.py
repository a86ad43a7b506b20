from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from protocolwijzer.protocols.access import access_current_protocol_version
from protocolwijzer.protocols.forms import ArticleSearchForm
from protocolwijzer.protocols.models import ProtocolVersion


def protocol_list(request: HttpRequest) -> HttpResponse:
    versions = (ProtocolVersion.objects.with_current_marker()
                .with_article_count().prefetch_related("schools"))
    return render(request, "protocols/protocol_list.html", {"versions": versions})


def protocol_detail(request: HttpRequest, protocol_id: str) -> HttpResponse:
    version = access_current_protocol_version(request.user, protocol_id)
    form = ArticleSearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    articles = list(version.articles.matching(query))
    return render(request, "protocols/protocol_detail.html", {
        "version": version,
        "protocol": version.engine_protocol(),
        "form": form,
        "query": query,
        "match_count": len(articles),
        "sections": version.sections_with(articles, include_empty=not query),
    })
