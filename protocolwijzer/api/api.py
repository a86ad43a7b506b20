"""The JSON API at /api/v1/: checks, protocols, and the token's own school.

Plain views on django-ninja. Every request needs ``Authorization: Bearer <token>``
(``auth.TokenAuth``); school-scoped objects load only through ``api/access.py``. Every
error is JSON: ``{"detail": "a sentence"}``, or for bad input
``{"detail": [{"field": "actor.role", "message": "..."}]}``, the shape of the contract's
own problems (shared/spec/situation.md). The OpenAPI document at /api/v1/openapi.json is
generated from these functions and the models in ``schemas.py``.
"""

from __future__ import annotations

import copy
import datetime
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
)
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.csp import CSP
from django.utils.log import log_response
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csp import csp_override
from ninja import Field, NinjaAPI, Path, Schema, Swagger
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.schema import REF_TEMPLATE
from ninja.pagination import LimitOffsetPagination, paginate

from protocolwijzer.api import access, schemas
from protocolwijzer.api.auth import TokenAuth, TokenRefused
from protocolwijzer.api.models import ApiToken, Scope
from protocolwijzer.audit.actions import do_record, ip_of
from protocolwijzer.audit.models import Action
from protocolwijzer.checks.actions import do_check
from protocolwijzer.engine.errors import Problem, SituationError, format_path
from protocolwijzer.engine.jsonsafe import load_json
from protocolwijzer.engine.protocol import (
    Protocol,
    builtin_protocol,
    builtin_protocol_paths,
    localize,
)
from protocolwijzer.engine.situation import parse_situation
from protocolwijzer.engine.vocabulary import ROLES
from protocolwijzer.protocols.access import access_current_protocol_version
from protocolwijzer.protocols.lifecycle import version_for_situation
from protocolwijzer.protocols.models import ProtocolVersion
from protocolwijzer.schools.models import School
from protocolwijzer.schools.policy import Membership, Right
from protocolwijzer.schools.refusals import record_refusal

MAX_PAGE = 200

# Swagger UI's stylesheet draws its icons as data: images; everything else it needs is
# served from our own origin (ninja's bundled static files, no CDN) and it runs no inline
# script (the settings travel as JSON in a non-executed <script type="application/json">).
# The override replaces the whole policy, so it starts from the site's own.
DOCS_CSP = {**settings.SECURE_CSP, "img-src": [CSP.SELF, "data:"]}


class ProtocolwijzerAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix: str | None = None,
                           path_params: dict[str, Any] | None = None) -> Any:
        # /openapi.json needs no token and building the document costs tens of
        # milliseconds of CPU: built once per process (it only changes with the code),
        # so fetching it in a loop cannot tie up a worker. A copy goes out, so no caller
        # can change the cached one.
        key = (path_prefix, repr(sorted((path_params or {}).items())),
               translation.get_language())
        if key not in self._openapi_cache:
            self._openapi_cache[key] = self._build_openapi_schema(path_prefix, path_params)
        return copy.deepcopy(self._openapi_cache[key])

    def _build_openapi_schema(self, path_prefix: str | None,
                              path_params: dict[str, Any] | None) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        # POST /checks reads its body itself, so ninja does not see the Situation model;
        # its requestBody refers to it, so the definitions are added here.
        situation = schemas.Situation.model_json_schema(ref_template=REF_TEMPLATE)
        schema["components"]["schemas"].update(situation.pop("$defs", {}))
        schema["components"]["schemas"]["Situation"] = situation
        return schema

    _openapi_cache: ClassVar[dict[tuple[Any, ...], Any]] = {}


api = ProtocolwijzerAPI(
    title="Protocolwijzer API",
    version="1",
    description=(
        "Check situations against a school's protocol sociale media, read protocols, and "
        "see the schools, groups and people your token may see. Send "
        "`Authorization: Bearer <token>` with every request; an operator makes tokens "
        "with `protocolwijzer manage create_api_token`."),
    urls_namespace="api",
    auth=TokenAuth(),
    # Swagger UI keeps a token typed into "Authorize" only until the page is closed.
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_decorator=csp_override(DOCS_CSP),
)

_SCOPED_ERRORS: dict[int, Any] = {401: schemas.ErrorOut, 403: schemas.ErrorOut,
                                  404: schemas.ErrorOut, 422: schemas.ProblemsOut}


class Pagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(50, ge=1, le=MAX_PAGE, description="At most 200 per page.")
        offset: int = Field(0, ge=0)

    def paginate_queryset(self, queryset: Any, pagination: Any, request: HttpRequest,
                          **params: Any) -> Any:
        count = self._items_count(queryset)
        offset, limit = pagination.offset, pagination.limit
        # Past the end no query is needed; and an offset beyond the database's integers
        # is an error there (SQLite: "datatype mismatch"), not an empty page.
        items = queryset[offset:offset + limit] if offset < count else []
        return {"items": items, "count": count}


# -- errors ---------------------------------------------------------------------------------

def _problems(request: HttpRequest, problems: list[Problem] | tuple[Problem, ...],
              status: int = 422) -> HttpResponse:
    detail = [{"field": p.field, "message": p.message} for p in problems]
    return api.create_response(request, {"detail": detail}, status=status)


def _error(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return api.create_response(request, {"detail": message}, status=status)


@api.exception_handler(SituationError)
def _situation_error(request: HttpRequest, exc: SituationError) -> HttpResponse:
    return _problems(request, exc.problems)


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    # ninja's own validation (query and path parameters) in the contract's shape: the
    # first element of a location is where the value came from (query, path), not a field.
    problems = [Problem(format_path(tuple(error.get("loc", ()))[1:]), _field_message(error))
                for error in exc.errors]
    return _problems(request, problems)


def _field_message(error: dict[str, Any]) -> str:
    kind = error.get("type")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("is required.")
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("must be a whole number.")
    if kind == "greater_than_equal":
        return _("must be at least %(limit)s.") % {"limit": ctx.get("ge")}
    if kind == "less_than_equal":
        return _("must be at most %(limit)s.") % {"limit": ctx.get("le")}
    return str(error.get("msg", kind)).rstrip(".") + "."


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    message = str(exc) if isinstance(exc, TokenRefused) else _(
        "Send a valid API token: Authorization: Bearer <token>. A revoked or expired token "
        "is no longer valid.")
    response = _error(request, message, 401)
    response["WWW-Authenticate"] = 'Bearer realm="protocolwijzer"'
    record_refusal(request, 401)
    return response


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, str(exc), exc.status_code)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    record_refusal(request, 403, api_token=_token_or_none(request))
    return _error(request, str(exc) or _("Your role does not allow this."), 403)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    record_refusal(request, 404, api_token=_token_or_none(request))
    return _error(request, str(exc) or _("There is nothing at this address."), 404)


def _token_or_none(request: HttpRequest) -> ApiToken | None:
    token = getattr(request, "auth", None)
    return token if isinstance(token, ApiToken) else None


@api.exception_handler(SuspiciousOperation)
def _bad_request(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
    if isinstance(exc, RequestDataTooBig):
        return _error(request, _("The request is too large."), 413)
    return _error(request, _("The request cannot be processed."), 400)


@api.exception_handler(Exception)
def _server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    # Logged as Django logs a failing page, traceback included (so ADMINS get the same
    # report), but the client gets no traceback, not even with DEBUG on: an API client is
    # not the developer, and a traceback shows code, paths and sometimes data.
    response = _error(request, _("Something went wrong on our side. Please try again "
                                 "later; if it keeps happening, tell the administrator."), 500)
    log_response("Internal Server Error: %s", request.path, response=response,
                 request=request, exception=exc)
    return response


# -- checks ---------------------------------------------------------------------------------

_SITUATION_BODY = {
    "required": True,
    "content": {"application/json": {"schema": {"$ref": REF_TEMPLATE.format(
        model="Situation")}}},
}


@api.post("/checks", tags=["checks"], summary="Check a situation against a protocol",
          response={200: schemas.Verdict, 400: schemas.ProblemsOut, 401: schemas.ErrorOut,
                    403: schemas.ErrorOut, 413: schemas.ErrorOut, 422: schemas.ProblemsOut},
          # The engine leaves out what does not apply (no fix, no analysis); so do we.
          exclude_unset=True, auth=TokenAuth(scope=Scope.CHECK),
          openapi_extra={"requestBody": _SITUATION_BODY})
def check(request: HttpRequest) -> Any:
    """The verdict on one situation, exactly as `protocolwijzer check --format json` gives it.

    Needs a token with the scope `check`. A photo or video uploaded with `POST /media` goes
    in `post.media[]` as `{"item": id, "faces": [{"number": 1, "student": 34},
    {"number": 2, "tag": "not_ours"}]}`: its tagged faces are the people, the answer's
    `media` says per face who it is, the register's answer and the articles against it,
    and `blur` the faces the fix blurs. Counts (`people`) stay for sound recordings and
    situations described without a file. The protocol is a built-in one, or the one your
    school follows. A student tagged by `id` gets their consent from the school's register,
    for the purpose the channel implies.
    A situation that breaks the contract gets 422 with one message per problem, naming the
    field.

    An optional `date` (`YYYY-MM-DD`) beside the situation's fields says on which day it
    happens (default today): your school's version of the protocol in force on that day
    decides, so a situation from before a new version came into force keeps its old
    verdict. A date that is not one gets 422 naming `date`.

    A token of a person checks as what that person is: `actor.role` must be one of the
    person's roles for the checker (a teacher `staff`, a student `student`, an MR member
    `staff`, or `parent` with a child at the school; docs/roles.md), else 422 naming
    `actor.role` and the roles allowed. An integration token has no person and may check
    any role.
    """
    membership = access.membership_of(request)
    if membership is not None and not membership.has(Right.RUN_CHECK):
        raise PermissionDenied(_("Your role does not allow this."))
    data = _json_body(request)
    # Uploaded photos and videos (post.media[].item) become the contract's own entries:
    # their tagged faces are the people (api/media.py).
    data, checked = media.expand_media(request, data)
    # The protocol and the actor's role are checked before the situation is, so that every
    # problem is reported at once: do_check validates the rest exactly as the command does.
    protocol_id = data.get("protocol") if isinstance(data, dict) else None
    protocol = None
    problems: list[Problem] = []
    # `date` sits beside the situation, not in it: the contract describes what happens,
    # the date only picks the version in force that day (protocols/lifecycle.py).
    on, date_problem = _situation_date(data.pop("date", None) if isinstance(data, dict)
                                       else None)
    problems += date_problem
    if isinstance(protocol_id, str) and protocol_id:
        protocol = access.protocol_for_check(request, protocol_id)
        if protocol is None:
            problems.append(Problem("protocol", _(
                "'%(id)s' is not a protocol you can check against; you can use %(known)s.")
                % {"id": protocol_id,
                   "known": ", ".join(sorted(access.protocols_for_checks(request)))}))
    problems += _role_problems(data, membership)
    if problems:
        try:
            parse_situation(data)
        except SituationError as exc:
            problems[:0] = exc.problems
        raise SituationError(problems)
    if protocol is None:  # no protocol given: the contract says so, naming the field
        parse_situation(data)
        raise AssertionError("a situation without a protocol breaks the contract")
    # A token acts for one school (a beheerder's for all of the stichting: then only the
    # protocol's own names count as the school's, and the check is not recorded).
    school = None
    if membership is not None and len(membership.school_ids) == 1:
        school = School.objects.select_related("stichting").get(
            pk=next(iter(membership.school_ids)))
    if school is not None and isinstance(protocol, ProtocolVersion):
        protocol = version_for_situation(school, protocol, on)
    token = access.token_of(request)
    verdict = do_check(data, protocol, membership=membership, school=school, user=token.user,
                       audit_detail={"api_token": token.pk, "api_token_name": token.name},
                       ip=ip_of(request)).to_dict()
    if checked:
        engine = protocol.engine_protocol() if isinstance(protocol, ProtocolVersion) else protocol
        verdict["media"] = media.outcomes_out(engine, data, checked, request)
    return verdict


def _situation_date(value: Any) -> tuple[datetime.date | None, list[Problem]]:
    if value is None:
        return None, []
    try:
        return datetime.date.fromisoformat(value), []
    except (TypeError, ValueError):
        return None, [Problem("date", _("'%(value)s' is not a date; write it as YYYY-MM-DD, "
                                        "for example 2026-09-01.") % {"value": value})]


def _role_problems(data: Any, membership: Membership | None) -> list[Problem]:
    """A token of a person checks only in a role the person has (issue 11, point 8): an MR
    member submitting ``other`` would escape the staff and parent rules and every sanction.
    A role outside the contract is left to the contract's own message."""
    if membership is None or membership.person is None:
        return []  # an integration, or an account without a school: no person to be
    actor = data.get("actor") if isinstance(data, dict) else None
    role = actor.get("role") if isinstance(actor, dict) else None
    allowed = membership.engine_roles
    if not isinstance(role, str) or role not in ROLES or role in allowed:
        return []
    return [Problem("actor.role", ngettext(
        "'%(role)s' is not a role this token may check as: it belongs to a person who acts "
        "as %(allowed)s.",
        "'%(role)s' is not a role this token may check as: it belongs to a person who acts "
        "as one of %(allowed)s.", len(allowed))
        % {"role": role, "allowed": ", ".join(allowed)})]


class _BadBody(Exception):
    def __init__(self, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__()
        self.problems = problems


def _json_body(request: HttpRequest) -> Any:
    # Bounded before it is parsed (size, nesting, number of values: engine/limits.py),
    # so no body can make json recurse without end or fill memory.
    try:
        return load_json(request.body, SituationError)
    except SituationError as exc:
        raise _BadBody(exc.problems if exc.unreadable else ()) from None


@api.exception_handler(_BadBody)
def _bad_body(request: HttpRequest, exc: _BadBody) -> HttpResponse:
    return _problems(request, exc.problems or [
        Problem("", _("The request body must be a JSON object."))], status=400)


# -- protocols ------------------------------------------------------------------------------
# Protocols are public documents (a school must publish its protocol), so any valid token
# may read every one of them.

@api.get("/protocols", tags=["protocols"], summary="The protocols and their versions",
         response={200: list[schemas.ProtocolSummary], **_SCOPED_ERRORS})
@paginate(Pagination)
def protocol_list(request: HttpRequest) -> list[dict[str, Any]]:
    """The protocols that ship with Protocolwijzer and every version stored here."""
    seen: set[tuple[str, str]] = set()
    out = []
    for version in ProtocolVersion.objects.all():
        seen.add((version.protocol_id, version.sha256))
        out.append({"id": version.protocol_id, "title": version.title,
                    "organisation": version.organisation, "version": version.version,
                    "builtin": version.is_builtin, "sha256": version.sha256})
    for protocol_id in builtin_protocol_paths():
        protocol = builtin_protocol(protocol_id)
        if (protocol.id, protocol.sha256) not in seen:
            out.append(_protocol_summary(protocol, builtin=True))
    out.sort(key=lambda item: (item["id"], item["version"]))
    return out


@api.get("/protocols/{protocol_id}", tags=["protocols"], summary="One protocol, with articles",
         response={200: schemas.ProtocolDetail, **_SCOPED_ERRORS})
def protocol_detail(request: HttpRequest, protocol_id: str) -> dict[str, Any]:
    """The version a check with this id uses for you (your school's, else the built-in one),
    or else the current stored version."""
    protocol, builtin = _protocol_to_show(request, protocol_id)
    return {**_protocol_summary(protocol, builtin=builtin),
            "schooljaar": protocol.schooljaar,
            "articles": [_article(protocol, article.id) for article in protocol.iter_articles()]}


@api.get("/protocols/{protocol_id}/articles/{article_id}", tags=["protocols"],
         summary="One article of a protocol", response={200: schemas.Article, **_SCOPED_ERRORS})
def protocol_article(request: HttpRequest, protocol_id: str, article_id: str) -> dict[str, Any]:
    protocol, _builtin = _protocol_to_show(request, protocol_id)
    if article_id not in protocol.articles:
        raise Http404(_("This protocol has no article with this id."))
    return _article(protocol, article_id)


def _protocol_to_show(request: HttpRequest, protocol_id: str) -> tuple[Protocol, bool]:
    available = access.protocols_for_checks(request)
    if protocol_id in available:
        version = available[protocol_id]
        if version is None:
            return builtin_protocol(protocol_id), True
        return version.engine_protocol(), version.is_builtin
    version = access_current_protocol_version(request.user, protocol_id)
    return version.engine_protocol(), version.is_builtin


def _protocol_summary(protocol: Protocol, *, builtin: bool) -> dict[str, Any]:
    return {"id": protocol.id, "title": protocol.title, "organisation": protocol.organisation,
            "version": protocol.version, "builtin": builtin, "sha256": protocol.sha256}


def _article(protocol: Protocol, article_id: str) -> dict[str, Any]:
    article = protocol.articles[article_id]
    section = next(s for s in protocol.sections if s.id == article.section_id)
    return {"id": article.id, "section": section.id, "section_title": section.title or "",
            "kind": article.kind, "text": article.text,
            "summary": localize(article.summary) or None, "roles": list(article.roles)}


# -- schools, groups, people ----------------------------------------------------------------

_ObjectId = Path(..., ge=1)


@api.get("/schools", tags=["schools"], summary="The schools your token acts for",
         response={200: list[schemas.SchoolOut], **_SCOPED_ERRORS})
@paginate(Pagination)
def school_list(request: HttpRequest) -> Any:
    return access.schools_of(request)


@api.get("/schools/{school_id}", tags=["schools"], summary="One school",
         response={200: schemas.SchoolOut, **_SCOPED_ERRORS})
def school_detail(request: HttpRequest, school_id: int = _ObjectId) -> Any:
    return access.access_school(request, school_id)


@api.get("/groups", tags=["schools"], summary="The groups (classes) of your schools",
         response={200: list[schemas.GroupOut], **_SCOPED_ERRORS})
@paginate(Pagination)
def group_list(request: HttpRequest) -> Any:
    return access.groups_of(request)


@api.get("/groups/{group_id}", tags=["schools"], summary="One group",
         response={200: schemas.GroupOut, **_SCOPED_ERRORS})
def group_detail(request: HttpRequest, group_id: int = _ObjectId) -> Any:
    return access.access_group(request, group_id)


@api.get("/people", tags=["schools"], summary="The people your role may see",
         response={200: list[schemas.PersonOut], **_SCOPED_ERRORS})
@paginate(Pagination)
def person_list(request: HttpRequest) -> Any:
    """Least privilege per role: schoolleiding and communicatie see everyone of their
    school; a medewerker or mentor sees staff and the students of the groups they are
    linked to (a mentor also those students' parents); a parent themself and their
    children, a student themself."""
    people = access.people_of(request)
    school_ids = access.require_membership(request).school_ids
    _audit(request, Action.PEOPLE_LISTED,
           school=next(iter(school_ids)) if len(school_ids) == 1 else None,
           detail={"count": people.count()})
    return people


@api.get("/people/{person_id}", tags=["schools"], summary="One person",
         response={200: schemas.PersonOut, **_SCOPED_ERRORS})
def person_detail(request: HttpRequest, person_id: int = _ObjectId) -> Any:
    person = access.access_person(request, person_id)
    token = access.token_of(request)
    if token.user_id is None or person.user_id != token.user_id:
        _audit(request, Action.PERSON_VIEWED, school=person.school_id, target=person)
    return person


def _audit(request: HttpRequest, action: str, *, school: int | None,
           target: Any = None, detail: dict[str, Any] | None = None) -> None:
    # The API must not be an unlogged side door to personal data: it records what the
    # pages record, naming the token (an integration has no account to name).
    token = access.token_of(request)
    do_record(action, actor=token.user, school=school, target=target,
              detail={"api_token": token.pk, "api_token_name": token.name, **(detail or {})},
              ip=ip_of(request))


# The photo and video operations (/media...) register on this same router, before the
# catch-all below.
from protocolwijzer.api import media  # noqa: E402


# Registered last, so it only catches what no route above matched: an unknown address
# under /api/v1/ is a JSON 404 like every other error here, not Django's HTML page.
@api.api_operation(["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", auth=None,
                   include_in_schema=False)
def unknown_address(request: HttpRequest, rest: str) -> Any:
    raise Http404(_("There is nothing at this address."))
