"""The ``miles`` command: build the site, check the sources, and author tools."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TypeVar

import click
from mkdocs.exceptions import MkDocsException

from miles_site.build import BuildFailed, build_all
from miles_site.cli_shared import cannot_write, root_option
from miles_site.models.schemas import write_schemas
from miles_site.pdf.checklist import build_checklist_pdf
from miles_site.pdf.fields import FormError
from miles_site.project import Paths, Project, load_project
from miles_site.readability import report
from miles_site.render.scenario import mermaid
from miles_site.site_config import NoMilesPlugin, read_site
from miles_site.site_readability import measure_site
from miles_site.study.edition import EDITIONS
from miles_site.study.version import ContentVersion

T = TypeVar("T")


@click.group()
def main() -> None:
    """Build and check the MiLES toolbox."""


@main.command()
@click.option(
    "--config-file",
    "-f",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="The MkDocs configuration.",
)
@click.option("--zip/--no-zip", "with_zip", default=True, help="Also make the offline zip.")
@click.option(
    "--edition",
    type=click.Choice(EDITIONS),
    default="public",
    show_default=True,
    help="'study' builds the trial's edition into build/study (online only, no zip).",
)
def build(config_file: Path, with_zip: bool, edition: str) -> None:
    """Build the site strictly into build/site and the offline zip; keep the old site on failure."""
    try:
        result = build_all(config_file, with_zip=with_zip, edition=edition)
    except BuildFailed as exc:
        click.secho(
            f"Build failed: {exc}. Fix the problems listed above and run it again.",
            fg="red",
            err=True,
        )
        sys.exit(1)
    index = result.site_dir / "index.html"
    click.echo(f"\nThe site is ready in {result.site_dir}")
    if edition == "study":
        click.echo("  It is online-only (no file://, no zip): serve it over http(s), e.g. with")
        click.echo("  'make study-serve' on this machine.")
    else:
        click.echo(f"  Open it: {index.as_uri()}")
    if result.zip_path:
        click.echo(f"The offline version is {result.zip_path}")
        click.echo("  Extract it and open START-HERE.html; it works without a network.")


@main.command()
@root_option
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write a readability table of every page, generated pages included "
    "(.csv, else Markdown); '-' prints it.",
)
def check(root: Path, report_path: Path | None) -> None:
    """Check every source and how every page reads; print each problem as file:line: message."""
    project = load_project(Paths.under(root))
    readings, readability_warnings = measure_site(project)
    warnings = project.warnings + readability_warnings
    for issue in sorted(set(project.errors)):
        click.echo(f"{issue}", err=True)
    for issue in sorted(set(warnings)):
        click.echo(f"{issue} (warning)", err=True)
    if report_path is not None:
        rows = sorted((reading.source, reading.figures) for reading in readings)
        table = report(rows, "csv" if report_path.suffix == ".csv" else "md")
        if str(report_path) == "-":
            click.echo(table, nl=False)
        else:
            _write(report_path, table.encode("utf-8"))
            click.echo(f"wrote the readability report to {report_path}")
    counts = len(set(project.errors)), len(set(warnings))
    click.echo(f"{counts[0]} error(s), {counts[1]} warning(s) in {len(project.pages)} pages.")
    sys.exit(1 if any(counts) else 0)


@main.command()
@root_option
def schemas(root: Path) -> None:
    """Regenerate the JSON Schemas under schemas/ from the models."""
    try:
        changed = write_schemas(root / "schemas")
    except OSError as exc:
        raise cannot_write(Path(exc.filename or root / "schemas"), exc) from None
    for path in changed:
        click.echo(f"updated {path}")
    if not changed:
        click.echo("schemas are up to date")


@main.command()
@click.argument("scenario_id")
@root_option
def graph(scenario_id: str, root: Path) -> None:
    """Print the branch map of a scenario as a Mermaid flowchart."""
    project = load_project(Paths.under(root))
    known = {s.scenario.id: s.scenario for s in project.scenarios}
    click.echo(mermaid(_pick(project, known, scenario_id, "Scenario")), nl=False)


@main.command()
@click.argument("checklist_id")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    required=True,
    help="Where to write the PDF.",
)
@root_option
def pdf(checklist_id: str, output: Path, root: Path) -> None:
    """Render one checklist's fillable PDF, with the content version the site build gives it."""
    paths, version = _read_site(root / "mkdocs.yml")
    project = load_project(paths)
    known = {c.checklist.id: c.checklist for c in project.checklists}
    checklist = _pick(project, known, checklist_id, "Checklist")
    try:
        data = build_checklist_pdf(checklist, version.label)
    except FormError as exc:
        raise click.ClickException(
            f"the PDF of {checklist_id} cannot be made ({exc}); please report this as a bug"
        ) from None
    _write(output, data)
    click.echo(f"wrote {output}")


def _read_site(config_file: Path) -> tuple[Paths, ContentVersion]:
    """Read the project's folders and content version from mkdocs.yml, as the build does."""
    if not config_file.is_file():
        raise click.ClickException(
            f"{config_file} does not exist; run the command in the project folder or give --root"
        )
    try:
        return read_site(config_file)
    except (MkDocsException, NoMilesPlugin) as exc:  # MkDocs has printed the details
        raise click.ClickException(f"{config_file} cannot be used ({exc})") from None


def _write(path: Path, data: bytes) -> None:
    """Write a file the user asked for, or say why it cannot be written (no traceback)."""
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise cannot_write(path, exc) from None


def _pick(project: Project, known: dict[str, T], wanted: str, kind: str) -> T:
    """Return the valid source ``wanted``, or say why it cannot be used and exit."""
    if wanted in known:
        return known[wanted]
    problems = [str(e) for e in project.errors if e.file.endswith(f"/{wanted}.yml")]
    for problem in problems:
        click.echo(problem, err=True)
    names = ", ".join(sorted(known)) or "none"
    reason = "has problems" if problems else f"is unknown; known {kind.lower()}s: {names}"
    click.echo(f"{kind} '{wanted}' {reason}.", err=True)
    sys.exit(1)


def _add_study_commands() -> None:
    """Register the study edition's commands (in their own module, to keep this one short)."""
    from miles_site.cli_study import study
    from miles_site.cli_usage import changelog_command, usage_command

    main.add_command(study)
    main.add_command(usage_command)
    main.add_command(changelog_command)


_add_study_commands()
