"""`python -m assistant ask` for real: one turn, a session file across calls, batches, and errors as JSON."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def cli_env(demo_settings, demo_lite_index) -> dict:
    return {**os.environ, "LIKETHIS_HOME": str(demo_settings.home), "HF_HUB_OFFLINE": "1"}


def ask(env: dict, *args: str, stdin: str | None = None) -> tuple[int, list[dict], str]:
    done = subprocess.run([sys.executable, "-m", "assistant", "ask", "--encoder", "lite", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300, input=stdin)
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout, done.stderr[-2000:]
    return done.returncode, [json.loads(line) for line in done.stdout.splitlines() if line.strip()], done.stderr


def _photo(demo_catalog_dir: Path, product_id: str) -> str:
    return str(demo_catalog_dir / "images" / f"{product_id}.png")


def _rows(demo_catalog_dir: Path) -> list[dict]:
    return [json.loads(line) for line in (demo_catalog_dir / "products.jsonl").read_text(encoding="utf-8").splitlines()]


def _first_row(demo_catalog_dir: Path, *, with_colourway: str | None = None, **wanted) -> dict:
    rows = _rows(demo_catalog_dir)
    groups_with = {r["group_id"] for r in rows if r["color"] == with_colourway}
    for row in rows:
        if all(row[k] == v for k, v in wanted.items()) and (with_colourway is None or (
                row["group_id"] in groups_with and row["color"] != with_colourway)):
            return row
    raise AssertionError(wanted)


def test_one_turn_prints_the_contract(cli_env):
    code, [out], _ = ask(cli_env, "--text", "red dress under 300", "--json")
    assert code == 0
    assert set(out) == {"reply", "language", "encoder", "constraints", "results", "no_good_match", "question", "region",
                        "elapsed_ms"}
    assert out["language"] == "en" and out["encoder"].startswith("lite:")
    assert {"field": "price", "op": "lt", "value": 300.0} in out["constraints"]
    assert out["results"] and all(r["color"] == "red" and r["category"] == "dress" and r["price"] < 300
                                  for r in out["results"])
    assert [r["rank"] for r in out["results"]] == list(range(1, len(out["results"]) + 1))


def test_a_session_file_carries_the_conversation_across_calls(cli_env, tmp_path, demo_catalog_dir):
    row = _first_row(demo_catalog_dir, category="coat", with_colourway="red")
    row_image = str(demo_catalog_dir / row["image"])
    session = str(tmp_path / "agent" / "session.json")
    code, [first], _ = ask(cli_env, "--image", row_image, "--text", "like this but in red", "--session", session)
    assert code == 0 and first["results"][0]["group_id"] == row["group_id"]
    assert all(r["color"] == "red" for r in first["results"])
    code, [cheaper], _ = ask(cli_env, "--text", "便宜点", "--session", session)
    assert code == 0 and cheaper["language"] == "zh"
    assert all(r["price"] < first["results"][0]["price"] and r["category"] == "coat" and r["color"] == "red"
               for r in cheaper["results"])
    saved = json.loads(Path(session).read_text(encoding="utf-8"))
    assert saved["turn"] == 2 and saved["reference"]["source"] == "upload"
    assert row_image not in Path(session).read_text(encoding="utf-8")  # the photo's path is never kept

    code, [reset], _ = ask(cli_env, "--reset", "--session", session)
    assert code == 0 and reset["constraints"] == [] and reset["results"] == []


@pytest.mark.parametrize(
    "args,code_name",
    [
        (("--image", "/nonexistent/photo.jpg"), "bad_image"),
        (("--like", "no-such-product"), "unknown_product"),
        (("--text", "#3"), "no_results_yet"),
    ],
)
def test_a_bad_turn_is_an_error_object_and_a_non_zero_exit(cli_env, args, code_name):
    code, [out], _ = ask(cli_env, *args)
    assert code == 1
    assert out["error"]["code"] == code_name and out["error"]["message"]


@pytest.mark.parametrize(
    ("args", "chroma_url", "said"),
    [
        (("--encoder", "foo", "--text", "red"), None, "unknown encoder kind 'foo'; choose one of: auto, clip, lite"),
        (("--text", "red"), "htp:/not a url", "Chroma server URL must look like http://host:port"),
        (("--text", "red"), "http://", "Chroma server URL must look like http://host:port"),
    ],
)
def test_a_setting_that_cannot_be_used_is_one_clear_error_and_exit_2(cli_env, args, chroma_url, said):
    env = {**cli_env, "LIKETHIS_CHROMA_URL": chroma_url} if chroma_url else cli_env
    code, [out], _ = ask(env, *args)
    assert code == 2
    assert out["error"]["code"] == "bad_setting" and said in out["error"]["message"]


def test_broken_image_and_broken_session_files(cli_env, tmp_path):
    fake = tmp_path / "photo.jpg"
    fake.write_text("<html>not a photo</html>")
    code, [out], _ = ask(cli_env, "--image", str(fake))
    assert code == 1 and out["error"]["code"] == "bad_image" and "photo" in out["error"]["message"].lower()
    session = tmp_path / "s.json"
    session.write_text('{"format": 1, "constraints": [{"field": "price", "op": "lt", "value": "x"}]}')
    code, [out], _ = ask(cli_env, "--text", "红色", "--session", str(session))
    assert code == 1 and out["error"]["code"] == "bad_session" and "会话" in out["error"]["message"]
    assert session.read_text().startswith('{"format": 1')  # a refused session file is left as it was


def test_batch_keeps_sessions_apart_answers_in_order_and_survives_bad_lines(cli_env, tmp_path, demo_catalog_dir):
    coat = _first_row(demo_catalog_dir, category="coat", with_colourway="black")
    turns = [
        {"session": "s1", "text": "red dress"},
        {"session": "s2", "image": str(demo_catalog_dir / coat["image"]), "text": "in black"},
        "{broken json",
        {"session": "s1", "text": "cheaper"},
        {"session": "s2", "like": ["no-such-product"]},
        {"session": "s2", "text": "under 5000"},
        {"session": "s1", "text": "#99"},
    ]
    batch = tmp_path / "turns.jsonl"
    batch.write_text("\n".join(t if isinstance(t, str) else json.dumps(t) for t in turns) + "\n")
    code, lines, _ = ask(cli_env, "--batch", str(batch))
    assert code == 0 and len(lines) == len(turns)
    assert [line.get("session") for line in lines] == ["s1", "s2", None, "s1", "s2", "s2", "s1"]
    dress, coat_reply, broken, cheaper, bad_like, budget, bad_rank = lines
    assert all(r["category"] == "dress" and r["color"] == "red" for r in dress["results"])
    assert all(r["color"] == "black" for r in coat_reply["results"]) and coat_reply["results"][0]["group_id"] == coat[
        "group_id"]
    assert broken["error"]["code"] == "bad_turn"
    assert all(r["price"] < dress["results"][0]["price"] and r["category"] == "dress" for r in cheaper["results"])
    assert bad_like["error"]["code"] == "unknown_product"
    # s2 kept its own photo and colour; nothing of s1 leaked into it
    assert {(c["field"], c["value"]) for c in budget["constraints"]} == {("color", "black"), ("price", 5000.0)}
    assert bad_rank["error"]["code"] == "bad_reference"
