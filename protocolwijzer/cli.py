"""The ``protocolwijzer`` command: a thin front over the engine, the analyzers and Django.

Exit codes scripts can rely on: 0 allowed / out of scope / success, 1 needs changes /
forbidden / differences found / invalid protocol, 2 bad input or usage (including a file
beyond the loaders' limits of ``engine/limits.py``: too large, too deep, too many values).

``check`` and ``protocols`` work on protocol files alone: they import neither Django nor a
database, so a check stays fast. ``manage`` passes through to Django's own commands.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from protocolwijzer import i18n
from protocolwijzer.i18n import gettext as _

if TYPE_CHECKING:
    from protocolwijzer.analysis import Roster

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


class UsageError(Exception):
    """Bad input: reported on stderr, exit code 2."""


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["manage"]:
        return _manage(argv[1:])
    i18n.activate(_language_from(argv))
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_BAD_INPUT
    try:
        result: int = args.handler(args, sys.stdout)
        return result
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return EXIT_OK


def _language_from(argv: list[str]) -> str:
    for i, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
    return os.environ.get("PW_LANGUAGE", i18n.DEFAULT_LANGUAGE)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="protocolwijzer", description=_(
        "Protocolwijzer: check a situation against a school's social media protocol."))
    parser.add_argument("--lang", choices=i18n.LANGUAGES, help=_("language of the output"))
    commands = parser.add_subparsers(title=_("commands"), metavar="COMMAND",
                                     parser_class=_Parser)

    def add_format(p: argparse.ArgumentParser) -> None:
        p.add_argument("--format", choices=("text", "json"), default="text",
                       help=_("text for people (default), json for programs"))
        p.add_argument("--lang", choices=i18n.LANGUAGES, help=_("language of the output"))

    check = commands.add_parser("check", help=_("check one situation (JSON or YAML)"))
    check.add_argument("file", metavar="FILE", help=_("situation file, or - for stdin"))
    check.add_argument("--protocol", metavar="ID",
                       help=_("protocol id or protocol file; overrides the situation's"))
    add_format(check)
    check.set_defaults(handler=cmd_check)

    text = commands.add_parser("analyse-text", help=_("analyse a Dutch text"))
    text.add_argument("text", nargs="?", help=_("the text, or - for stdin"))
    text.add_argument("--jsonl", metavar="FILE",
                      help=_('one {"text": ...} per line in, one result per line out'))
    text.add_argument("--protocol", metavar="ID",
                      help=_("use the school names of this protocol"))
    text.add_argument("--roster", metavar="FILE",
                      help=_("names of the school's people, one full name per line"))
    text.add_argument("--contact", metavar="TEXT", action="append", default=[],
                      help=_("a public contact detail of the school (its phone number, "
                             "e-mail, website); may be repeated"))
    text.add_argument("--jobs", type=int, default=0, metavar="N",
                      help=_("with --jsonl: processes to use (default: one per core)"))
    text.add_argument("--lang", choices=i18n.LANGUAGES, help=_("language of the output"))
    text.set_defaults(handler=cmd_analyse_text)

    read = commands.add_parser("readability", help=_(
        "estimate the CEFR level of a Dutch text, or of every text Protocolwijzer ships"))
    read.add_argument("text", nargs="?", help=_("the text, or - for stdin"))
    read.add_argument("--shipped", action="store_true", help=_(
        "report every user-facing Dutch text of the product; exit 1 when a text students "
        "read is above B1"))
    add_format(read)
    read.set_defaults(handler=cmd_readability)

    protocols = commands.add_parser("protocols", help=_("list, show, validate and compare "
                                                        "protocols"))
    sub = protocols.add_subparsers(title=_("protocol commands"), metavar="COMMAND",
                                   parser_class=_Parser)
    p_list = sub.add_parser("list", help=_("the built-in protocols"))
    add_format(p_list)
    p_list.set_defaults(handler=cmd_protocols_list)
    p_show = sub.add_parser("show", help=_("a protocol's articles, or what applies to a role"))
    p_show.add_argument("protocol", metavar="ID")
    p_show.add_argument("--article", metavar="ARTICLE", help=_("only this article"))
    p_show.add_argument("--role", choices=("staff", "student", "parent", "other"),
                        help=_("what this protocol means for this role, in plain words"))
    add_format(p_show)
    p_show.set_defaults(handler=cmd_protocols_show)
    p_validate = sub.add_parser("validate", help=_("check a protocol file"))
    p_validate.add_argument("file", metavar="FILE")
    add_format(p_validate)
    p_validate.set_defaults(handler=cmd_protocols_validate)
    p_coverage = sub.add_parser("coverage", help=_(
        "per clause of each article: the rules that implement it and the scenarios that "
        "exercise it"))
    p_coverage.add_argument("protocol", metavar="ID")
    p_coverage.add_argument("--strict", action="store_true", help=_(
        "exit 1 when a clause of a normative article is uncovered or unimplemented, or a "
        "normative article is not split into clauses"))
    add_format(p_coverage)
    p_coverage.set_defaults(handler=cmd_protocols_coverage)
    p_diff = sub.add_parser("diff", help=_("which situations two protocols decide differently"))
    p_diff.add_argument("left", metavar="ID1")
    p_diff.add_argument("right", metavar="ID2")
    add_format(p_diff)
    p_diff.set_defaults(handler=cmd_protocols_diff)
    p_schema = sub.add_parser("schema", help=_("the JSON Schema of the protocol file format"))
    p_schema.set_defaults(handler=cmd_protocols_schema)
    p_import = sub.add_parser("import", help=_(
        "make a protocol file from a school's own document (DOCX, PDF or plain text), "
        "with proposed rules"))
    p_import.add_argument("file", metavar="FILE", help=_("the protocol document"))
    p_import.add_argument("-o", "--output", metavar="OUT.yaml", help=_(
        "the protocol file to write (default: standard output)"))
    p_import.add_argument("--id", dest="protocol_id", metavar="ID", help=_(
        "the new protocol's id (default: from the file name)"))
    p_import.add_argument("--organisation", metavar="NAME", help=_(
        "the school or stichting (default: from the document's title lines)"))
    p_import.add_argument("--lang", choices=i18n.LANGUAGES, help=_("language of the output"))
    p_import.set_defaults(handler=cmd_protocols_import)
    p_avg = sub.add_parser("avg-check", help=_(
        "where a protocol is at odds with the AVG and the Autoriteit Persoonsgegevens' "
        "guidance, as advice"))
    p_avg.add_argument("protocol", metavar="FILE|ID", help=_(
        "a protocol id, a protocol file, or a protocol document (DOCX, PDF, text)"))
    add_format(p_avg)
    p_avg.set_defaults(handler=cmd_protocols_avg_check)

    faces = commands.add_parser("faces", help=_(
        "find the faces in photos (or follow them through a video), numbered as the blur "
        "command counts them"))
    faces.add_argument("files", nargs="+", metavar="FILE", help=_("photos or videos"))
    add_format(faces)
    faces.set_defaults(handler=cmd_faces)

    blur = commands.add_parser("blur", help=_(
        "write a copy of a photo or video with faces made unrecognisable and no metadata"))
    blur.add_argument("file", metavar="FILE", help=_("a photo (JPEG, PNG, WebP, HEIC) or a "
                                                     "video (MP4, MOV)"))
    blur.add_argument("-o", "--output", required=True, metavar="OUT", help=_(
        "the copy to write: a JPEG for a photo, an MP4 for a video"))
    blur.add_argument("--faces", default="all", metavar="all|none|1,3", help=_(
        "which faces to cover, by the numbers of the faces command (default: all)"))
    blur.add_argument("--box", action="append", default=[], metavar="X1,Y1,X2,Y2", help=_(
        "also cover this box, in pixels of the photo as shown (may be repeated)"))
    blur.add_argument("--mode", choices=("pixelate", "fill"), default="pixelate", help=_(
        "coarse blocks (default) or one flat colour"))
    audio = blur.add_mutually_exclusive_group()
    audio.add_argument("--keep-audio", dest="keep_audio", action="store_true", help=_(
        "keep the video's sound"))
    audio.add_argument("--no-audio", dest="keep_audio", action="store_false", help=_(
        "leave the sound out (default: voices can identify pupils too)"))
    add_format(blur)
    blur.set_defaults(handler=cmd_blur, keep_audio=False)

    commands.add_parser("manage", help=_("Django's management commands (migrate, runserver, "
                                         "check, ...)"))
    return parser


# -- protocols ------------------------------------------------------------------------------

def resolve_protocol(ref: str) -> Any:
    """A built-in protocol by id, a protocol file by path, or one in $PW_PROTOCOL_DIR.

    Each command is a new process, so the validated file is kept in the user's cache
    directory (``engine/protocol_cache.py``): the next command compiles it from there,
    without YAML or pydantic, as long as neither the file nor Protocolwijzer changed."""
    from protocolwijzer.analysis.startcache import default_dir
    from protocolwijzer.engine.errors import ProtocolError
    from protocolwijzer.engine.protocol import builtin_protocol_paths, load_protocol

    cache_dir = default_dir()
    try:
        builtin = builtin_protocol_paths()
        if ref in builtin:
            return load_protocol(builtin[ref], cache_dir=cache_dir)
        candidates = [Path(ref)]
        if os.environ.get("PW_PROTOCOL_DIR"):
            candidates.append(Path(os.environ["PW_PROTOCOL_DIR"]) / f"{ref}.yaml")
        for path in candidates:
            if path.suffix in (".yaml", ".yml") and path.is_file():
                return load_protocol(path, cache_dir=cache_dir)
    except ProtocolError as exc:
        raise UsageError(str(exc)) from None
    known = ", ".join(builtin_protocol_paths())
    raise UsageError(_("protocol: '%(ref)s' is not a known protocol or protocol file; known "
                       "protocols are %(known)s.") % {"ref": ref, "known": known})


def cmd_protocols_list(args: argparse.Namespace, out: TextIO) -> int:
    from protocolwijzer.engine.protocol import builtin_protocol, builtin_protocol_paths

    protocols = [builtin_protocol(pid) for pid in builtin_protocol_paths()]
    if args.format == "json":
        _json(out, [{"id": p.id, "title": p.title, "organisation": p.organisation,
                     "version": p.version, "articles": len(p.articles),
                     "rules": len(p.rules)} for p in protocols])
        return EXIT_OK
    for p in protocols:
        out.write(_("%(id)s  %(title)s — %(organisation)s, version %(version)s "
                    "(%(articles)s articles, %(rules)s rules)\n")
                  % {"id": p.id, "title": p.title, "organisation": p.organisation,
                     "version": p.version, "articles": len(p.articles), "rules": len(p.rules)})
    return EXIT_OK


def cmd_protocols_show(args: argparse.Namespace, out: TextIO) -> int:
    from protocolwijzer.engine.explain import articles_for_role, kind_label, role_label

    protocol = resolve_protocol(args.protocol)
    articles = list(protocol.iter_articles())
    if args.article:
        if args.article not in protocol.articles:
            raise UsageError(_("--article: '%(article)s' is not an article of %(protocol)s.")
                             % {"article": args.article, "protocol": protocol.id})
        articles = [protocol.articles[args.article]]
    if args.role:
        entries = articles_for_role(protocol, args.role, articles)
    else:
        entries = [(article, []) for article in articles]
    if args.format == "json":
        model = protocol.model
        _json(out, {"protocol": protocol.id, "version": protocol.version,
                    "established": model.established.model_dump(mode="json"),
                    "instemming": [item.model_dump(mode="json") for item in model.instemming],
                    "evaluation": model.evaluation.model_dump(mode="json"),
                    "role": args.role,
                    "articles": [_article_json(article, lines) for article, lines in entries]})
        return EXIT_OK
    out.write(f"{protocol.title} — {protocol.organisation} ({protocol.version})\n")
    if args.role:
        out.write(_("What this protocol means for you as %(role)s:\n")
                  % {"role": role_label(args.role)})
    if not args.role and not args.article:
        # The whole document in reading order: every section with its title and the text
        # before its articles (the Inleiding, the closing lines), verbatim from the file.
        for sec in protocol.sections:
            out.write(f"\n{sec.title}\n" if sec.title else "\n")
            if sec.intro:
                out.write(f"  {sec.intro}\n")
            for article in articles:
                if article.section_id == sec.id:
                    out.write(f"  {article.id} [{kind_label(article.kind)}] {article.text}\n")
        return EXIT_OK
    section = None
    for article, lines in entries:
        if not args.role and article.section_id != section:
            section = article.section_id
            title = next(s.title for s in protocol.sections if s.id == section)
            out.write(f"\n{title or ''}\n")
        if args.role:
            from protocolwijzer.engine.protocol import localize

            out.write(f"\n{article.id}  {localize(article.summary) or article.text}\n")
            for line in lines:
                out.write(f"  - {line}\n")
            out.write(_("  Article text: %(text)s\n") % {"text": article.text})
        else:
            out.write(f"  {article.id} [{kind_label(article.kind)}] {article.text}\n")
    return EXIT_OK


def cmd_protocols_validate(args: argparse.Namespace, out: TextIO) -> int:
    from protocolwijzer.engine.errors import ProtocolError
    from protocolwijzer.engine.protocol import load_protocol

    try:
        protocol = load_protocol(args.file)
    except ProtocolError as exc:
        if args.format == "json":
            _json(out, {"valid": False, "file": args.file,
                        "problems": [p.to_dict() for p in exc.problems]})
        else:
            print(_("%(file)s is not a valid protocol file:") % {"file": args.file},
                  file=sys.stderr)
            for problem in exc.problems:
                print(f"  {problem.format(args.file)}", file=sys.stderr)
        # A file beyond the loader's limits was not read at all: bad input, not invalid.
        return EXIT_BAD_INPUT if exc.unreadable else EXIT_FINDINGS
    if args.format == "json":
        _json(out, {"valid": True, "file": args.file, "id": protocol.id,
                    "articles": len(protocol.articles), "rules": len(protocol.rules)})
    else:
        out.write(_("%(file)s is valid: %(id)s, %(articles)s articles, %(rules)s rules.\n")
                  % {"file": args.file, "id": protocol.id, "articles": len(protocol.articles),
                     "rules": len(protocol.rules)})
    return EXIT_OK


def cmd_protocols_coverage(args: argparse.Namespace, out: TextIO) -> int:
    """Per clause: what implements it and which scenarios exercise it. The report itself
    exits 0; with --strict, 1 when anything of a normative article is left untested."""
    from protocolwijzer.engine.coverage import coverage, format_coverage
    from protocolwijzer.engine.scenarios import (
        ScenarioFileError,
        scenario_directory,
        scenarios_of,
    )

    protocol = resolve_protocol(args.protocol)
    given = Path(args.protocol)
    directory = scenario_directory(protocol, given if given.is_file() else None)
    try:
        scenarios = [(scenario.id, scenario.clauses) for _file, scenario
                     in scenarios_of(protocol.id, directory, protocol)]
    except ScenarioFileError as exc:
        print(_("The scenarios of %(protocol)s cannot be read:") % {"protocol": protocol.id},
              file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem.format(exc.filename)}", file=sys.stderr)
        return EXIT_FINDINGS
    report = coverage(protocol, scenarios)
    if args.format == "json":
        _json(out, report)
    else:
        out.write(format_coverage(report, protocol))
    if args.strict and not report["summary"]["complete"]:
        return EXIT_FINDINGS
    return EXIT_OK


def cmd_protocols_diff(args: argparse.Namespace, out: TextIO) -> int:
    from protocolwijzer.engine.diff import diff_protocols
    from protocolwijzer.engine.explain import diff_to_dict, format_diff

    left, right = resolve_protocol(args.left), resolve_protocol(args.right)
    result = diff_protocols(left, right)
    if args.format == "json":
        _json(out, diff_to_dict(result))
    else:
        out.write(format_diff(result, left, right))
    return EXIT_FINDINGS if result.groups else EXIT_OK


def cmd_protocols_schema(args: argparse.Namespace, out: TextIO) -> int:
    from protocolwijzer.engine.schema import json_schema

    _json(out, json_schema())
    return EXIT_OK


def _read_document(name: str) -> bytes:
    from protocolwijzer.protocols.importing.reading import MAX_FILE_BYTES

    try:
        with Path(name).open("rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)  # one byte past the limit is enough
    except OSError as exc:
        raise UsageError(_("%(file)s: cannot be read: %(reason)s.")
                         % {"file": name, "reason": exc.strerror or exc}) from None


def cmd_protocols_import(args: argparse.Namespace, out: TextIO) -> int:
    """Writes the proposed protocol file (exit 0), or names what is wrong with the
    document (exit 2)."""
    from protocolwijzer.protocols.importing import DocumentError, import_document

    data = _read_document(args.file)
    try:
        result = import_document(data, args.file, protocol_id=args.protocol_id,
                                 organisation=args.organisation)
    except DocumentError as exc:
        raise UsageError(f"{args.file}: {exc}") from None
    if args.output:
        _write_atomically(Path(args.output), result.text.encode("utf-8"))
    else:
        out.write(result.text)
    articles = result.outline.articles()
    summary = _("%(file)s: %(sections)s sections, %(articles)s articles; %(matched)s "
                "resemble a known article, %(rules)s proposed rules.") % {
        "file": args.file, "sections": len(result.outline.sections),
        "articles": len(articles),
        "matched": sum(1 for match in result.matches if match is not None),
        "rules": result.proposed_rules}
    print(summary, file=sys.stderr)
    if args.output:
        print(_("Written to %(output)s; check every 'proposed' before you use it.")
              % {"output": args.output}, file=sys.stderr)
    return EXIT_OK


def cmd_protocols_avg_check(args: argparse.Namespace, out: TextIO) -> int:
    """Advice where the protocol is at odds with the AVG: exit 0 without advice, 1 with
    advice, 2 for a protocol or document that cannot be read."""
    from protocolwijzer.protocols.avg_check import avg_check, format_advice

    articles = _articles_to_check(args.protocol)
    advice = avg_check(articles)
    if args.format == "json":
        _json(out, {"protocol": args.protocol, "advice": [a.to_dict() for a in advice]})
    else:
        out.write(format_advice(advice, args.protocol))
    return EXIT_FINDINGS if advice else EXIT_OK


def _articles_to_check(ref: str) -> list[tuple[str, str]]:
    """(id, text) of every article of a protocol id or file, or of a document imported
    on the fly (the document's own text, before anyone confirmed a proposal)."""
    path = Path(ref)
    if path.suffix.lower() in (".yaml", ".yml") or not path.is_file():
        protocol = resolve_protocol(ref)
        return [(article.id, article.text) for article in protocol.iter_articles()]
    from protocolwijzer.protocols.importing import DocumentError
    from protocolwijzer.protocols.importing.reading import read_lines
    from protocolwijzer.protocols.importing.structure import outline

    try:
        articles = outline(read_lines(_read_document(ref))).articles()
    except DocumentError as exc:
        raise UsageError(f"{ref}: {exc}") from None
    if not articles:
        raise UsageError(f"{ref}: " + _("No articles were found in the document: it needs "
                                        "headings with paragraphs or numbered points below "
                                        "them."))
    return [(article.id, article.text) for article in articles]


# -- check ----------------------------------------------------------------------------------

def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    # Loading the analysis makes many objects and frees few: the cyclic garbage collector
    # would run dozens of times for nothing, about 4% of a one-off check.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _check(args, out)
    finally:
        if collecting:
            gc.enable()


def _check(args: argparse.Namespace, out: TextIO) -> int:
    _keep_start_up_work()
    from protocolwijzer.engine.check import check_situation
    from protocolwijzer.engine.errors import SituationError
    from protocolwijzer.engine.explain import format_verdict
    from protocolwijzer.engine.situation import parse_situation, read_situation_text

    raw = _read_input(args.file)
    try:
        data = read_situation_text(raw)
        if args.protocol and isinstance(data, dict):
            data = {**data, "protocol": args.protocol}
        situation = parse_situation(data)
    except SituationError as exc:
        _report_problems(exc, args.format)
        return EXIT_BAD_INPUT
    protocol = resolve_protocol(situation.protocol)
    # The same core as the page and the API (checks.actions.do_check), without a school.
    verdict = check_situation(protocol, situation)
    if args.format == "json":
        _json(out, verdict.to_dict())
    else:
        out.write(format_verdict(verdict, protocol))
    return verdict.exit_code


def _keep_start_up_work() -> None:
    """The text analysis's compiled patterns and tables from the user's cache directory
    (``startcache.py``): building them was most of a one-off command's time."""
    from protocolwijzer.analysis import startcache

    startcache.use_directory(startcache.default_dir())


def _read_input(name: str) -> bytes:
    from protocolwijzer.engine.limits import MAX_BYTES

    # One byte past the limit is enough for the loader to refuse, whatever the size.
    if name == "-":
        return sys.stdin.buffer.read(MAX_BYTES + 1)
    try:
        with Path(name).open("rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise UsageError(_("%(file)s: cannot be read: %(reason)s.")
                         % {"file": name, "reason": exc.strerror or exc}) from None


def _report_problems(exc: Any, fmt: str) -> None:
    if fmt == "json":
        _json(sys.stderr, {"error": "bad_input",
                           "problems": [p.to_dict() for p in exc.problems]})
    else:
        for problem in exc.problems:
            print(problem.format(), file=sys.stderr)


# -- analyse-text ---------------------------------------------------------------------------

def cmd_analyse_text(args: argparse.Namespace, out: TextIO) -> int:
    _keep_start_up_work()
    from protocolwijzer.analysis import Roster, analyse_text

    names: tuple[str, ...] = ()
    if args.protocol:
        names = resolve_protocol(args.protocol).names
    roster = None
    if args.roster:
        with _open_text(args.roster) as handle:
            roster = Roster.of(line.strip() for line in handle if line.strip())
    contacts = tuple(args.contact)
    if args.jsonl:
        return _analyse_lines(args.jsonl, out, names, contacts, roster, args.jobs)
    if args.text is None:
        raise UsageError(_("text: give the text as an argument, - for stdin, or --jsonl FILE."))
    text = sys.stdin.read() if args.text == "-" else args.text
    _json(out, analyse_text(text, organisation_names=names, public_contacts=contacts,
                            roster=roster).to_dict())
    return EXIT_OK


def _analyse_lines(name: str, out: TextIO, names: tuple[str, ...], contacts: tuple[str, ...],
                   roster: Roster | None, jobs: int = 0) -> int:
    """One result line per input line, in order. A bad line gets an error line in its
    place (and a message on stderr) and the rest is still analysed; the exit code is 2
    when any line was bad. A line may bring its own organisation_names, public_contacts
    and roster (a list of full names), added to the command's. Lines are analysed in
    ``jobs`` processes (one per core by default), the output keeps their order."""
    source = sys.stdin if name == "-" else _open_text(name)
    # The analyser's tables live as long as the process, so the garbage collector need not
    # walk them again and again (and the workers forked below need not copy their pages
    # when it does); a post leaves thousands of short-lived objects but hardly a cycle, so
    # it looks less often. Together about 2% of the batch's time. (Undone at the end: the
    # tests run commands in one process.)
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(10_000, *thresholds[1:])
    try:
        tasks = (_batch_task(name, number, line, names, contacts, roster)
                 for number, line in enumerate(source, start=1) if line.strip())
        workers = jobs if jobs > 0 else (os.cpu_count() or 1)
        if workers == 1:
            bad = _write_results(map(_batch_run, tasks), out)
        else:
            import multiprocessing
            import threading

            # fork: the workers start with the analyser already loaded; a process that
            # already runs threads forks unsafely, so it starts fresh workers instead
            method = "fork" if threading.active_count() == 1 else "forkserver"
            # 32 lines a chunk: fewer hand-overs for the parent, which shares the cores
            # with the workers (2,000 posts: median 350 against 310 posts/s with 8, in
            # turns on this 2-core machine); the last chunk is still short work.
            with multiprocessing.get_context(method).Pool(workers) as pool:
                bad = _write_results(pool.imap(_batch_run, tasks, chunksize=32), out)
    finally:
        if source is not sys.stdin:
            source.close()
        gc.set_threshold(*thresholds)
        gc.unfreeze()
    return EXIT_BAD_INPUT if bad else EXIT_OK


def _write_results(results: Any, out: TextIO) -> int:
    bad = 0
    for line, message in results:
        if message:
            print(message, file=sys.stderr)
            bad += 1
        out.write(line + "\n")
    return bad


def _batch_task(name: str, number: int, line: str, names: tuple[str, ...],
                contacts: tuple[str, ...], roster: Roster | None) -> tuple[Any, ...]:
    """What one input line asks for, or the error it has (checked in the parent, so that
    the messages are in the user's language)."""
    from protocolwijzer.engine.errors import ProblemsError
    from protocolwijzer.engine.jsonsafe import check_json

    try:
        # Bounded before it is parsed (a ProblemsError is a ValueError): no line can make
        # json recurse without end.
        check_json(line, ProblemsError)
        item = json.loads(line)
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise TypeError
        extra_names = _strings(item, "organisation_names")
        extra_contacts = _strings(item, "public_contacts")
        line_roster = tuple(roster.words) if roster else ()
        if "roster" in item:
            line_roster += _strings(item, "roster")
    except (ValueError, TypeError) as exc:
        field = str(exc) if isinstance(exc, _FieldError) else "text"
        message = (_('%(file)s:%(line)s: %(field)s: each line must be a JSON object with a '
                     '"text" string; organisation_names, public_contacts and roster are '
                     'lists of strings.') % {"file": name, "line": number, "field": field})
        return ("error", number, field, message)
    return ("text", item["text"], names + extra_names, contacts + extra_contacts, line_roster)


def _batch_run(task: tuple[Any, ...]) -> tuple[str, str | None]:
    from protocolwijzer.analysis import Roster, analyse_text

    if task[0] == "error":
        _kind, number, field, message = task
        return json.dumps({"line": number, "error": {"field": field, "message": message}},
                          ensure_ascii=False), message
    _kind, text, names, contacts, roster_words = task
    roster = Roster.of(roster_words) if roster_words else None
    analysis = analyse_text(text, organisation_names=names, public_contacts=contacts,
                            roster=roster)
    return json.dumps(analysis.to_dict(), ensure_ascii=False), None


class _FieldError(ValueError):
    pass


def _strings(item: dict[str, Any], key: str) -> tuple[str, ...]:
    value = item.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _FieldError(key)
    return tuple(value)


# -- readability ----------------------------------------------------------------------------

def cmd_readability(args: argparse.Namespace, out: TextIO) -> int:
    from protocolwijzer.analysis import readability

    if not args.shipped:
        if args.text is None:
            raise UsageError(_("text: give the text as an argument, - for stdin, or --shipped."))
        text = sys.stdin.read() if args.text == "-" else args.text
        result = readability(text)
        if args.format == "json":
            _json(out, result.to_dict())
        else:
            level = result.level or _("too short to say")
            out.write(_("Level: %(level)s (%(words).1f words a sentence, %(long).0f%% long "
                        "words)") % {"level": level, "words": result.words_per_sentence,
                                     "long": result.long_words * 100} + "\n")
        return EXIT_OK

    from protocolwijzer.texts import shipped_texts

    rows = []
    too_hard = []
    for shipped in shipped_texts():
        result = readability(shipped.text)
        row = {"source": shipped.source, "where": shipped.where, "audience": shipped.audience,
               "verbatim": shipped.verbatim, "level": result.level, "text": shipped.text}
        rows.append(row)
        if shipped.audience == "student" and not shipped.verbatim and not result.at_most("B1"):
            too_hard.append(row)
    if args.format == "json":
        _json(out, {"texts": rows, "above_b1_for_students": too_hard})
    else:
        counts: dict[tuple[str, str], dict[str, int]] = {}
        for row in rows:
            key = (row["source"].split()[0], _("verbatim article") if row["verbatim"]
                   else row["audience"])
            level = row["level"] or "-"
            counts.setdefault(key, {}).setdefault(level, 0)
            counts[key][level] += 1
        out.write(_("Level of every Dutch text (\"-\": under five words)") + "\n")
        for (source, audience), levels in sorted(counts.items()):
            spread = ", ".join(f"{lv} {levels[lv]}" for lv in ("A2", "B1", "B2", "C1", "-")
                               if lv in levels)
            out.write(f"  {source:<10} {audience:<17} {spread}\n")
        for row in too_hard:
            out.write(_("Above B1 for students: %(where)s (%(level)s): %(text)s")
                      % row + "\n")
    return EXIT_FINDINGS if too_hard else EXIT_OK


def _open_text(name: str) -> TextIO:
    try:
        return open(name, encoding="utf-8")
    except OSError as exc:
        raise UsageError(_("%(file)s: cannot be read: %(reason)s.")
                         % {"file": name, "reason": exc.strerror or exc}) from None


# -- faces and blur -------------------------------------------------------------------------

def _inspect_media(name: str) -> Any:
    from protocolwijzer.imaging import RefusedFile, inspect
    from protocolwijzer.imaging.files import MAX_UPLOAD_BYTES

    path = Path(name)
    if not path.is_file():
        raise UsageError(_("%(file)s: cannot be read: %(reason)s.")
                         % {"file": name, "reason": _("no such file")})
    try:
        return inspect(path, max_bytes=MAX_UPLOAD_BYTES)
    except RefusedFile as exc:
        raise UsageError(f"{name}: {exc.message}") from None


def cmd_faces(args: argparse.Namespace, out: TextIO) -> int:
    from protocolwijzer.imaging import detect_faces, detect_video, load_photo

    results: list[dict[str, Any]] = []
    failed = False
    for name in args.files:
        try:
            media = _inspect_media(name)
        except UsageError as exc:
            print(str(exc), file=sys.stderr)
            results.append({"file": name, "error": str(exc)})
            failed = True
            continue
        if media.kind == "sound":
            message = _("%(file)s: a sound recording has no faces; say who can be heard "
                        "on it in the checker.") % {"file": name}
            print(message, file=sys.stderr)
            results.append({"file": name, "error": message})
            failed = True
            continue
        if media.kind == "video":
            video = detect_video(Path(name))
            results.append({"file": name, "kind": "video", "width": video.width,
                            "height": video.height, "frames": video.frames,
                            "fps": round(video.fps, 3),
                            "tracks": [t.to_dict() for t in video.tracks]})
            continue
        image = load_photo(Path(name))
        found = detect_faces(image)
        results.append({"file": name, "width": image.width, "height": image.height,
                        "faces": [face.to_dict() for face in found]})
    if args.format == "json":
        _json(out, results)
    else:
        for result in results:
            if "error" in result:
                continue
            if result.get("kind") == "video":
                out.write(_("%(file)s: video of %(width)s x %(height)s, %(frames)s frames, "
                            "%(count)s faces followed") % {**result, "count":
                                                           len(result["tracks"])} + "\n")
                for track in result["tracks"]:
                    box = track["keyframes"][0][1]
                    out.write(_("  %(number)s  frames %(first)s to %(last)s, first at "
                                "%(box)s") % {"number": track["id"], "first": track["first"],
                                              "last": track["last"], "box": box} + "\n")
                continue
            out.write(_("%(file)s: %(width)s x %(height)s pixels, %(count)s faces")
                      % {**result, "count": len(result["faces"])} + "\n")
            for number, face in enumerate(result["faces"], start=1):
                out.write(_("  %(number)s  %(box)s  score %(score).2f")
                          % {"number": number, "box": face["box"], "score": face["score"]}
                          + "\n")
    return EXIT_BAD_INPUT if failed else EXIT_OK


def _numbers(value: str, count: int, option: str = "--faces") -> list[int]:
    if value == "all":
        return list(range(1, count + 1))
    if value == "none":
        return []
    try:
        numbers = sorted({int(part) for part in value.split(",") if part.strip()})
    except ValueError:
        raise UsageError(_("%(option)s: give all, none or numbers separated by commas, such "
                           "as 1,3.") % {"option": option}) from None
    wrong = [n for n in numbers if not 1 <= n <= count]
    if wrong:
        raise UsageError(_("%(option)s: there is no face %(number)s; this file has "
                           "%(count)s.") % {"option": option, "number": wrong[0],
                                            "count": count})
    return numbers


def _boxes(values: list[str], width: int, height: int) -> list[tuple[int, int, int, int]]:
    boxes = []
    for value in values:
        try:
            x1, y1, x2, y2 = (int(part) for part in value.split(","))
        except ValueError:
            raise UsageError(_("--box: give four whole numbers X1,Y1,X2,Y2, such as "
                               "10,20,110,140.")) from None
        if not (0 <= x1 < x2 <= width and 0 <= y1 < y2 <= height):
            raise UsageError(_("--box: %(box)s does not lie within the %(width)s x "
                               "%(height)s image.") % {"box": value, "width": width,
                                                      "height": height})
        boxes.append((x1, y1, x2, y2))
    return boxes


def cmd_blur(args: argparse.Namespace, out: TextIO) -> int:
    from protocolwijzer.imaging import (
        blur_photo,
        blur_video,
        detect_faces,
        detect_video,
        load_photo,
        still_track,
    )

    media = _inspect_media(args.file)
    target = Path(args.output)
    if media.kind == "sound":
        raise UsageError(_("%(file)s: a sound recording has no faces to blur.")
                         % {"file": args.file})
    if media.kind == "photo" and target.suffix.lower() not in (".jpg", ".jpeg"):
        raise UsageError(_("-o: the copy of a photo is written as JPEG; give a name ending "
                           "in .jpg."))
    if media.kind == "video" and target.suffix.lower() != ".mp4":
        raise UsageError(_("-o: the copy of a video is written as MP4; give a name ending "
                           "in .mp4."))
    if media.kind == "photo":
        image = load_photo(Path(args.file))
        found = detect_faces(image)
        numbers = _numbers(args.faces, len(found))
        boxes = [found[n - 1].box for n in numbers]
        boxes += _boxes(args.box, image.width, image.height)
        _write_atomically(target, blur_photo(image, boxes, mode=args.mode))
        covered = len(boxes)
    else:
        video = detect_video(Path(args.file))
        numbers = _numbers(args.faces, len(video.tracks))
        drawn = _boxes(args.box, video.width, video.height)
        extra = [still_track(len(video.tracks) + i + 1, box, video.frames)
                 for i, box in enumerate(drawn)]
        if extra:
            from dataclasses import replace

            video = replace(video, tracks=[*video.tracks, *extra])
            numbers += [track.id for track in extra]
        blur_video(Path(args.file), target, numbers, video, keep_audio=args.keep_audio,
                   mode=args.mode)
        covered = len(numbers)
    if args.format == "json":
        _json(out, {"file": args.file, "output": str(target), "kind": media.kind,
                    "covered": covered})
    else:
        out.write(_("%(output)s written: %(count)s faces covered, no metadata.")
                  % {"output": target, "count": covered} + "\n")
    return EXIT_OK


def _write_atomically(target: Path, data: bytes) -> None:
    import tempfile

    target.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


# -- manage ---------------------------------------------------------------------------------

def _manage(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "protocolwijzer.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["protocolwijzer manage", *argv])
    return EXIT_OK


# -- helpers --------------------------------------------------------------------------------

def _json(out: TextIO, data: Any) -> None:
    out.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def _article_json(article: Any, lines: list[str]) -> dict[str, Any]:
    from protocolwijzer.engine.protocol import localize

    return {"id": article.id, "kind": article.kind, "section": article.section_id,
            "text": article.text, "summary": localize(article.summary) or None,
            "for_you": lines}


if __name__ == "__main__":
    sys.exit(main())
