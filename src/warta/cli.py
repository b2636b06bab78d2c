"""The `warta` command line. Exit codes: 0 done, 1 an input or database failed, 2 usage."""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from . import __version__
from .errors import InputError, QueryError, StoreError, WartaError, describe

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)
DB_HELP = "SQLite file or postgresql:// URL (default: $WARTA_DB or warta.db)."


_COUNT_NAMES = {"entity_links": "names linked across articles", "entity_corrections": "corrections"}


def _db_default() -> str:
    return os.environ.get("WARTA_DB", "warta.db")


def fail(message: str, code: int = 1) -> None:
    err.print(f"[bold red]warta: error:[/] {escape(message)}")
    sys.exit(code)


def _use_ner(ctx, param, value):
    """--ner: pick the NER model before anything is analysed."""
    if value:
        from .nlp.pipeline import use_ner

        try:
            use_ner(value)
        except (RuntimeError, ValueError) as exc:
            fail(str(exc), 2)
    return value


ner_option = click.option(
    "--ner", type=click.Choice(["fast", "accurate"]), default=None, callback=_use_ner, expose_value=False,
    help="NER model: fast (the CNN, default) or accurate (the fine-tuned encoder; needs warta[accurate]).")


def _dump(obj) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False))


def _open(db: str, create: bool = False):
    from .store import open_store

    try:
        return open_store(db, create=create)
    except StoreError as exc:
        fail(str(exc))


def _display(db: str) -> str:
    from .store import display

    return display(db)


def _run(db: str, fn, *args, **kwargs):
    """Open the database, run one read, close it; a bad query is a one-line error."""
    store = _open(db)
    try:
        return fn(store, *args, **kwargs)
    except QueryError as exc:
        fail(str(exc))
    finally:
        store.close()


def _printed_as_json_or_empty(result: dict, as_json: bool, empty: str) -> bool:
    """Print ``result`` as JSON, or say that nothing was found; True when nothing else is due."""
    if as_json:
        _dump(result)
        return True
    if not result["rows"]:
        err.print(empty)
        return True
    return False


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="warta")
def cli() -> None:
    """warta: Indonesian news intelligence. Analyse articles, store them, search them."""


# -- analyze ---------------------------------------------------------------------------------

@cli.command()
@click.argument("file", required=False)
@click.option("--jsonl", "jsonl", metavar="IN", help="Analyse a JSONL file ('-' for stdin); one record a line out.")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON record instead of a report.")
@click.option("--published", metavar="DATE", help="Publication date (YYYY-MM-DD), the anchor for relative times.")
@click.option("--url", help="The article's URL.")
@click.option("--title", help="The article's title.")
@click.option("--format", "fmt", type=click.Choice(["auto", "text", "html"]), default="auto",
              show_default=True, help="Input kind; auto sniffs HTML.")
@ner_option
def analyze(file, jsonl, as_json, published, url, title, fmt):
    """Analyse one article (FILE, or '-' for stdin) and print what warta finds."""
    from .api import analyze as run, analyze_many
    from .sources import iter_jsonl_lines
    from .sources.files import read_file

    if jsonl and file:
        raise click.UsageError("give either FILE or --jsonl IN, not both")
    if jsonl:
        handle = sys.stdin if jsonl == "-" else _open_text(jsonl)
        raws = iter_jsonl_lines(handle, "<stdin>" if jsonl == "-" else jsonl)
        for result in analyze_many(raws, batch_size=16):
            _dump(result.to_dict())
        return
    if not file:
        raise click.UsageError("give FILE ('-' for stdin) or --jsonl IN")
    try:
        if file == "-":
            content, source = sys.stdin.read(), "<stdin>"
        else:
            path = Path(file)
            if not path.is_file():
                fail(f"{file}: no such file")
            content, _ = read_file(path)
            source = file
        article = run(content, published=published, url=url, title=title, format=fmt, source=source)
    except InputError as exc:
        fail(str(exc))
    except ValueError as exc:
        fail(f"{file}: {exc}")
    if as_json:
        _dump(article.to_dict())
    else:
        report(article.to_dict())


def _open_text(path: str):
    try:
        if path.endswith(".gz"):
            import gzip
            return gzip.open(path, "rt", encoding="utf-8", errors="replace")
        return open(path, encoding="utf-8", errors="replace")
    except OSError as exc:
        fail(f"{path}: cannot read ({exc.strerror})")


def report(rec: dict) -> None:
    """A readable account of one record."""
    text = rec["text"]
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold cyan")
    grid.add_column()
    dl = rec.get("dateline") or {}
    rows = [
        ("Id", rec["id"]), ("Title", rec.get("title")), ("URL", rec.get("url")),
        ("Outlet", rec.get("outlet")), ("Published", rec.get("published")),
        ("Dateline", f"{dl['text']}  (place: {dl.get('place') or '-'})" if dl else None),
        ("Credits", " | ".join(rec.get("credits") or []) or None),
        ("Copy of", rec.get("copy_of")),
        ("Story", rec.get("story")),
        ("Authors", "; ".join(f"{a['role']}: {a['name']}" for a in rec.get("authors") or []) or None),
    ]
    for rel in rec.get("related") or []:
        rows.append(("Related", f"{rel['kind']}: {rel['text']}"))
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    rows.append(("Body", f"{len(paragraphs)} paragraphs, {len(rec.get('sentences') or [])} sentences, "
                         f"{len(text.split()):,} words"))
    for w in rec.get("warnings") or []:
        rows.append(("Warning", w))
    for label, value in rows:
        if value:
            grid.add_row(label, escape(str(value)))
    out.print(grid)
    events = rec.get("events") or []
    if events:
        out.print(f"\n[bold]Events[/] ({len(events)})")
        names = {k: v["name"] for k, v in (rec.get("entity_index") or {}).items()}
        for e in events[:10]:
            out.print(f"  {e['type']}{'/' + e['mode'] if e.get('mode') else ''} ({e.get('status')}): "
                      f"{escape(names.get(e.get('actor'), e.get('actor') or e.get('actor_text') or '?'))} -> "
                      f"{escape(names.get(e.get('target'), e.get('target') or '-'))}"
                      f"{'  when ' + e['when'] if e.get('when') else ''}{'  where ' + escape(e['where']) if e.get('where') else ''}"
                      f"  [dim]“{escape((e.get('trigger') or {}).get('text', ''))}”[/]")
    index = rec.get("entity_index") or {}
    if index:
        out.print(f"\n[bold]Entities[/] ({len(index)})")
        table = Table("entity", "label", "mentions", "aliases", "roles", box=None, padding=(0, 2))
        for key, e in sorted(index.items(), key=lambda kv: -kv[1]["mentions"])[:15]:
            roles = "; ".join(r["title"] + (f" {r['of']}" if r.get("of") else "") for r in e.get("roles") or [])
            table.add_row(escape(e["name"]), e["label"], str(e["mentions"]), escape(", ".join(e["aliases"])), escape(roles))
        out.print(table)
    quotes = rec.get("quotes") or []
    if quotes:
        out.print(f"\n[bold]Quotes[/] ({len(quotes)})")
        for q in quotes[:10]:
            who = q.get("speaker_text") or q.get("speaker") or "(unattributed)"
            snippet = q["text"] if len(q["text"]) <= 140 else q["text"][:140] + "…"
            out.print(f"  [cyan]{escape(who)}[/] ({q['kind']}, {escape(q.get('cue') or '-')}): {escape(snippet)}")
    times = rec.get("times") or []
    if times:
        out.print(f"\n[bold]Time expressions[/] ({len(times)})")
        table = Table("expression", "type", "value", box=None, padding=(0, 2))
        for t in times[:12]:
            table.add_row(escape(t["text"]), t["type"], escape(str(t["value"])))
        out.print(table)
        if len(times) > 12:
            out.print(f"  ... and {len(times) - 12} more (--json for all)")
    sents = rec.get("sentences") or []
    picked = [i for i in rec.get("summary") or [] if 0 <= i < len(sents)]
    if sents:
        out.print("\n[bold]Summary[/]" if picked else "\n[bold]Opening sentences[/]")
        for n, i in enumerate(picked or range(min(3, len(sents))), start=1):
            s, e = sents[i]
            out.print(f"  {n}. {escape(text[s:e])}")


# -- ingest ----------------------------------------------------------------------------------

@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default=_db_default, help=DB_HELP)
@click.option("--format", "fmt", type=click.Choice(["auto", "text", "html", "feed"]), default="auto",
              show_default=True, help="Kind of single files; folders are read by extension.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None,
              help="Worker processes for analysis (default: CPU count, at most 4).")
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=200, show_default=True,
              help="Articles committed per transaction.")
@click.option("--max-bytes", type=click.IntRange(1), default=None,
              help="Largest document accepted, in bytes (default 10 MB).")
@click.option("--reanalyze", is_flag=True, help="Analyse articles already stored again and refresh their records.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no per-input errors.")
@ner_option
def ingest(paths, db, fmt, jobs, batch_size, max_bytes, reanalyze, as_json, quiet):
    """Analyse and store files, folders, JSONL ('-' for stdin), feeds, WARC files and URLs."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from .ingest import ingest as run
    from .sources import MAX_BYTES, iter_documents

    from .spark import is_output

    store = _open(db, create=True)
    outputs = [p for p in paths if is_output(p)]
    if outputs:
        _load_outputs(outputs, store, as_json, quiet)
        paths = [p for p in paths if p not in outputs]
        if not paths:
            store.close()
            return
    docs = iter_documents(paths, fmt=fmt, max_bytes=max_bytes or MAX_BYTES)
    progress = Progress(SpinnerColumn(), TextColumn("[bold]ingesting[/]"), BarColumn(),
                        TextColumn("{task.completed:,} articles"), TextColumn("{task.fields[failed]} failed"),
                        TimeElapsedColumn(), console=err, disable=quiet or as_json, transient=True)

    with progress:
        task = progress.add_task("ingest", total=None, failed=0)

        def seen(kind, item):
            if kind == "failed":
                progress.update(task, failed=progress.tasks[0].fields["failed"] + 1)
                if not quiet:
                    progress.console.print(f"[red]warta: failed:[/] {escape(str(item))}")
            progress.advance(task)

        try:
            summary = run(docs, store, jobs=jobs, batch_size=batch_size, on_result=seen, reanalyze=reanalyze)
        except StoreError as exc:
            fail(str(exc))
        finally:
            store.close()
    if as_json:
        _dump({"db": store.url, **summary.to_dict()})
    else:
        rate = f" in {summary.seconds:.1f} s ({summary.total / summary.seconds:,.0f} articles/s)" \
            if summary.seconds else ""
        err.print(f"[bold]{summary.total:,}[/] documents{rate}: [green]{summary.new:,} new[/], "
                  f"{summary.updated:,} updated, {summary.duplicate:,} duplicate, "
                  f"[{'red' if summary.failed else 'green'}]{summary.failed:,} failed[/] -> {escape(store.url)}")
    if summary.failed:
        sys.exit(1)


def _load_outputs(outputs: list[str], store, as_json: bool, quiet: bool) -> None:
    """Bulk-load the Parquet output of `warta spark` (already analysed)."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from .spark import output_rows

    progress = Progress(SpinnerColumn(), TextColumn("[bold]loading[/]"), BarColumn(),
                        TextColumn("{task.completed:,} articles"), TimeElapsedColumn(), console=err,
                        disable=quiet or as_json, transient=True)
    started = time.perf_counter()
    try:
        with progress:
            task = progress.add_task("load", total=None)
            counts = store.load(output_rows(outputs), progress=lambda n: progress.advance(task, n))
    except (StoreError, InputError) as exc:
        store.close()
        fail(str(exc))
    seconds = time.perf_counter() - started
    total = counts["new"] + counts["updated"] + counts["duplicate"]
    if as_json:
        _dump({"db": store.url, "loaded": outputs, **counts, "seconds": round(seconds, 3),
               "articles_per_second": round(total / seconds, 1) if seconds else None})
    else:
        err.print(f"[bold]{total:,}[/] analysed articles loaded in {seconds:.1f} s ({total / seconds:,.0f}/s): "
                  f"[green]{counts['new']:,} new[/], {counts['updated']:,} updated, {counts['duplicate']:,} duplicate; "
                  f"{counts['stories']:,} stories, {counts['copies']:,} copies -> {escape(store.url)}")


# -- spark -----------------------------------------------------------------------------------

@cli.command(name="spark")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", required=True, metavar="DIR", help="Output folder (or URI) for the Parquet tables.")
@click.option("--master", default=None, metavar="URL",
              help="Spark master (default: spark-submit's, else local[*]); e.g. local[2], spark://host:7077.")
@click.option("--partitions", type=click.IntRange(1), default=None,
              help="Partitions the articles are analysed in (default: 4 per core).")
@click.option("--conf", "confs", multiple=True, metavar="KEY=VALUE", help="A Spark setting (repeatable).")
@click.option("--max-bytes", type=click.IntRange(1), default=None,
              help="Largest document accepted, in bytes (default 10 MB).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bars.")
def spark_command(inputs, out, master, partitions, confs, max_bytes, as_json, quiet):
    """Analyse a corpus as an Apache Spark job: JSONL(.gz), text, HTML, WARC or Parquet (text or
    html column) in, Parquet out partitioned by month (load it with `warta ingest OUT`).
    Needs the `spark` extra and a Java runtime."""
    try:
        from .spark import run
    except ImportError:
        fail("the Spark job needs pyspark: pip install 'warta[spark]'")
    conf = {}
    for item in confs:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--conf")
        conf[key] = value
    try:
        summary = run(list(inputs), out, master=master, partitions=partitions, conf=conf, max_bytes=max_bytes,
                      progress=not (quiet or as_json))
    except InputError as exc:
        fail(str(exc))
    except Exception as exc:  # Spark's own errors (no Java, a bad master URL) arrive as Java traces
        fail(f"spark: {describe(exc)}")
    if as_json:
        _dump(summary)
    else:
        errors = summary["errors"]
        err.print(f"[bold]{summary['articles']:,}[/] articles ({summary['copies']:,} copies), "
                  f"[{'red' if errors else 'green'}]{errors:,} error{'' if errors == 1 else 's'}[/] in "
                  f"{summary['seconds']:.1f} s on {summary['master']} -> {escape(out)} "
                  f"(months: {', '.join(summary['months']) or 'none'})")
    if summary["errors"]:
        sys.exit(1)


# -- search, show, stats ---------------------------------------------------------------------

@cli.command()
@click.argument("query")
@click.option("--db", default=_db_default, help=DB_HELP)
@click.option("--outlet", help="Only this outlet (name or domain, e.g. Tempo or tempo.co).")
@click.option("--from", "date_from", metavar="DATE", help="Published on or after (YYYY[-MM[-DD]]).")
@click.option("--to", "date_to", metavar="DATE", help="Published on or before (YYYY[-MM[-DD]]).")
@click.option("--limit", "-n", type=click.IntRange(0, 1000), default=10, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0, show_default=True)
@click.option("--all", "every_copy", is_flag=True, help="List every copy of a republished text (default: one hit each).")
@click.option("--json", "as_json", is_flag=True, help='Print {"total": N, "rows": [...]}.')
def search(query, db, outlet, date_from, date_to, limit, offset, every_copy, as_json):
    """Full-text search (Indonesian stemming): words, "phrases", prefix*, -exclude, OR."""
    from .search import search as run

    result = _run(db, run, query, outlet=outlet, date_from=date_from, date_to=date_to, limit=limit, offset=offset,
                  copies=every_copy)
    if _printed_as_json_or_empty(result, as_json, f"no articles match {query!r}"
                                 + (f" ({result['note']})" if result.get("note") else "")):
        return
    noun = "article matches" if result["total"] == 1 else "articles match"
    err.print(f"{result['total']:,} {noun}; showing {offset + 1}-{offset + len(result['rows'])}")
    for n, row in enumerate(result["rows"], start=offset + 1):
        head = Text(f"{n:>3}. ", style="bold")
        head.append(row["title"] or "(untitled)", style="bold")
        head.append(f"  {row['outlet'] or '-'} · {row['published'] or '-'} · {row['id']}", style="dim")
        if row["copies"] and not every_copy:
            n_out = len(row["also_in"])
            head.append(f"  (also in {n_out} outlet{'s' if n_out != 1 else ''})" if n_out
                        else f"  ({len(row['copies'])} more cop{'ies' if len(row['copies']) > 1 else 'y'})", style="cyan")
        out.print(head)
        snip = Text("     " + row["snippet"])
        for s, e in row["highlights"]:
            snip.stylize("bold yellow", s + 5, e + 5)
        out.print(snip)


@cli.command()
@click.argument("query", required=False)
@click.option("--db", default=_db_default, help=DB_HELP)
@click.option("--outlet", help="Only this outlet.")
@click.option("--from", "date_from", metavar="DATE", help="Dates on or after (YYYY[-MM[-DD]]).")
@click.option("--to", "date_to", metavar="DATE", help="Dates on or before (YYYY[-MM[-DD]]).")
@click.option("--limit", "-n", type=click.IntRange(0, 10_000), default=30, show_default=True)
@click.option("--json", "as_json", is_flag=True, help='Print {"total": N, "rows": [...]}.')
def timeline(query, db, outlet, date_from, date_to, limit, as_json):
    """When things happened: dated time expressions across articles (optionally matching QUERY)."""
    from .search import timeline as run

    result = _run(db, run, query, outlet=outlet, date_from=date_from, date_to=date_to, limit=limit)
    if _printed_as_json_or_empty(result, as_json, "no dated time expressions found"):
        return
    err.print(f"{result['total']:,} dated expressions; showing {len(result['rows'])}")
    for row in result["rows"]:
        line = Text(f"{row['date']}  ", style="bold")
        line.append(f"{row['expression']}", style="yellow")
        line.append(f"  {row['outlet'] or '-'} · {row['title'] or row['id']}", style="dim")
        out.print(line)
        out.print(Text("            " + row["context"]))


@cli.group(invoke_without_command=True)
@click.option("--db", default=_db_default, help=DB_HELP)
@click.option("--label", type=click.Choice(["PER", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "NORP", "EVENT"],
                                           case_sensitive=False), help="Only this kind of entity.")
@click.option("--top", "-n", type=click.IntRange(0, 10_000), default=20, show_default=True)
@click.option("--relink", is_flag=True, help="Recompute every entity's key from what is stored (corrections kept).")
@click.option("--json", "as_json", is_flag=True, help="Print the rows as JSON.")
@click.pass_context
def entities(ctx, db, label, top, relink, as_json):
    """The entities named in most articles; `merge` and `split` correct their identities."""
    if ctx.invoked_subcommand is not None:
        return
    from .search import top_entities

    if relink:
        _relink(db, as_json)
        return
    rows = _run(db, top_entities, label=label, top=top)
    if as_json:
        _dump({"rows": rows})
        return
    table = Table("entity", "label", "articles", "mentions", "key", box=None, padding=(0, 2))
    for r in rows:
        table.add_row(escape(r["name"]), r["label"], f"{r['articles']:,}", f"{r['mentions']:,}", r["key"])
    out.print(table)


def _over_every_article(db: str, label: str, method: str, as_json: bool) -> dict:
    """Run a store method that visits every article (``progress(n)``) under a progress bar."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    store = _open(db)
    try:
        with Progress(TextColumn(f"[bold]{label}[/]"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=err, disable=as_json) as progress:
            task = progress.add_task(label, total=store.count())
            return getattr(store, method)(progress=lambda n: progress.advance(task, n))
    except StoreError as exc:
        fail(str(exc))
    finally:
        store.close()


def _relink(db: str, as_json: bool) -> None:
    result = _over_every_article(db, "relinking", "relink", as_json)
    if as_json:
        _dump(result)
    else:
        out.print(f"{result['articles']:,} articles relinked from {result['forms']:,} joined name forms: "
                  f"{result['links']:,} names written alone now carry another entity's key "
                  f"({result['changed']:,} changed)")


def _correct(db: str, fn, *args, as_json: bool) -> None:
    store = _open(db)
    try:
        result = fn(store, *args)
    except (QueryError, StoreError) as exc:
        fail(str(exc))
    finally:
        store.close()
    if as_json:
        _dump(result)
    else:
        verb = "merged into" if result["action"] == "merge" else "split from"
        n = len(result["changed"])
        out.print(f"{escape(result['other'])} {verb} {escape(result['key'])}: {n} name{'' if n == 1 else 's'} "
                  "linked anew; the correction is kept through re-ingest and --relink")
    if result.get("warning"):
        err.print(f"[yellow]warta: warning:[/] {escape(result['warning'])}")


@entities.command("merge")
@click.argument("keep")
@click.argument("other")
@click.option("--db", default=_db_default, help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the correction as JSON.")
def entities_merge(keep, other, db, as_json):
    """Join the entity OTHER into KEEP (each a key, a name or an alias)."""
    from .search import merge_entities

    _correct(db, merge_entities, keep, other, as_json=as_json)


@entities.command("split")
@click.argument("entity")
@click.argument("form")
@click.option("--db", default=_db_default, help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the correction as JSON.")
def entities_split(entity, form, db, as_json):
    """Keep the written FORM apart from ENTITY (its own entity from now on)."""
    from .search import split_entity

    _correct(db, split_entity, entity, form, as_json=as_json)


@cli.command()
@click.argument("name")
@click.option("--db", default=_db_default, help=DB_HELP)
@click.option("--limit", "-n", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the profile as JSON.")
def entity(name, db, limit, as_json):
    """One entity: articles over time, co-occurring entities, roles seen, aliases."""
    from .search import entity_profile

    profile = _run(db, entity_profile, name, limit=limit)
    if profile is None:
        fail(f"{name}: no such entity in {_display(db)}")
    if as_json:
        _dump(profile)
        return
    out.print(f"[bold]{escape(profile['name'])}[/]  {profile['label']}"
              + (f"  ({profile['country']})" if profile["country"] else "") + f"  key {profile['key']}")
    out.print("aliases: " + escape(", ".join(f"{a['text']} ({a['mentions']})" for a in profile["aliases"])))
    if profile.get("linked"):
        out.print("joined across articles: " + escape(", ".join(
            f"{l['local']} (written alone in {l['articles']} article{'' if l['articles'] == 1 else 's'}, "
            + ("merged by hand)" if l["how"] == "merge" else "other articles join it to this entity)")
            for l in profile["linked"])))
    if profile["roles"]:
        out.print("roles: " + escape("; ".join(r["title"] + (f" of {r['of']}" if r["of"] else "")
                                               for r in profile["roles"])))
    out.print("articles by date: " + ", ".join(f"{t['date'] or '-'}: {t['articles']}" for t in profile["timeline"]))
    if profile["cooccurring"]:
        out.print("named with: " + escape(", ".join(f"{c['name']} ({c['articles']})" for c in profile["cooccurring"])))
    for a in profile["articles"]:
        out.print(f"  {a['published'] or '-'}  {escape(a['title'] or a['id'])}  [dim]{a['outlet'] or '-'} · {a['id']}[/]")


@cli.command()
@click.argument("query", required=False)
@click.option("--speaker", help="Only quotes by this speaker (name, alias or entity key).")
@click.option("--db", default=_db_default, help=DB_HELP)
@click.option("--limit", "-n", type=click.IntRange(0, 10_000), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help='Print {"total": N, "rows": [...]}.')
def quotes(query, speaker, db, limit, as_json):
    """Who said what: search quotes by text (QUERY) and by speaker."""
    from .search import search_quotes

    result = _run(db, search_quotes, query, speaker=speaker, limit=limit)
    if _printed_as_json_or_empty(result, as_json, "no quotes found"):
        return
    err.print(f"{result['total']:,} quotes; showing {len(result['rows'])}")
    for r in result["rows"]:
        who = r["speaker_name"] or r["speaker_text"] or "(unattributed)"
        head = Text(f"{who}", style="bold")
        head.append(f"  {r['kind']}, {r['cue'] or '-'}  {r['outlet'] or '-'} · {r['published'] or '-'} · {r['id']}",
                    style="dim")
        out.print(head)
        out.print(Text("    “" + r["text"] + "”"))


@cli.command()
@click.argument("ident", metavar="[ID]", required=False)
@click.option("--db", default=_db_default, help=DB_HELP)
@click.option("--from", "date_from", metavar="DATE", help="Stories still running on or after (YYYY[-MM[-DD]]).")
@click.option("--to", "date_to", metavar="DATE", help="Stories begun on or before (YYYY[-MM[-DD]]).")
@click.option("--entity", metavar="NAME", help="Only stories naming this entity (name, alias or key).")
@click.option("--outlet", help="Only stories this outlet reported.")
@click.option("--biggest", is_flag=True, help="Biggest first (default: the most recent first).")
@click.option("--limit", "-n", type=click.IntRange(0, 10_000), default=20, show_default=True)
@click.option("--rebuild", is_flag=True, help="Find every copy and story again from what is stored.")
@click.option("--json", "as_json", is_flag=True, help='Print {"stories": [{"id", "title", "articles", ...}]}.')
def stories(ident, db, date_from, date_to, entity, outlet, biggest, limit, rebuild, as_json):
    """Stories across outlets and days; with ID, one story's timeline, copies, entities and quotes."""
    from .search import list_stories

    if rebuild:
        _rebuild_stories(db, as_json)
        return
    if ident:
        story = _run(db, lambda store: store.story(ident))
        if story is None:
            fail(f"{ident}: no such story in {_display(db)}")
        if as_json:
            _dump(story)
            return
        out.print(f"[bold]{escape(story['title'] or '(untitled)')}[/]  [dim]{story['id']}[/]")
        out.print(f"  {story['size']} articles in {len(story['outlets'])} outlets, {story['first'] or '-'} .. "
                  f"{story['last'] or '-'}; first: {story['first_reporter']['outlet'] if story['first_reporter'] else '-'}")
        for a in story["articles"]:
            note = f"  copy of {a['copy_of']}" if a["copy_of"] else ""
            out.print(f"  {a['published'] or '-':<25} {escape(a['outlet'] or '-'):<16} {escape(a['title'] or a['id'])}"
                      f"[dim]{note}[/]")
        if story["entities"]:
            out.print("  entities: " + ", ".join(f"{escape(e['name'])} ({e['articles']})" for e in story["entities"][:8]))
        return
    result = _run(db, list_stories, date_from=date_from, date_to=date_to, entity=entity, outlet=outlet,
                  limit=limit, order="size" if biggest else "recent")
    if as_json:
        _dump({"stories": result["stories"], "total": result["total"]})
        return
    if not result["stories"]:
        err.print("no stories found" + (f" ({result['note']})" if result.get("note") else ""))
        return
    err.print(f"{result['total']:,} stories; showing {len(result['stories'])}")
    table = Table(box=None, padding=(0, 2))
    table.add_column("story", min_width=28, ratio=1)
    for name in ("articles", "outlets"):
        table.add_column(name, justify="right", no_wrap=True)
    for name in ("first", "last", "id"):
        table.add_column(name, no_wrap=True)
    for r in result["stories"]:
        table.add_row(escape((r["title"] or "(untitled)")[:70]), str(r["size"]), str(len(r["outlets"])),
                      (r["first"] or "-")[:16], (r["last"] or "-")[:16], r["id"])
    out.print(table)


def _rebuild_stories(db: str, as_json: bool) -> None:
    result = _over_every_article(db, "stories", "rebuild_stories", as_json)
    if as_json:
        _dump(result)
    else:
        out.print(f"{result['articles']:,} articles: {result['stories']:,} stories, {result['copies']:,} copies")


@cli.command()
@click.argument("ident", metavar="ID")
@click.option("--db", default=_db_default, help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the stored JSON record.")
def show(ident, db, as_json):
    """Show one stored article by id or URL."""
    record = _run(db, lambda store: store.get(ident))
    if record is None:
        fail(f"{ident}: no such article in {_display(db)}")
    if as_json:
        _dump(record)
    else:
        report(record)


@cli.command()
@click.option("--db", default=_db_default, help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def stats(db, as_json):
    """Counts of what the database holds."""
    figures = _run(db, lambda store: store.stats())
    if as_json:
        _dump(figures)
        return
    c = figures["counts"]
    out.print(f"[bold]{escape(figures['path'])}[/] ({figures['backend']})  {figures['bytes'] / 1048576:.1f} MB, "
              f"published {figures['first_published'] or '-'} .. {figures['last_published'] or '-'}")
    out.print("  " + ", ".join(f"{n:,} {_COUNT_NAMES.get(t, t)}" for t, n in c.items()))
    table = Table("outlet", "articles", box=None, padding=(0, 2))
    for row in figures["outlets"]:
        table.add_row(escape(row["outlet"]), f"{row['articles']:,}")
    out.print(table)


# -- eval ------------------------------------------------------------------------------------

@cli.group(name="eval")
def eval_group():
    """Score warta against annotated data (precision, recall, F1)."""


@eval_group.command(name="time")
@click.option("--data", required=True, metavar="PATH",
              help="A TimeML folder (*.tml), or a JSONL corpus the gold file points into.")
@click.option("--gold", metavar="FILE", help="Gold JSONL (doc, dct, times); default: TIMEX3 tags in --data.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_time(data, gold, as_json):
    """Time expressions: strict and relaxed span F1, value accuracy, normalised F1."""
    from .evaluate import load_docs, score_times, warta_times

    try:
        docs = load_docs(data, gold)
    except (InputError, OSError, ValueError) as exc:
        fail(str(exc))
    scores = score_times(docs, warta_times)
    name = f"{data}" + (f" with gold {gold}" if gold else "")
    if as_json:
        _dump({"data": name, "documents": len(docs), **scores})
        return
    out.print(f"[bold]time expressions[/] on {escape(name)}: {len(docs)} documents, "
              f"{scores['gold']} gold, {scores['predicted']} predicted")
    table = Table("", "precision", "recall", "F1", box=None, padding=(0, 2))
    for key in ("strict", "relaxed", "normalised"):
        s = scores[key]
        table.add_row(key, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}")
    out.print(table)
    out.print(f"type accuracy {scores['type_accuracy']:.3f}, value accuracy {scores['value_accuracy']:.3f} "
              "(on relaxed matches)")


@eval_group.command(name="ner")
@click.option("--data", required=True, metavar="FILE", type=click.Path(exists=True, dir_okay=False),
              help="CoNLL-style file: token first, BIO tag last.")
@click.option("--model", "model_dir", metavar="DIR", type=click.Path(exists=True, file_okay=False),
              help="Score this spaCy model instead of the shipped one.")
@click.option("--model-only", is_flag=True, help="Score the model alone, without warta's rules.")
@click.option("--skip-countries", is_flag=True,
              help="Leave spans that are exactly a country name out of gold and prediction "
                   "(data sets differ on whether a country named as an actor is an entity).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@ner_option
def eval_ner(data, model_dir, model_only, skip_countries, as_json):
    """Named entities: exact-span P/R/F1 per label (GPE and FAC count as LOC)."""
    from .evaluate import model_ner_tags, score_ner, warta_ner_tags
    from .nlp.pipeline import current_ner, use_ner

    before = current_ner()
    try:
        if model_dir:
            use_ner(str(Path(model_dir).resolve()))
        scores = score_ner(Path(data), model_ner_tags if model_only else warta_ner_tags, skip_countries)
    except ValueError as exc:
        fail(str(exc), 2)
    finally:
        use_ner(before)  # leave this process's pipeline as it was
    what = ("model alone" if model_only else "model + rules") + (", country names left out" if skip_countries else "")
    if as_json:
        _dump({"data": data, "system": what, "labels": scores})
        return
    out.print(f"[bold]named entities[/] on {escape(data)} ({what})")
    table = Table("label", "precision", "recall", "F1", "gold", "predicted", box=None, padding=(0, 2))
    for label, s in scores.items():
        table.add_row(label, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}",
                      str(s["gold"]), str(s["predicted"]))
    out.print(table)


@eval_group.command(name="quotes")
@click.option("--data", required=True, metavar="FILE", type=click.Path(exists=True, dir_okay=False),
              help="KoTA-style file: token<TAB>BILOU tag (STATEMENT, PERSON, ...).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_quotes(data, as_json):
    """Quotes: statement P/R/F1 (50% token overlap) and speaker accuracy."""
    from .evaluate import score_quotes_kota

    scores = score_quotes_kota(Path(data))
    if as_json:
        _dump({"data": data, **scores})
        return
    st = scores["statements"]
    out.print(f"[bold]quotes[/] on {escape(data)}: statements P {st['precision']:.3f} R {st['recall']:.3f} "
              f"F1 {st['f1']:.3f} ({st['gold']} gold, {st['predicted']} predicted); speaker accuracy "
              f"{scores['speaker_accuracy']:.3f} over {scores['speakers_scored']} matched statements")
    out.print("precision by kind: " + ", ".join(f"{k} {v['precision']:.3f} ({v['predicted']})"
                                                 for k, v in scores["by_kind"].items()))
    rs = scores["reported_speech"]
    out.print(f"reported speech only (indirect and partial): P {rs['precision']:.3f} R {rs['recall']:.3f} "
              f"F1 {rs['f1']:.3f}")
    out.print("speaker accuracy by kind: " + ", ".join(f"{k} {v['accuracy']:.3f} ({v['scored']})"
                                                       for k, v in scores["speaker_by_kind"].items()))


@eval_group.command(name="sentences")
@click.option("--data", required=True, metavar="FILE", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="CoNLL-U file(s) with '# text =' lines.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_sentences(data, as_json):
    """Sentence boundaries: P/R/F1 of exact sentence spans on UD treebanks."""
    from .evaluate import score_sentences
    from .nlp import split_sentences

    results = {}
    for path in data:
        results[path] = score_sentences(Path(path), split_sentences)
    if as_json:
        _dump(results)
        return
    table = Table("data", "precision", "recall", "F1", "sentences", box=None, padding=(0, 2))
    for path, s in results.items():
        table.add_row(escape(Path(path).name), f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}", str(s["gold"]))
    out.print(table)


@eval_group.command("identity")
@click.option("--db", "dbs", multiple=True, required=True,
              help="A store holding the pairs' articles (CLICK-ID ingested); NAME=DB labels it. Repeatable.")
@click.option("--pairs", default=str(Path(__file__).resolve().parents[2] / "eval" / "identity" / "pairs.jsonl"),
              show_default=True, help="Gold pairs of name forms (eval/identity/README.md).")
@click.option("--split", type=click.Choice(["test", "dev", "all"]), default="test", show_default=True,
              help="Which pairs: test (held out), dev (looked at while developing) or all.")
@click.option("--json", "as_json", is_flag=True)
def eval_identity(dbs, pairs, split, as_json):
    """Entity identity on hand-checked pairs of name forms: one key for the same entity, never
    one for two."""
    from .evaluate import score_identity

    try:
        gold = [json.loads(l) for l in Path(pairs).read_text("utf-8").splitlines() if l.strip()]
    except (OSError, ValueError) as exc:
        fail(f"{pairs}: cannot read the pairs ({exc})")
    gold = [p for p in gold if split == "all" or p.get("split", "test") == split]
    results = {}
    for spec in dbs:
        name, _, db = spec.rpartition("=") if "=" in spec and "://" not in spec.split("=", 1)[0] else ("", "", spec)
        results[name or db] = _run(db, lambda store: score_identity(gold, store.get))
    if as_json:
        _dump({"pairs": pairs, "split": split, "n": len(gold), "results": results})
        return
    out.print(f"[bold]entity identity[/] on {len(gold)} {split} pairs ({pairs})")
    table = Table("store", "same within", "same across", "never: kept apart", "false merges", "forms found",
                  box=None, padding=(0, 2))
    for name, r in results.items():
        def cell(group, metric):
            g = r.get(group) or {}
            return f"{g.get(metric, 0):.3f} of {g.get('pairs', 0)}"
        table.add_row(escape(name), cell("same-within", "accuracy"), cell("same-cross", "accuracy"),
                      cell("never", "kept_apart"), f"{r['false_merge_rate']:.3f}", f"{r['forms_found']}/{r['forms']}")
    out.print(table)
    cases = sorted({c for r in results.values() for c in r["cases"]})
    table = Table("case", *results, box=None, padding=(0, 2))
    for c in cases:
        table.add_row(c, *(f"{r['cases'].get(c, [0, 0])[0]}/{r['cases'].get(c, [0, 0])[1]}" for r in results.values()))
    out.print(table)


@cli.group(name="train")
def train_group():
    """Rebuild warta's trained models from ../shared/data (run from a source checkout)."""


@train_group.command(name="ner")
@click.option("--data", default="../shared/data", show_default=True, help="Folder of the training data.")
@click.option("--install", is_flag=True, help="Copy the new model into the package when done.")
@click.option("--max-steps", default=3400, show_default=True, type=click.IntRange(100))
def train_ner(data, install, max_steps):
    """Train the NER model (training/ner/train.py): data, spaCy training, install."""
    import subprocess

    script = Path(__file__).resolve().parents[2] / "training" / "ner" / "train.py"
    if not script.exists():
        fail(f"{script}: not found; training runs from a source checkout of warta")
    args = [sys.executable, str(script), "--data", data, "--max-steps", str(max_steps)]
    sys.exit(subprocess.call(args + (["--install"] if install else [])))


@cli.command()
@click.option("--db", default=_db_default, help=DB_HELP)
@click.option("--format", "fmt", type=click.Choice(["plover", "jsonl"]), default="jsonl", show_default=True,
              help="plover: one PLOVER event a line; jsonl: one article record a line.")
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-", help="File to write ('-': stdout).")
def export(db, fmt, output):
    """Export the database: article records (JSONL) or events (PLOVER JSON lines)."""
    from .search import plover_events

    store = _open(db)
    try:
        if fmt == "plover":
            rows = plover_events(store)
        else:
            rows = store.records()
        for row in rows:
            output.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        store.close()


@cli.command(name="copy")
@click.option("--from", "source", required=True, metavar="DB", help="Database to copy (SQLite file or postgresql:// URL).")
@click.option("--to", "target", required=True, metavar="DB", help="Database to copy into (created or migrated).")
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=500, show_default=True,
              help="Articles written per transaction.")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def copy_command(source, target, batch_size, as_json, quiet):
    """Copy a corpus between databases, e.g. from a SQLite file to PostgreSQL, analysing nothing again."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .store import COUNTED, copy

    src = _open(source)
    dst = _open(target, create=True)
    try:
        was_empty = dst.count() == 0
        total = src.count()
        progress = Progress(TextColumn("[bold]copying[/]"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                            console=err, disable=quiet or as_json, transient=True)
        with progress:
            task = progress.add_task("copy", total=total)
            try:
                statuses = copy(src, dst, batch_size=batch_size, on_batch=lambda n: progress.advance(task, n))
            except StoreError as exc:
                fail(str(exc))
        before, after = src.stats()["counts"], dst.stats()["counts"]
    finally:
        src.close()
        dst.close()
    # Into an empty database, every table must end as it is in the source.
    lost = {t: (before[t], after[t]) for t in COUNTED if was_empty and before[t] != after[t]}
    if as_json:
        _dump({"from": _display(source), "to": _display(target), **statuses, "source": before, "target": after,
               "equal": not lost and was_empty})
    else:
        err.print(f"{total:,} articles from {escape(_display(source))} to {escape(_display(target))}: "
                  f"{statuses['new']:,} new, {statuses['updated']:,} updated, {statuses['duplicate']:,} duplicate")
        out.print("  " + ", ".join(f"{_COUNT_NAMES.get(t, t)} {before[t]:,} -> {after[t]:,}" for t in COUNTED))
    if lost:
        fail("the copy differs from its source: " + ", ".join(f"{t} {a} != {b}" for t, (a, b) in lost.items()))


@cli.command()
@click.option("--db", default=_db_default, help=DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (local only by default).")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(1, 65535))
@click.option("--write-token-env", metavar="VAR", default="WARTA_WRITE_TOKEN", show_default=True,
              help="Environment variable holding the token that allows POST /articles.json.")
def serve(db, host, port, write_token_env):
    """Serve the database in a browser and as a JSON API (read-only without a write token)."""
    import uvicorn

    from .web import create_app

    _open(db).close()  # a missing or unreachable database is an error now, not on the first page
    err.print(f"warta serving {escape(_display(db))} on http://{host}:{port}/  (JSON: add .json to any page)")
    token = os.environ.get(write_token_env) or None
    if token:
        err.print(f"writing enabled: POST /articles.json with 'Authorization: Bearer' and ${write_token_env}")
    # A long keep-alive: busy clients reuse connections the server would otherwise drop under them.
    uvicorn.run(create_app(db, write_token=token), host=host, port=port, log_level="warning",
                timeout_keep_alive=60)


def main() -> None:
    try:
        cli.main(prog_name="warta", standalone_mode=True)
    except WartaError as exc:
        fail(str(exc))
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
