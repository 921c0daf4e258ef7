"""The command line's ``report`` (registered on :data:`cxsim.cli.cli` when that module is imported)."""

from __future__ import annotations

import click

from .cli import BadInput, _output, cli, open_results_file


@cli.command()
@click.argument("results_file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="HTML file to write [default: RESULTS_FILE with .html].")
@click.option("--overwrite", is_flag=True, help="Replace OUTPUT if it exists.")
def report(results_file, output, overwrite) -> None:
    """Write a self-contained HTML report of RESULTS_FILE (a run, a comparison or an explanation):
    it opens with no network, its figures inline, and prints as it is."""
    from pathlib import Path

    from .report import report as write_report

    target = output if output is not None else str(Path(results_file).with_suffix(".html"))
    if Path(target).suffix.lower() not in (".html", ".htm"):
        raise BadInput(f"-o: {target!r} is not an .html file")
    out = _output(target, overwrite)
    open_results_file(results_file)  # one line for a missing, foreign or damaged file
    written = write_report(results_file, out)
    click.echo(str(written))
