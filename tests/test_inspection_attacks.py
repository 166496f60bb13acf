"""Attacks on the statistics and the inspection workbook: a title or a commitment with control
characters (pasted from a word processor) still exports; formula-looking text stays text; a unit
name with markup stays text in the SVG chart; odd parameters answer 200 in bounded queries; a
unit's people never read another unit's rows in the page or the export; the workbook is the
Office's alone, whatever the method."""

import io

import openpyxl
import pytest
import time_machine

from onlinetalk.responses.models import Commitment
from tests.inspection_support import NOW, speaking

pytestmark = pytest.mark.django_db

URL = "/admin/reports/onlinetalk/statistics/"
WORKBOOK = "/admin/reports/onlinetalk/inspection/2022.xlsx"
CONTROL = "招生\x01访谈\x0b说明\x1f"
FORMULAS = ["=HYPERLINK(1)", "+1+1", "-1-1", "@SUM(1)", "\t=1", "\r=1"]


def get(client, world, url, role="office editor", **extra):
    client.force_login(speaking(world["users"][role], "en"))
    with time_machine.travel(NOW, tick=False):
        return client.get(url, **extra)


def cells(response):
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return [cell for sheet in book for row in sheet.iter_rows() for cell in row]


def test_control_characters_in_a_title_and_a_commitment_still_export(client, inspection_world):
    session = inspection_world["sessions"]["s1"]
    session.title = CONTROL
    session.save()
    Commitment.objects.filter(session=session).update(text=CONTROL)

    response = get(client, inspection_world, WORKBOOK)

    assert response.status_code == 200
    texts = [cell.value for cell in cells(response) if isinstance(cell.value, str)]
    assert "招生访谈说明" in texts  # the control characters dropped, the words kept


def test_formula_looking_texts_stay_text(client, inspection_world):
    commitments = Commitment.objects.filter(session=inspection_world["sessions"]["s1"])
    for commitment, text in zip(commitments, FORMULAS, strict=False):
        commitment.text = text
        commitment.save()

    response = get(client, inspection_world, WORKBOOK)

    assert response.status_code == 200
    found = [cell for cell in cells(response) if cell.value in {"=HYPERLINK(1)", "+1+1"}]
    assert found and all(cell.data_type == "s" for cell in found)


def test_a_unit_name_with_markup_stays_text_in_the_chart(client, inspection_world):
    unit = inspection_world["units"]["A"]
    unit.name = '"><script>alert(1)</script><svg onload="x'
    unit.save()

    response = get(client, inspection_world, URL + "?year=2022")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert 'onload="x' not in html
    assert "&lt;script&gt;alert(1)" in html


@pytest.mark.parametrize(
    "query",
    [
        "year=99999999999999999999999",
        "year=-1",
        "year=%E5%B9%B4",
        "year=1&year=2",
        "year=",
        "unit=-1",
        "unit=99999999999999999999999",
        "unit=%E5%8D%95",
        "unit=1&unit=2",
        "export=xlsx&year=-5&unit=abc",
        "export=pdf",
    ],
)
def test_odd_parameters_answer_in_bounded_queries(
    client, inspection_world, query, django_assert_max_num_queries
):
    client.force_login(speaking(inspection_world["users"]["unit a editor"], "en"))
    with time_machine.travel(NOW, tick=False), django_assert_max_num_queries(40):
        response = client.get(URL + "?" + query)
    assert response.status_code == 200


def test_another_units_id_shows_and_exports_none_of_its_rows(client, inspection_world):
    b = inspection_world["units"]["B"]
    page = get(client, inspection_world, f"{URL}?year=2022&unit={b.pk}", role="unit a editor")
    export = get(
        client, inspection_world, f"{URL}?year=2022&unit={b.pk}&export=xlsx", role="unit a editor"
    )

    assert page.status_code == 200 and "市民政局" not in page.content.decode()
    assert export.status_code == 200
    texts = " ".join(str(cell.value) for cell in cells(export) if cell.value is not None)
    assert "市民政局" not in texts and "养老服务访谈" not in texts


@pytest.mark.parametrize("method", ["get", "head", "post", "put", "delete"])
@pytest.mark.parametrize("role", ["unit a editor", "unit a reviewer"])
def test_the_workbook_is_refused_to_a_unit_whatever_the_method(
    client, inspection_world, method, role
):
    client.force_login(speaking(inspection_world["users"][role], "en"))
    with time_machine.travel(NOW, tick=False):
        response = getattr(client, method)(WORKBOOK)
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_the_workbook_is_refused_to_a_unit_over_xhr(client, inspection_world):
    response = get(
        client,
        inspection_world,
        WORKBOOK,
        role="unit a editor",
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.status_code == 403
