"""Reading and enumerating the role × route × method matrix (``route_matrix.txt``).

The routes are not a hand-kept list: ``page_routes`` walks the URLconf and
``api_operations`` reads the OpenAPI document, and every (route, method, target) they
produce needs a row in ``route_matrix.txt``. See that file's header for the format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

TABLE_FILE = Path(__file__).with_name("route_matrix.txt")

# Column order of the table: who makes the request.
ROLES = ("beheerder", "schoolleiding", "communicatie", "medewerker", "mentor", "mr_lid",
         "leerling", "ouder", "unlinked", "anonymous")

# The Django admin (/beheer/) is left out as one prefix: it has hundreds of generated
# routes, is only for operators (is_staff), and Django's own tests cover its permissions.
EXCLUDED_PREFIXES = ("beheer/",)

# Every page is requested with these methods; POST stands for the unsafe methods (the
# test client does not enforce CSRF, as Django's documentation describes, so the view
# itself answers). Every API path is requested with GET and POST, whatever it declares.
PAGE_METHODS = ("GET", "POST")
API_METHODS = ("GET", "POST")
API_PREFIX = "/api/v1"

# What a path parameter is filled with, per target. A route's targets are the targets its
# parameters have in common; a route without parameters has the single target "-".
#   own        an object the persona "mentor" of 1A may see: group 1A, Sem (1A), ...
#   unlinked   an object of the same school outside the mentor's groups: 1B, Finn (1B)
#   elsewhere  an object of another school (De Wilgenhoek, another stichting)
#   bogus      a value that names nothing (a token that was never issued)
# The values themselves are chosen in test_route_matrix.py (PARAMETERS).


@dataclass(frozen=True, order=True)
class Key:
    route: str  # a URL name (schools:group) or an API path (/api/v1/groups/{group_id})
    method: str
    target: str

    def __str__(self) -> str:
        return f"{self.route} {self.method} {self.target}"


@dataclass(frozen=True)
class Route:
    key_route: str
    path: str  # with {name} placeholders
    parameters: tuple[str, ...]
    is_api: bool


_PARAM = re.compile(r"<(?:\w+:)?(\w+)>")


def _to_template(route: str) -> str:
    return "/" + _PARAM.sub(r"{\1}", route)


def page_routes(api_paths: set[str]) -> list[Route]:
    """Every URL pattern outside EXCLUDED_PREFIXES, except the API operations that the
    OpenAPI document lists (``api_paths``: those are checked as operations)."""
    found: list[Route] = []

    def walk(resolver: URLResolver, prefix: str, namespace: str) -> None:
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if route.startswith(EXCLUDED_PREFIXES):
                continue
            if isinstance(pattern, URLResolver):
                inner = ":".join(n for n in (namespace, pattern.namespace) if n)
                walk(pattern, route, inner)
                continue
            assert isinstance(pattern, URLPattern)
            path = _to_template(route)
            if path in api_paths:
                continue
            name = f"{namespace}:{pattern.name}" if namespace else (pattern.name or path)
            found.append(Route(name, path, tuple(_PARAM.findall(route)), is_api=False))

    walk(get_resolver(), "", "")
    return found


def api_operations(document: dict) -> list[Route]:  # type: ignore[type-arg]
    """Every path of the OpenAPI document (each is requested with API_METHODS)."""
    return [Route(path, path, tuple(re.findall(r"{(\w+)}", path)), is_api=True)
            for path in document["paths"]]


def keys_of(route: Route, targets_of: dict[str, tuple[str, ...]]) -> list[Key]:
    """The rows a route needs. Raises KeyError naming a parameter without values."""
    targets: tuple[str, ...] = ("-",)
    if route.parameters:
        common = set(targets_of[route.parameters[0]])
        for name in route.parameters[1:]:
            common &= set(targets_of[name])
        targets = tuple(t for t in targets_of[route.parameters[0]] if t in common)
    methods = API_METHODS if route.is_api else PAGE_METHODS
    return [Key(route.key_route, method, target) for method in methods for target in targets]


def read_table(text: str | None = None) -> dict[Key, dict[str, int]]:
    """The expected statuses, by row key and role."""
    text = TABLE_FILE.read_text(encoding="utf-8") if text is None else text
    table: dict[Key, dict[str, int]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        route, method, target, *cells = line.split()
        if len(cells) != len(ROLES):
            raise ValueError(f"{TABLE_FILE.name}:{number}: {len(cells)} statuses, expected "
                             f"{len(ROLES)} ({' '.join(ROLES)})")
        key = Key(route, method.upper(), target)
        if key in table:
            raise ValueError(f"{TABLE_FILE.name}:{number}: a second row for {key}")
        table[key] = dict(zip(ROLES, (int(cell) for cell in cells), strict=True))
    return table


def format_row(key: Key, statuses: dict[str, int]) -> str:
    """One line of the table, aligned as the file is."""
    cells = "".join(f"{statuses[role]:<6}" for role in ROLES).rstrip()
    return f"{key.route:<56} {key.method:<6} {key.target:<10} {cells}"
