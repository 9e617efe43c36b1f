"""Render a scenario: its page (player, walkable transcript, booklet, branch table) and its map.

Pure: a scenario model in, Markdown text out. All YAML text passes through Jinja2 with
autoescape, so a label such as ``<script>`` reaches the reader as text.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from miles_site.models.graph import numbering
from miles_site.models.phases import Phases
from miles_site.models.scenario import CAPTIONS_FROM_LINES, Node, Scenario, parse_time
from miles_site.models.scenario_checks import ScenarioSource
from miles_site.render.environment import render
from miles_site.render.front_matter import front_matter, generated_meta

SCENARIO_FOLDER = "gesprekken"
MEDIA_TYPES = {".mp4": "video/mp4", ".webm": "video/webm"}
CUE_FALLBACK_SECONDS = 5.0


def page_uri(scenario_id: str) -> str:
    """Return the docs path of a scenario's page."""
    return f"{SCENARIO_FOLDER}/{scenario_id}.md"


def media_uri(name: str) -> str:
    """Return the docs path where a media file of the scripts is published."""
    return f"{SCENARIO_FOLDER}/media/{name}"


def quality_slug(quality: str) -> str:
    """Turn a quality ('minder handig') into a CSS class suffix ('minder-handig')."""
    return quality.replace(" ", "-")


def node_heading(node: Node, number: int) -> str:
    """Return the heading of a scene: 'Scène N', followed by its title or its ending's title."""
    title = node.title or (f"einde – {node.ending.title}" if node.ending else None)
    return f"Scène {number}: {title}" if title else f"Scène {number}"


def captions_vtt(node: Node, files: Mapping[str, str]) -> str | None:
    """Return the WebVTT text of a node's captions: its file (as read), or cues from its lines."""
    media = node.media
    if media is None or media.captions is None:
        return None
    if media.captions != CAPTIONS_FROM_LINES:
        return files[media.captions]
    starts = [parse_time(line.at or "0") for line in node.lines]
    end = parse_time(media.duration) if media.duration else starts[-1] + CUE_FALLBACK_SECONDS
    cues = ["WEBVTT", ""]
    for index, line in enumerate(node.lines):
        stop = starts[index + 1] if index + 1 < len(starts) else end
        cues += [f"{_vtt_time(starts[index])} --> {_vtt_time(stop)}", line.text, ""]
    return "\n".join(cues)


def _vtt_time(seconds: float) -> str:
    """Format seconds as a WebVTT timestamp."""
    minutes, rest = divmod(seconds, 60)
    hours, minutes = divmod(int(minutes), 60)
    return f"{hours:02d}:{minutes:02d}:{rest:06.3f}"


def data_uri(text: str, mime: str) -> str:
    """Embed text as a data: URI; Chromium refuses <track src> files on file:// pages."""
    return f"data:{mime};base64,{base64.b64encode(text.encode('utf-8')).decode('ascii')}"


def scene_views(source: ScenarioSource) -> list[dict[str, Any]]:
    """Describe every node for the templates, in booklet order."""
    scenario = source.scenario
    numbers = numbering(scenario)
    views = []
    for node_id, number in sorted(numbers.items(), key=lambda item: item[1]):
        node = scenario.nodes[node_id]
        media = None
        if node.media is not None:
            vtt = captions_vtt(node, source.captions)
            media = {
                "src": f"media/{node.media.video}",
                "type": MEDIA_TYPES[Path(node.media.video).suffix.lower()],
                "poster": f"media/{node.media.poster}" if node.media.poster else None,
                "captions": data_uri(vtt, "text/vtt") if vtt else None,
            }
        views.append(
            {
                "id": node_id,
                "number": number,
                "heading": node_heading(node, number),
                "scene": node.scene,
                "lines": [
                    {
                        "name": scenario.character(line.speaker).name,
                        "role": scenario.character(line.speaker).role,
                        "speaker": line.speaker,
                        "text": line.text,
                    }
                    for line in node.lines
                ],
                "media": media,
                "choices": [
                    {
                        "label": c.label,
                        "next": c.next,
                        "next_number": numbers[c.next],
                        "quality": c.quality,
                        "quality_slug": quality_slug(c.quality),
                        "feedback": c.feedback,
                    }
                    for c in node.choices or ()
                ],
                "ending": node.ending.model_dump() if node.ending else None,
            }
        )
    return views


def chooser(scenario: Scenario) -> str:
    """Return the name of the person whose responses the viewer chooses (the manager)."""
    for role in ("leidinggevende", "hr", "casemanager"):
        for character in scenario.characters:
            if character.role == role:
                return character.name
    return scenario.characters[0].name


def render_scenario_page(source: ScenarioSource, phases: Phases) -> str:
    """Render the Markdown page of one scenario."""
    scenario = source.scenario
    scenes = scene_views(source)
    meta = generated_meta(
        scenario.title,
        scenario.summary,
        scenario.phase,
        ["leidinggevende", "hr"],
        scenario.last_reviewed,
        scenario.review_due,
        scenario.sources,
    )
    body = render(
        "scenario_page.md.j2",
        scenario=scenario,
        phase=phases.get(scenario.phase) if scenario.phase in phases else None,
        scenes=scenes,
        characters=scenario.characters,
        chooser=chooser(scenario),
    )
    return front_matter(meta) + body


def mermaid(scenario: Scenario) -> str:
    """Return the branch map as a Mermaid flowchart, for authors and reviewers."""
    return render(
        "scenario_graph.mmd.j2",
        scenario=scenario,
        numbers=numbering(scenario),
        heading=node_heading,
    )
