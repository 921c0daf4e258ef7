"""The command line's export command (registered on :data:`cxsim.cli.cli` when that module is imported)."""

from __future__ import annotations

import click

from .cli import BadInput, _output, cli
from .export import FORMATS


@cli.command()
@click.argument("results_file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", required=True, type=click.Choice(FORMATS),
              help="csv or parquet: a directory with a file per table; xlsx: a workbook with a sheet per table.")
@click.option("-o", "--output", required=True, type=click.Path(), help="Directory (csv, parquet) or file (xlsx).")
@click.option("--overwrite", is_flag=True, help="Replace OUTPUT if it exists.")
def export(results_file, fmt, output, overwrite) -> None:
    """Write the tables of RESULTS_FILE (a run, comparison or experiment file): the summary, KPIs
    per replication, day and interval, segments, call types, differences; units in the headers."""
    from .export import Source, check_fits, tables, write

    try:
        source = Source(results_file)  # missing, not cxsim's (corrupt), or a file without tables
    except (FileNotFoundError, ValueError) as e:
        raise BadInput(str(e)) from None
    out = _output(output, overwrite)
    frames = tables(source)
    try:
        check_fits(frames, fmt)
    except ValueError as e:
        raise BadInput(f"{results_file}: {e}") from None
    write(frames, fmt, out)
    click.echo(f"wrote {out} ({', '.join(frames)})", err=True)
