"""Past one machine: enrich a corpus as an Apache Spark job, Parquet out.

``run(inputs, out)`` reads files (text, HTML, JSONL, ``.jsonl.gz``, WARC; local paths, globs or
any URI Spark reads) and Parquet with a ``text`` or ``html`` column; analyses them on the
executors with the same ``analyze_many`` the CLI uses (the model loaded once per Python worker
by ``load_pipeline``'s module-level cache, never pickled); finds copies across the whole output
with MLlib's ``MinHashLSH`` over the shingles and thresholds of ``warta.stories``; and writes,
partitioned by publication month (``month=unknown`` without a date):

    OUT/articles/   id, url, title, outlet, published, language, copy_of, source, record (JSON),
                    title_stems, text_stems (the Sastrawi stems the store's search indexes)
    OUT/entities/   article_id, key, name, label, mentions, country
    OUT/mentions/   article_id, start, end, text, label, entity
    OUT/times/      article_id, start, end, text, type, value, mod, zone
    OUT/quotes/     article_id, start, end, text, kind, speaker, speaker_text, cue, channel, source
    OUT/events/     article_id, type, mode, actor, target, where, when, sentence, trigger_*, ...
    OUT/errors/     source, id, error: the inputs of the last run that could not become articles

Writing replaces the months the job writes and keeps the others (dynamic partition
overwrite), so running the same job again changes nothing; ``errors`` is replaced whole. ``warta ingest OUT`` loads it.
"""
from __future__ import annotations

import json
import os
import re
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError

TABLES = ("articles", "entities", "mentions", "times", "quotes", "events", "errors")
MARKER = "_warta.json"  # written next to the tables; Spark's readers skip names starting with "_"
HASH_TABLES = 20  # MinHashLSH tables: a pair at Jaccard 0.2 is a candidate with probability 1 - 0.8**20 = 0.99
FEATURES = 1 << 24  # shingles hashed into this many features
UNKNOWN_MONTH = "unknown"
LOG_CONFIG = Path(__file__).with_name("log4j2.properties")
_MONTH = re.compile(r"^(\d{4}-\d{2})")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")

RAW_SCHEMA = ("file string, seq long, source string, text string, html string, id string, url string, "
              "title string, outlet string, published string, error string, warnings array<string>")
ANALYSED_SCHEMA = ("file string, seq long, source string, id string, url string, title string, outlet string, "
                   "published string, language string, month string, record string, error string, "
                   "title_stems string, text_stems string, shingles array<string>, n int")


def month_of(published: str | None) -> str:
    m = _MONTH.match(published or "")
    return m.group(1) if m else UNKNOWN_MONTH


def is_output(path: str | Path) -> bool:
    """Whether ``path`` is a folder written by this job (what ``warta ingest`` loads)."""
    path = Path(path)
    return path.is_dir() and ((path / MARKER).is_file() or (path / "articles").is_dir())


# -- on the executors -------------------------------------------------------------------------

def _local_name(path: str) -> str:
    """A local file as the CLI names it (``/data/a.jsonl``), any other URI as Spark gives it."""
    return path[len("file:"):].replace("///", "/", 1) if path.startswith("file:") else path


def _raw_row(file: str, seq: int, doc) -> dict[str, Any]:
    return {"file": file, "seq": seq, "source": doc.source, "text": doc.text, "html": doc.html, "id": doc.id,
            "url": doc.url, "title": doc.title, "outlet": doc.outlet, "published": doc.published,
            "error": doc.error, "warnings": list(doc.warnings)}


def _batches(rows: Iterable[dict[str, Any]], schema, size: int = 256):
    import pyarrow as pa

    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield pa.RecordBatch.from_pylist(chunk, schema=schema)
            chunk = []
    if chunk:
        yield pa.RecordBatch.from_pylist(chunk, schema=schema)


def _schema(ddl: str):
    """A flat "name type, ..." schema as a Spark StructType (built here: parsing DDL needs the JVM)."""
    from pyspark.sql.types import ArrayType, IntegerType, LongType, StringType, StructField, StructType

    types = {"string": StringType(), "long": LongType(), "int": IntegerType(),
             "array<string>": ArrayType(StringType())}
    return StructType([StructField(name, types[kind]) for name, kind in
                       (field.strip().split(" ", 1) for field in ddl.split(","))])


def _arrow(ddl: str):
    from pyspark.sql.pandas.types import to_arrow_schema

    return to_arrow_schema(_schema(ddl))


def read_files(explicit: frozenset[str], max_bytes: int):
    """mapInArrow: binaryFile rows (path, content) -> raw documents, as ``iter_path`` finds them.
    In a folder only known extensions count; a file named on the command line always does."""
    def run(batches):
        from ..sources import KNOWN_EXT, _suffix, iter_bytes

        schema = _arrow(RAW_SCHEMA)

        def rows():
            for batch in batches:
                for item in batch.to_pylist():
                    name = _local_name(item["path"])
                    if _suffix(Path(name)) not in KNOWN_EXT and item["path"] not in explicit \
                            and name not in explicit:
                        continue
                    for seq, doc in enumerate(iter_bytes(name, item["content"], max_bytes=max_bytes)):
                        yield _raw_row(name, seq, doc)

        yield from _batches(rows(), schema)
    return run


def read_table_rows(max_bytes: int):
    """mapInArrow: rows of an input Parquet table -> raw documents, checked as JSONL lines are."""
    def run(batches):
        from ..sources import RawDocument, document_from_dict

        schema = _arrow(RAW_SCHEMA)

        def rows():
            for batch in batches:
                for item in batch.to_pylist():
                    file, seq = _local_name(item.pop("_file")), item.pop("_seq")
                    ident = item.get("id")
                    source = f"{file}#{ident if ident is not None else seq}"
                    fields = {k: v for k, v in item.items() if v is not None}
                    try:
                        doc = document_from_dict(fields, source, max_bytes=max_bytes)
                    except InputError as exc:
                        doc = RawDocument(source=source, id=None if ident is None else str(ident), error=exc.problem)
                    yield _raw_row(file, seq, doc)

        yield from _batches(rows(), schema)
    return run


def analyse(batches):
    """mapInArrow: raw documents -> records (``analyze_many``, as ``warta analyze --jsonl``) with
    the shingles that copies are found by, or error rows."""
    from .. import stories
    from ..api import analyze_many
    from ..record import Failed
    from ..sources import RawDocument
    from ..stemming import stem_text

    schema = _arrow(ANALYSED_SCHEMA)

    def rows():
        for batch in batches:
            items = batch.to_pylist()
            raws = [RawDocument(source=i["source"], text=i["text"], html=i["html"], id=i["id"], url=i["url"],
                                title=i["title"], outlet=i["outlet"], published=i["published"], error=i["error"],
                                warnings=tuple(i["warnings"] or ())) for i in items]
            for item, result in zip(items, analyze_many(raws, batch_size=16)):
                base = {"file": item["file"], "seq": item["seq"], "source": item["source"]}
                if isinstance(result, Failed):
                    yield {**base, "id": result.id, "month": month_of(item["published"]), "error": result.error,
                           "shingles": [], "n": 0}
                    continue
                rec = result.to_dict()
                found = sorted(stories.shingles(stories.copy_tokens(rec)))
                yield {**base, "id": rec["id"], "url": rec.get("url"), "title": rec.get("title"),
                       "outlet": rec.get("outlet"), "published": rec.get("published"),
                       "language": rec.get("language"), "month": month_of(rec.get("published")),
                       "record": json.dumps(rec, ensure_ascii=False), "shingles": found, "n": len(found),
                       # what the store indexes, stemmed here so a load does not stem again
                       "title_stems": stem_text(rec.get("title") or ""), "text_stems": stem_text(rec["text"])}

    yield from _batches(rows(), schema, size=64)


# -- on the driver ----------------------------------------------------------------------------

def session(master: str | None = None, conf: dict[str, str] | None = None, *, app: str = "warta",
            progress: bool = True):
    """The Spark session: the one ``spark-submit`` made, else a local one bound to 127.0.0.1."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app)
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ  # under spark-submit (or a running pyspark)
    if master is None and not submitted:
        master = "local[*]"
    if master:
        builder = builder.master(master)
    if master and master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        # Nothing listens beyond this machine; the Python workers are this Python (with warta).
        builder = (builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                   .config("spark.ui.enabled", "false").config("spark.pyspark.python", sys.executable)
                   .config("spark.pyspark.driver.python", sys.executable)
                   .config("spark.driver.extraJavaOptions", f"-Dlog4j.configurationFile={LOG_CONFIG}"))
    builder = (builder.config("spark.sql.sources.partitionOverwriteMode", "dynamic")
               .config("spark.ui.showConsoleProgress", "true" if progress else "false")
               .config("spark.sql.execution.arrow.maxRecordsPerBatch", "256"))
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _missing(spec: str) -> bool:
    """A local input that names nothing (a URI is left to Spark)."""
    if _SCHEME.match(spec) or spec.startswith("file:"):
        return False
    import glob

    return not glob.glob(spec)


def read_documents(spark, inputs: list[str], *, max_bytes: int):
    """Every input as raw-document rows (files and Parquet tables); missing inputs as error rows."""
    from pyspark.sql import functions as F
    from pyspark.sql.utils import AnalysisException

    absent = [s for s in inputs if _missing(s)]
    missing = [{"file": s, "seq": 0, "source": s, "error": "no such file or folder", "warnings": []} for s in absent]
    present = [s for s in inputs if s not in absent]
    tables = [s for s in present if s.rstrip("/").endswith(".parquet")]
    files = [s for s in present if s not in tables]
    frames = []
    if files:
        explicit = frozenset(str(Path(s).resolve()) for s in files if not _SCHEME.match(s) and Path(s).is_file())
        explicit |= frozenset(s for s in files if _SCHEME.match(s))
        binary = (spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(files)
                  .select("path", "content"))
        frames.append(binary.mapInArrow(read_files(explicit, max_bytes), _schema(RAW_SCHEMA)))
    for spec in tables:
        try:
            table = spark.read.parquet(spec)
        except AnalysisException as exc:
            raise InputError(spec, f"cannot read as Parquet ({str(exc).splitlines()[0]})") from None
        have = set(table.columns)
        if not have & {"text", "html"}:
            raise InputError(spec, f"a Parquet input needs a 'text' or 'html' column (it has {', '.join(sorted(have))})")
        wanted = [c for c in ("text", "html", "id", "url", "title", "outlet", "published") if c in have]
        table = table.select(*[F.col(c).cast("string") for c in wanted],
                             F.input_file_name().alias("_file"), F.monotonically_increasing_id().alias("_seq"))
        frames.append(table.mapInArrow(read_table_rows(max_bytes), _schema(RAW_SCHEMA)))
    if missing:
        frames.append(spark.createDataFrame(missing, _schema(RAW_SCHEMA)))
    if not frames:
        raise InputError(" ".join(inputs), "no input given")
    out = frames[0]
    for frame in frames[1:]:
        out = out.unionByName(frame)
    return out


def find_copies(spark, articles):
    """(id, copy_of) of every article that copies an earlier one: MinHashLSH candidates over the
    body shingles, kept when the exact Jaccard and containment pass ``warta.stories``'s
    thresholds; each group's earliest-published member (then smallest id) is the original."""
    from pyspark.ml.feature import HashingTF, MinHashLSH
    from pyspark.sql import functions as F

    from .. import stories

    usable = articles.where(F.col("n") >= stories.MIN_SHINGLES).select("id", "published", "n", "shingles")
    features = HashingTF(inputCol="shingles", outputCol="features", numFeatures=FEATURES, binary=True) \
        .transform(usable).select("id", "published", "n", "features")
    model = MinHashLSH(inputCol="features", outputCol="hashes", numHashTables=HASH_TABLES,
                       seed=stories.SEED).fit(features)
    j = 1 - F.col("distance")
    a, b = F.col("a.n"), F.col("b.n")
    contained = j * (a + b) / (1 + j) / F.greatest(F.lit(1), F.least(a, b))
    pairs = (model.approxSimilarityJoin(features, features, 1 - stories.COPY_JACCARD + 1e-9, distCol="distance")
             .select(F.col("datasetA").alias("a"), F.col("datasetB").alias("b"), "distance")
             .where(F.col("a.id") < F.col("b.id"))
             .where((j >= stories.COPY_JACCARD) & (F.least(F.lit(1.0), contained) >= stories.COPY_CONTAINMENT))
             .select(F.col("a.id").alias("a"), F.col("a.published").alias("pa"),
                     F.col("b.id").alias("b"), F.col("b.published").alias("pb")))
    parent: dict[str, str] = {}
    when: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    def order(x: str) -> tuple[str, str]:
        return (when.get(x) or "\uffff", x)  # undated last

    for row in pairs.toLocalIterator():
        when[row["a"]], when[row["b"]] = row["pa"], row["pb"]
        ra, rb = root(row["a"]), root(row["b"])
        if ra != rb:
            first, other = sorted((ra, rb), key=order)
            parent[other] = first
    mapping = [(x, root(x)) for x in parent.keys() | set(parent.values()) if root(x) != x]
    return spark.createDataFrame(mapping, "id string, copy_of string")


def _record_schema():
    from pyspark.sql.types import (ArrayType, DoubleType, IntegerType, MapType, StringType, StructField,
                                   StructType)

    def struct(*fields, **typed):
        return StructType([StructField(f, StringType()) for f in fields]
                          + [StructField(f, t) for f, t in typed.items()])

    span = {"start": IntegerType(), "end": IntegerType()}
    return struct(entities=ArrayType(struct("text", "label", "entity", **span)),
                  entity_index=MapType(StringType(), struct("name", "label", "country", mentions=IntegerType())),
                  times=ArrayType(struct("text", "type", "value", "mod", "zone", **span)),
                  quotes=ArrayType(struct("text", "kind", "speaker", "speaker_text", "cue", "channel", "source",
                                          **span)),
                  events=ArrayType(struct("type", "mode", "actor", "target", "where", "when", "actor_country",
                                          "status", "actor_text", sentence=IntegerType(), confidence=DoubleType(),
                                          trigger=struct("text", **span))))


def flat_tables(articles) -> dict[str, Any]:
    """The entities, mentions, times, quotes and events of the records, one row each."""
    from pyspark.sql import functions as F

    parsed = articles.select(F.col("id").alias("article_id"), "month",
                             F.from_json("record", _record_schema()).alias("r"))

    def exploded(field: str):
        return parsed.select("article_id", "month", F.explode(f"r.{field}").alias("x"))

    return {
        "entities": parsed.select("article_id", "month", F.explode("r.entity_index").alias("key", "x"))
                          .select("article_id", "key", "x.name", "x.label", "x.mentions", "x.country", "month"),
        "mentions": exploded("entities").select("article_id", "x.start", "x.end", "x.text", "x.label",
                                                "x.entity", "month"),
        "times": exploded("times").select("article_id", "x.start", "x.end", "x.text", "x.type", "x.value",
                                          "x.mod", "x.zone", "month"),
        "quotes": exploded("quotes").select("article_id", "x.start", "x.end", "x.text", "x.kind", "x.speaker",
                                            "x.speaker_text", "x.cue", "x.channel", "x.source", "month"),
        "events": exploded("events").select("article_id", "x.type", "x.mode", "x.actor", "x.target", "x.where",
                                            "x.when", "x.sentence", F.col("x.trigger.start").alias("trigger_start"),
                                            F.col("x.trigger.end").alias("trigger_end"),
                                            F.col("x.trigger.text").alias("trigger_text"), "x.actor_country",
                                            "x.status", "x.confidence", "x.actor_text", "month"),
    }


def run(inputs: list[str], out: str, *, spark=None, master: str | None = None, partitions: int | None = None,
        conf: dict[str, str] | None = None, max_bytes: int | None = None, progress: bool = True) -> dict[str, Any]:
    """Run the job; counts of what it wrote. Raises InputError for an input it cannot read at all."""
    from pyspark import StorageLevel
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    from ..sources import MAX_BYTES

    started = time.perf_counter()
    spark = spark or session(master, conf, progress=progress)
    ready = time.perf_counter()
    parts = partitions or max(2, spark.sparkContext.defaultParallelism * 4)
    spark.conf.set("spark.sql.shuffle.partitions", str(parts))
    raw = read_documents(spark, list(inputs), max_bytes=max_bytes or MAX_BYTES)
    analysed = raw.repartition(parts).mapInArrow(analyse, _schema(ANALYSED_SCHEMA)).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        errors = analysed.where(F.col("error").isNotNull()).select("source", "id", "error", "month")
        good = analysed.where(F.col("error").isNull())
        # One row per id: the last one read wins, as a later ingest updates an earlier one.
        latest = Window.partitionBy("id").orderBy(F.col("file").desc(), F.col("seq").desc())
        good = good.withColumn("_rank", F.row_number().over(latest)).where(F.col("_rank") == 1).drop("_rank")
        good = good.persist(StorageLevel.MEMORY_AND_DISK)
        copies = find_copies(spark, good)
        articles = (good.join(F.broadcast(copies), "id", "left")
                    .select("id", "url", "title", "outlet", "published", "language", "copy_of", "source",
                            "record", "title_stems", "text_stems", "month"))
        tables = {"articles": articles, **flat_tables(articles), "errors": errors}
        for name, frame in tables.items():
            key = "id" if name == "articles" else "source" if name == "errors" else "article_id"
            writer = frame.sortWithinPartitions("month", key).write.mode("overwrite").partitionBy("month")
            if name == "errors":  # the last run's errors only: an input fixed since leaves none behind
                writer = writer.option("partitionOverwriteMode", "static")
            writer.parquet(_join(out, name))
        counts = {"articles": good.count(), "errors": errors.count(), "copies": copies.count(),
                  "duplicate_ids": analysed.where(F.col("error").isNull()).count() - good.count(),
                  "months": sorted(r["month"] for r in good.select("month").distinct().collect())}
        good.unpersist()
    finally:
        analysed.unpersist()
    summary = {"out": out, "inputs": list(inputs), **counts, "master": spark.sparkContext.master,
               "partitions": parts, "startup_seconds": round(ready - started, 2),
               "seconds": round(time.perf_counter() - started, 2)}
    if not _SCHEME.match(out):
        Path(out, MARKER).write_text(json.dumps({"warta": _version(), "tables": list(TABLES), **summary},
                                                ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return summary


def _join(out: str, name: str) -> str:
    return out.rstrip("/") + "/" + name


def _version() -> str:
    from .. import __version__

    return __version__


# -- reading the output back (no Spark needed) ------------------------------------------------

def output_records(out: str | Path, *, columns: Iterable[str] = ("record", "source", "title_stems", "text_stems"),
                   batch_size: int = 500) -> Iterator[dict[str, Any]]:
    """The rows of the job's ``articles`` table (with pyarrow), month by month."""
    import pyarrow.dataset as ds

    folder = Path(out) / "articles"
    if not folder.is_dir():
        raise InputError(str(out), "not the output of `warta spark` (no articles/ folder)")
    dataset = ds.dataset(folder, format="parquet", partitioning="hive")
    for batch in dataset.to_batches(columns=list(columns), batch_size=batch_size):
        yield from batch.to_pylist()


def output_rows(outs: Iterable[str | Path]) -> Iterator[Any]:
    """The job's articles as store rows (with the stems computed on the executors)."""
    from ..store import prepare_row

    for out in outs:
        for item in output_records(out):
            yield prepare_row(json.loads(item["record"]), source=item["source"],
                              stems=(item["title_stems"], item["text_stems"]))


__all__ = ["run", "session", "is_output", "output_records", "output_rows", "find_copies", "TABLES", "month_of"]
