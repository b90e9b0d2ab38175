"""The audio guide (语音导览): recordings checked by their headers, a player with its transcript.

The tests make their own recordings the way the hall would: a voice (Debian's espeak-ng) saved as WAV
and exported to MP3 (ffmpeg), and a few files that go wrong the way people's files do.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, VALID_EVENT, run_cli, write


@pytest.fixture(scope="session")
def recording(tmp_path_factory) -> Path:
    """About 4 s of speech as a 48 kbit/s MP3."""
    folder = tmp_path_factory.mktemp("voice")
    wav, mp3 = folder / "voice.wav", folder / "voice.mp3"
    subprocess.run(["espeak-ng", "-v", "cmn", "-w", str(wav), "聊城市双拥展览馆欢迎您。"], check=True)
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-i", str(wav), "-b:a", "48k", str(mp3)], check=True)
    return mp3


def _length(path: Path) -> float:
    import mutagen

    return mutagen.File(path).info.length


def _event_with(project: Path, recording: Path, entries: str) -> Path:
    shutil.copy(recording, (project / "audio").mkdir(exist_ok=True) or project / "audio" / "voice.mp3")
    return write(project, "exhibits/events/test-event.yml", VALID_EVENT + "audio:\n" + entries)


def _entry(file="voice.mp3", language="zh", duration=None, transcript="聊城市双拥展览馆欢迎您。", recording=None) -> str:
    duration = duration if duration is not None else round(_length(recording), 1)
    out = f"  - file: {file}\n    language: {language}\n    duration: {duration}\n"
    return out + (f"    transcript: {transcript}\n" if transcript else "")


def _problems(project: Path) -> list[str]:
    result = run_cli(project, "check")
    return [line for line in result.stdout.splitlines() + result.stderr.splitlines() if "audio" in line]


def test_a_good_recording_passes(project, recording):
    _event_with(project, recording, _entry(recording=recording))
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "case, expected",
    [
        ("missing", "audio[2].file (第2段录音 / recording 2): audio/gone.mp3 does not exist"),
        ("unreadable", "audio[2].file (第2段录音 / recording 2): audio/noise.mp3 is not a recording that can be read"),
        ("too long a duration", "audio[2].duration (第2段录音 / recording 2): says 0:30 but audio/voice.mp3 lasts 0:0"),
        ("no transcript", "audio[2].transcript (第2段录音 / recording 2)"),
        ("too large", "audio[2].file (第2段录音 / recording 2): audio/big.mp3 is 10.5 MB; at most 10 MB"),
        ("same language twice", 'audio[2].language (第2段录音 / recording 2): a second recording in "en"'),
    ],
)
def test_each_bad_recording_is_refused_with_its_line(project, recording, case, expected):
    good = _entry(language="en", recording=recording, transcript="Welcome.")
    bad = {
        "missing": lambda: _entry(file="gone.mp3", recording=recording),
        "unreadable": lambda: _entry(file="noise.mp3", recording=recording),
        "too long a duration": lambda: _entry(duration='"0:30"', recording=recording),
        "no transcript": lambda: _entry(transcript="", recording=recording),
        "too large": lambda: _entry(file="big.mp3", recording=recording),
        "same language twice": lambda: _entry(language="en", recording=recording),
    }[case]()
    path = _event_with(project, recording, good + bad)
    (project / "audio" / "noise.mp3").write_bytes(b"ID3" + bytes(range(256)) * 40)  # a damaged export
    with (project / "audio" / "big.mp3").open("wb") as big:
        big.truncate(int(10.5 * 1024 * 1024))
    result = run_cli(project, "check")
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() + result.stderr.splitlines() if expected in line]
    assert lines, result.stdout + result.stderr
    # The entry's line in the file: the second entry of `audio:`.
    text = path.read_text(encoding="utf-8").splitlines()
    line = int(lines[0].split(":")[1])
    assert text[line - 1].strip().startswith(("- file:", "file:", "duration:", "language:", "transcript:"))
    assert line > text.index("audio:") + 4, lines[0]


def test_a_tour_stop_recording_is_checked_in_the_hall_settings(project, recording):
    _event_with(project, recording, _entry(recording=recording))
    hall = yaml.safe_load((project / "settings/hall.yml").read_text(encoding="utf-8"))
    hall["zones"][0]["audio"] = [{"file": "voice.mp3", "language": "zh", "duration": 30, "transcript": "欢迎。"}]
    (project / "settings/hall.yml").write_text(yaml.safe_dump(hall, allow_unicode=True), encoding="utf-8")
    result = run_cli(project, "check")
    assert result.returncode == 1
    assert "settings/hall.yml:" in result.stdout + result.stderr
    assert "zones[1].audio[1].duration (第1个展区 / zone 1): says 0:30" in result.stdout + result.stderr


# --- the sample collection's recorded stop, as a visitor meets it -------------------------------------


def _hall_audio() -> dict:
    """The first recorded stop of the tour whose next stop is recorded too."""
    hall = yaml.safe_load((ROOT / "settings/hall.yml").read_text(encoding="utf-8"))
    zones = {z["id"]: z for z in hall["zones"]}
    stops = [zones[z] for z in hall["tour"]]
    return next(a for a, b in zip(stops, stops[1:]) if a.get("audio") and b.get("audio"))


def test_the_stop_page_shows_the_player_length_and_transcript(built_site):
    from bs4 import BeautifulSoup

    zone = _hall_audio()
    number = yaml.safe_load((ROOT / "settings/hall.yml").read_text(encoding="utf-8"))["tour"].index(zone["id"]) + 1
    sources = set()
    for root, track in (("", "zh"), ("en/", "en")):
        page = built_site / root / "exhibits/tour" / zone["id"] / "index.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        (section,) = soup.select("section.ex-audio")
        (entry,) = [a for a in zone["audio"] if a["language"] == track]
        title = " ".join(section.select_one(".ex-audio__title").get_text().split())
        assert (f"第{number}站" if track == "zh" else f"Stop {number}") in title and entry["duration"][-4:] in title
        source = section.select_one("audio source")
        assert source["type"] == "audio/mpeg" and (page.parent / source["src"]).resolve().is_file()
        sources.add(source["src"].rsplit("/", 1)[1])
        assert section.select_one("details summary").get_text() == ("文字稿" if track == "zh" else "Transcript")
        assert entry["transcript"] in section.select_one("details").get_text()
        assert section.select_one(".ex-audio__sample")  # the synthetic sample voice says what it is
    assert len(sources) == 2  # the English page plays the English recording


def test_the_player_plays_and_leads_on_to_the_next_stop(page):
    zone = _hall_audio()
    page.goto(f"{page.base}/exhibits/tour/{zone['id']}/")
    player = page.locator("audio.ex-audio__player")
    player.evaluate("audio => { audio.muted = true; audio.play().catch(e => { window.__playError = String(e); }); }")
    page.wait_for_function(
        "() => window.__playError || document.querySelector('audio.ex-audio__player').currentTime > 0.3", timeout=20_000
    )
    assert page.evaluate("() => window.__playError || null") is None
    page.locator(".ex-audio__transcript summary").click()
    assert page.locator(".ex-audio__transcript p").first.is_visible()
    # At the end of the stop's recording, the next stop's recording is offered, and has the focus.
    player.evaluate("audio => { audio.pause(); audio.dispatchEvent(new Event('ended')); }")
    offered = page.locator(".ex-audio__next a")
    assert offered.is_visible() and offered.evaluate("a => a === document.activeElement")
    assert offered.get_attribute("href").endswith("#listen")
    offered.click()  # the next stop's page, at its player
    page.wait_for_url("**/#listen")
    assert page.locator("#listen audio.ex-audio__player").count() == 1
