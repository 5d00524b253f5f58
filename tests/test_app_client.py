"""The real app on a loopback port, driven through its named API with gradio_client: a 3-turn conversation."""
from __future__ import annotations

import json

import pytest

from assistant.engine import Assistant
from tests.launched_app import launched_app
from assistant.session import SessionState
from assistant.ui.examples import Example, example_photo

pytestmark = [
    pytest.mark.slow,
    # Gradio's queue statistics use pandas options that pandas 3 deprecates; not ours to fix.
    pytest.mark.filterwarnings("ignore:.*no_silent_downcasting:Warning"),
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated:Warning"),
]




@pytest.fixture(scope="module")
def assistant(demo_lite_index, lite_encoder) -> Assistant:
    index, _summary = demo_lite_index
    return Assistant(lite_encoder, index)


@pytest.fixture(scope="module")
def app_url(assistant, tmp_path_factory):
    """The app as app.py composes it, launched in-process once for this module."""
    with launched_app(assistant, tmp_path_factory) as url:
        yield url


@pytest.fixture(scope="module")
def client(app_url):
    from gradio_client import Client

    return Client(app_url, verbose=False)


@pytest.fixture(scope="module")
def photo(tmp_path_factory):
    path = tmp_path_factory.mktemp("photos") / "blue-tee.png"
    example_photo(Example("t-shirt", "blue", "", "en")).save(path)
    return path


def turn(client, photo, text, session):
    from gradio_client import handle_file

    result, new_session = client.predict(handle_file(str(photo)) if photo else None, text, session, api_name="/turn")
    return result, new_session


def test_the_turn_endpoint_is_the_only_public_one(client):
    info = client.view_api(print_info=False, return_format="dict")
    assert list(info["named_endpoints"]) == ["/turn"]
    parameters = [p["parameter_name"] for p in info["named_endpoints"]["/turn"]["parameters"]]
    assert len(parameters) == 3


def test_photo_then_in_red_then_cheaper(client, photo, assistant):
    first, session = turn(client, photo, "", "")
    assert "error" not in first and first["results"]
    assert SessionState.from_json(session, catalog=assistant.catalog_id).reference.source == "upload"

    red, session = turn(client, None, "in red", session)
    assert "error" not in red and red["results"]
    assert {r["color"] for r in red["results"]} == {"red"}
    assert {"field": "color", "op": "eq", "value": "red"} in red["constraints"]

    top = red["results"][0]
    cheaper, session = turn(client, None, "cheaper", session)
    assert "error" not in cheaper and cheaper["results"]
    for result in cheaper["results"]:
        assert result["price"] < top["price"]
        assert result["category"] == top["category"]
        assert result["color"] == "red"
    # The same object as the CLI's: the keys of Reply.to_contract.
    assert set(cheaper) == {"reply", "language", "encoder", "constraints", "results", "no_good_match", "question", "region",
                            "elapsed_ms"}
    assert set(cheaper["results"][0]) == {"rank", "id", "group_id", "title", "category", "color", "price", "score", "why"}
    assert json.loads(session)["turn"] == 3


def test_errors_come_back_in_the_result_slot(client, photo, tmp_path):
    bad_session, kept = turn(client, None, "cheaper", "{not json")
    assert bad_session["error"]["code"] == "bad_session" and kept == "{not json"
    assert "Traceback" not in bad_session["error"]["message"]

    not_a_photo = tmp_path / "broken.png"
    not_a_photo.write_bytes(b"\x89PNG\r\n\x1a\n but then nothing")
    bad_image, kept = turn(client, not_a_photo, "像这个", "")
    assert bad_image["error"]["code"] == "bad_image" and kept == ""
    assert "无法读取这张照片" in bad_image["error"]["message"]

    nothing_yet, _ = turn(client, None, "cheaper", "")
    assert nothing_yet["error"]["code"] == "no_results_yet"


def test_the_page_serves_catalog_images_but_nothing_else_of_the_data_dir(app_url, assistant):
    import urllib.error
    import urllib.request

    product = assistant.index.find(limit=1)[0]
    with urllib.request.urlopen(f"{app_url}gradio_api/file={product.image}", timeout=10) as response:
        assert response.status == 200 and response.headers["content-type"].startswith("image/")
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(f"{app_url}gradio_api/file=/etc/passwd", timeout=10)
