"""The command line's ``report`` (registered on :data:`cxsim.cli.cli` when that module is imported)."""

from __future__ import annotations

import click

from .cli import BadInput, _output, cli, open_results_file


@cli.command()
@click.argument("results_file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="HTML file to write [default: RESULTS_FILE with .html].")
@click.option("--overwrite", is_flag=True, help="Replace OUTPUT (and the PDF) if they exist.")
@click.option("--explanation", "explanations", multiple=True, type=click.Path(dir_okay=False),
              help="For a comparison: an explanation file (cxsim explain -o) of one of its scenarios against its "
                   "base, whose pathways the report shows (repeatable).")
@click.option("--pdf", type=click.Path(dir_okay=False), help="Also print the report to this PDF (headless Chromium).")
def report(results_file, output, overwrite, explanations, pdf) -> None:
    """Write a self-contained HTML report of RESULTS_FILE (a run, a comparison, an explanation or
    an experiment): it opens with no network, its figures inline, and prints as it is; prints its path."""
    from pathlib import Path

    from .browser import print_pdf
    from .errors import ScenarioError
    from .report import report as write_report

    target = output if output is not None else str(Path(results_file).with_suffix(".html"))
    if Path(target).suffix.lower() not in (".html", ".htm"):
        raise BadInput(f"-o: {target!r} is not an .html file")
    if pdf is not None and Path(pdf).suffix.lower() != ".pdf":
        raise BadInput(f"--pdf: {pdf!r} is not a .pdf file")
    out = _output(target, overwrite)
    pdf_out = _output(pdf, overwrite) if pdf is not None else None
    open_results_file(results_file)  # one line for a missing, foreign or damaged file
    for e in explanations:
        if open_results_file(e)[0] != "explanation":
            raise BadInput(f"--explanation: {e} is not an explanation file (cxsim explain -o)")
    try:
        written = write_report(results_file, out, explanations)
    except ScenarioError as e:
        raise BadInput(str(e)) from None
    if pdf_out is not None:
        print_pdf(written, pdf_out)
        click.echo(str(pdf_out))
    click.echo(str(written))
