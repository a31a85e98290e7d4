"""Organiser screens: a pasted 接龙, the check-in list, a meeting's participant file."""

import io
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from openpyxl import Workbook

from knowledge.models import Activity
from sessions.models import SessionRsvp
from tests import factories

pytestmark = pytest.mark.django_db

JIELONG = """#接龙 周四读书会 12月10日
例：城市-名字
1. 小林
2、老周 +1
3. 阿青（北京）可能晚到
4. 路人甲
5. 小林
"""

TENCENT_CSV = """会议主题,周四读书会
会议号,123 456 789
导出时间,2026-12-10 22:00:00

序号,用户昵称,首次入会时间,最后离会时间,累计参会时长(分钟),身份
1,上海-小林,2026-12-10 19:58:02,2026-12-10 20:40:00,42,参会者
2,阿青🌸,2026-12-10 20:05:10,2026-12-10 21:30:00,85,参会者
3,上海-小林,2026-12-10 20:45:00,2026-12-10 21:31:00,46,参会者
4,手机用户8812,2026-12-10 20:10:00,2026-12-10 20:30:00,20,参会者
"""


@pytest.fixture
def people():
    return {
        "xiaolin": factories.member("xiaolin", display_name="上海-小林"),
        "laozhou": factories.member("laozhou", display_name="北京-老周"),
        "aqing": factories.member("aqing", display_name="阿青"),
    }


@pytest.fixture
def organiser(client):
    user = factories.moderator("organiser")
    client.force_login(user)
    return user


@pytest.fixture
def session():
    return factories.sharing_session(start=timezone.now() + timedelta(days=2))


def match_page(client, session, text):
    url = f"/admin/sessions/{session.pk}/jielong/"
    return BeautifulSoup(client.post(url, {"text": text}).content, "html.parser")


def confirm(client, url, html, overrides=None):
    data = {"payload": html.select_one("input[name=payload]")["value"]}
    for select in html.select("select"):
        chosen = select.select_one("option[selected]") or select.select_one("option")
        data[select["name"]] = chosen["value"]
    data.update(overrides or {})
    return client.post(url, data)


class TestJielongPaste:
    def test_names_are_matched_ignoring_city_prefixes_and_notes(
        self, client, organiser, people, session
    ):
        html = match_page(client, session, JIELONG)
        states = [row["data-match"] for row in html.select("tr[data-match]")]
        assert states == ["matched", "matched", "matched", "unknown"]
        assert "小林" in html.select_one(".help-warning").get_text()  # listed twice

    def test_confirming_saves_rsvps_with_guests_and_plus_ones(
        self, client, organiser, people, session
    ):
        html = match_page(client, session, JIELONG)
        url = f"/admin/sessions/{session.pk}/jielong/"
        response = confirm(client, url, html)
        assert response.status_code == 302
        rows = SessionRsvp.objects.filter(session=session, answer="yes")
        assert {row.name for row in rows} == {
            "上海-小林",
            "北京-老周",
            "阿青",
            "路人甲",
        }
        assert rows.get(member=people["laozhou"]).plus_ones == 1
        assert rows.get(member=people["aqing"]).note == "北京 可能晚到"
        assert rows.get(guest_name="路人甲").source == "jielong"

    def test_an_ambiguous_name_is_settled_by_hand(
        self, client, organiser, people, session
    ):
        twin = factories.member("xiaolin2", display_name="杭州-小林")
        html = match_page(client, session, "1. 小林")
        assert html.select_one("tr[data-match]")["data-match"] == "ambiguous"
        url = f"/admin/sessions/{session.pk}/jielong/"
        confirm(client, url, html, {"choice-0": str(twin.pk)})
        assert SessionRsvp.objects.get(session=session).member == twin

    @pytest.mark.parametrize(
        "text, message",
        [("", "粘贴的内容是空的"), ("大家好\n今晚八点见", "没有找到带序号的名字")],
    )
    def test_bad_pastes_get_a_message_and_change_nothing(
        self, client, organiser, session, text, message
    ):
        response = client.post(f"/admin/sessions/{session.pk}/jielong/", {"text": text})
        assert response.status_code == 200
        assert message in response.content.decode()
        assert not SessionRsvp.objects.exists()

    def test_a_tampered_confirmation_changes_nothing(
        self, client, organiser, people, session
    ):
        url = f"/admin/sessions/{session.pk}/jielong/"
        response = client.post(url, {"payload": "forged:abc", "choice-0": "guest"})
        assert response.status_code == 302
        assert not SessionRsvp.objects.exists()

    def test_members_cannot_open_the_paste_screen(self, client, session):
        client.force_login(factories.member())
        response = client.get(f"/admin/sessions/{session.pk}/jielong/")
        assert response.status_code in (302, 403)


class TestCheckIn:
    def test_the_list_preselects_those_who_said_they_would_come(
        self, client, organiser, people, session
    ):
        from sessions.attendance.services import rsvp_answer

        rsvp_answer(session=session, user=people["xiaolin"], answer="yes")
        rsvp_answer(session=session, user=people["laozhou"], answer="maybe")
        html = BeautifulSoup(
            client.get(f"/admin/sessions/{session.pk}/check-in/").content, "html.parser"
        )
        ticked = {
            box.find_parent("tr").select_one("label").get_text()
            for box in html.select("input[name=present][checked]")
        }
        assert ticked == {"上海-小林"}

    def test_saving_marks_present_absent_and_walk_ins(
        self, client, organiser, people, session
    ):
        from sessions.attendance.services import rsvp_answer

        came = rsvp_answer(session=session, user=people["xiaolin"], answer="yes")
        rsvp_answer(session=session, user=people["laozhou"], answer="yes")
        client.post(
            f"/admin/sessions/{session.pk}/check-in/",
            {"present": [str(came.pk)], "walk_ins": "阿青\n陌生人"},
        )
        attended = SessionRsvp.objects.filter(session=session, attended=True)
        assert {row.name for row in attended} == {"上海-小林", "阿青", "陌生人"}
        assert SessionRsvp.objects.get(member=people["laozhou"]).attended is False
        assert set(
            Activity.objects.filter(verb="attended").values_list("member", flat=True)
        ) == {people["xiaolin"].pk, people["aqing"].pk}


def upload(client, session, name, data):
    url = f"/admin/sessions/{session.pk}/participants/"
    return client.post(url, {"file": _file(name, data)})


def _file(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


class TestParticipantImport:
    def test_tencent_csv_rows_merge_per_person_and_mark_them_present(
        self, client, organiser, people, session
    ):
        response = upload(
            client, session, "参会成员.csv", TENCENT_CSV.encode("utf-8-sig")
        )
        html = BeautifulSoup(response.content, "html.parser")
        names = [
            row.select_one("td").get_text() for row in html.select("tr[data-match]")
        ]
        assert names == ["上海-小林", "阿青", "手机用户8812"]
        url = f"/admin/sessions/{session.pk}/participants/"
        confirm(client, url, html)
        xiaolin = SessionRsvp.objects.get(session=session, member=people["xiaolin"])
        assert xiaolin.attended
        assert timezone.localtime(xiaolin.joined_at).strftime("%H:%M") == "19:58"
        assert timezone.localtime(xiaolin.left_at).strftime("%H:%M") == "21:31"
        assert SessionRsvp.objects.get(guest_name="手机用户8812").attended

    def test_gbk_csv_is_read(self, client, organiser, people, session):
        response = upload(
            client, session, "list.csv", TENCENT_CSV.replace("🌸", "").encode("gbk")
        )
        assert "手机用户8812" in response.content.decode()

    def test_xlsx_export_is_read(self, client, organiser, people, session):
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(["会议主题", "周四读书会"])
        sheet.append([])
        sheet.append(["序号", "用户昵称", "入会时间", "离会时间"])
        sheet.append([1, "北京-老周", "2026-12-10 20:00:00", "2026-12-10 21:00:00"])
        output = io.BytesIO()
        workbook.save(output)
        response = upload(client, session, "参会成员.xlsx", output.getvalue())
        html = BeautifulSoup(response.content, "html.parser")
        assert html.select_one("tr[data-match]")["data-match"] == "matched"

    @pytest.mark.parametrize(
        "name, data, message",
        [
            (
                "chat.csv",
                "时间,发言人,内容\n20:00,小林,大家好\n".encode(),
                "没有找到参会成员表",
            ),
            ("broken.xlsx", b"PK\x03\x04not really a zip", "不是可读取的 Excel 文件"),
            ("empty.csv", b"", "所提交的是空文件"),
            ("only-header.csv", "用户昵称,入会时间\n".encode(), "没有参会成员"),
        ],
    )
    def test_a_file_of_the_wrong_shape_gets_a_message_and_changes_nothing(
        self, client, organiser, session, name, data, message
    ):
        response = upload(client, session, name, data)
        assert response.status_code == 200
        assert message in response.content.decode()
        assert not SessionRsvp.objects.exists()
