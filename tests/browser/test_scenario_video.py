"""A scenario with a filmed clip plays it with captions, also from file:// (no <track> file)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from miles_site.build import build_site
from support.browser import RequestLog
from support.projects import ROOT, write_project

EXAMPLE = (ROOT / "tests/fixtures/video_scripts/voorbeeld.yml").read_text(encoding="utf-8")
MEDIA = """\
    media: {video: clip.webm, captions: lines, duration: "0:03"}
    lines:
      - {speaker: eva, text: "Heb je even? Ik moet je iets vertellen.", at: "0:00"}
      - {speaker: tom, text: "Natuurlijk. Ga zitten.", at: "0:01.5"}
"""


@pytest.fixture(scope="module")
def video_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build a small project whose first scene has a 3-second clip made with ffmpeg."""
    if shutil.which("ffmpeg") is None:
        pytest.fail("ffmpeg is missing; `make test` installs it (apt-get install ffmpeg)")
    root = tmp_path_factory.mktemp("video-project")
    start = EXAMPLE.index("    lines:\n", EXAMPLE.index("  begin:"))
    end = EXAMPLE.index("    choices:", start)
    script = EXAMPLE[:start] + MEDIA + EXAMPLE[end:]
    write_project(root, {"video_scripts/voorbeeld.yml": script})
    media = root / "video_scripts" / "media"
    media.mkdir()
    subprocess.run(
        [
            "ffmpeg",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "testsrc=duration=3:size=160x120:rate=10",
            "-c:v",
            "libvpx",
            "-b:v",
            "100k",
            str(media / "clip.webm"),
        ],
        check=True,
    )
    site = root / "site"
    build_site(root / "mkdocs.yml", site)
    return site


def test_video_shows_its_captions_on_file_urls(
    offline_page: tuple[Page, RequestLog], video_site: Path
) -> None:
    page, log = offline_page
    page.goto((video_site / "gesprekken" / "voorbeeld.html").as_uri())
    video = page.locator(".miles-player__ui video")
    expect(video).to_be_visible()
    cues = page.wait_for_function(
        """() => {
        const video = document.querySelector('.miles-player__ui video');
        const track = video && video.textTracks[0];
        return track && track.mode === 'showing' && track.cues && track.cues.length === 2
            && Array.from(track.cues).map(c => c.text);
    }""",
        timeout=10_000,
    )
    assert cues.json_value() == [
        "Heb je even? Ik moet je iets vertellen.",
        "Natuurlijk. Ga zitten.",
    ]
    # Seek instead of playing: playback runs in real time and stalls on a busy machine, while a
    # seek updates the active cue at once. Each moment must show the line spoken then.
    for moment, line in (
        (2.0, "Natuurlijk. Ga zitten."),
        (0.5, "Heb je even? Ik moet je iets vertellen."),
    ):
        page.evaluate(
            """async (moment) => {
            const video = document.querySelector('.miles-player__ui video');
            const seeked = new Promise((done) => video.addEventListener('seeked', done));
            video.currentTime = moment;
            await seeked;
        }""",
            moment,
        )
        page.wait_for_function(
            """(line) => {
            const cues = document.querySelector('.miles-player__ui video').textTracks[0].activeCues;
            return cues && cues.length === 1 && cues[0].text === line;
        }""",
            arg=line,
            timeout=10_000,
        )
    assert page.evaluate("document.querySelectorAll('track[src^=\"data:text/vtt\"]').length") >= 1
    html = (video_site / "gesprekken" / "voorbeeld.html").read_text(encoding="utf-8")
    assert '<track kind="captions" srclang="nl" label="Nederlands" src="data:text/vtt;' in html
    assert (video_site / "gesprekken" / "media" / "clip.webm").is_file()
    assert log.foreign == []
