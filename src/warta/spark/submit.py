"""The Spark job as a script for ``spark-submit`` (same arguments as ``warta spark``):

    spark-submit --master spark://HOST:7077 "$(python -c 'import warta.spark.submit as s; print(s.__file__)')" \
        IN... --out DIR
"""
import sys

from warta.cli import cli

if __name__ == "__main__":
    cli.main(["spark", *sys.argv[1:]], prog_name="warta spark")
