"""The PySpark recipe of docs/spark.md: clean_warc_paths gives the records `cleaner
clean` gives; the recipe itself runs only where pyspark and Java are installed."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from cleaner.engines.spark import clean_warc_paths

import warcs
from test_warc import crawl


@pytest.fixture
def warc_files(tmp_path):
    folder = tmp_path / "crawl"
    folder.mkdir()
    (folder / "a.warc.gz").write_bytes(warcs.per_record_gzip(crawl()))
    (folder / "b.warc.gz").write_bytes(warcs.per_record_gzip(crawl()[:3])[:-30])  # truncated
    return sorted(str(p) for p in folder.iterdir())


def test_the_partition_function_gives_the_records_of_the_cli(invoke, warc_files):
    skipped = []
    got = list(clean_warc_paths(iter(warc_files), on_skip=lambda p, why: skipped.append(why)))
    result = invoke("clean", "-q", "--input-format", "warc", *warc_files)
    assert result.exit_code == 1  # the truncated file
    assert got == [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in got if r["error"] is None] == ["<urn:uuid:a>", "<urn:uuid:b>"]
    assert sum(1 for r in got if r["error"]) == 1
    assert len(skipped) == 6 + 2  # a: warcinfo, request, metadata, image, 404, revisit


RECIPE_RUN = """
import json, sys
from pyspark.sql import SparkSession
from cleaner.engines.spark import clean_warc_paths

if __name__ == "__main__":
    paths, out = json.loads(sys.argv[1]), sys.argv[2]
    spark = SparkSession.builder.master("local[2]").appName("cleaner-test").getOrCreate()
    sc = spark.sparkContext
    skipped = sc.accumulator(0)

    def clean_partition(part):
        return clean_warc_paths(part, on_skip=lambda path, why: skipped.add(1))

    records = sc.parallelize(paths, numSlices=len(paths)).mapPartitions(clean_partition)
    records.map(lambda rec: json.dumps(rec, ensure_ascii=False)).saveAsTextFile(out)
    print(skipped.value)
    spark.stop()
"""


def test_the_spark_recipe_runs_where_pyspark_is_installed(warc_files, tmp_path):
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("pyspark needs a Java runtime")
    script = tmp_path / "recipe.py"
    script.write_text(RECIPE_RUN)
    out = tmp_path / "out"
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable)  # workers need cleaner too
    run = subprocess.run(
        [sys.executable, str(script), json.dumps(warc_files), str(out)],
        capture_output=True,
        timeout=300,
        env=env,
    )
    assert run.returncode == 0, run.stderr.decode()[-3000:]
    got = [json.loads(line) for f in sorted(out.glob("part-*")) for line in f.read_text().splitlines()]
    assert got == list(clean_warc_paths(warc_files))
    assert run.stdout.decode().split()[-1] == "8"
