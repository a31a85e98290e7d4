"""Reading pasted 群接龙 lists: the formats people actually produce."""

import pytest
from django.utils import translation

from sessions.attendance.jielong import JielongError, parse_jielong


def names(text):
    return [entry.name for entry in parse_jielong(text).entries]


def test_reads_dot_numbered_names_after_a_title():
    text = "周四读书会接龙\n1. 小林\n2. 老周\n3. 阿青"
    assert names(text) == ["小林", "老周", "阿青"]
    assert parse_jielong(text).title == "周四读书会接龙"


def test_reads_ideographic_comma_numbering():
    assert names("接龙\n1、小林\n2、老周") == ["小林", "老周"]


def test_reads_full_width_digits_and_punctuation():
    assert names("接龙\n１．小林\n２，老周\n１０）阿青") == ["小林", "老周", "阿青"]


def test_reads_circled_numbers():
    assert names("①小林\n②老周") == ["小林", "老周"]


def test_reads_numbers_followed_only_by_a_space_or_bracket():
    assert names("1 小林\n2) 老周\n3） 阿青") == ["小林", "老周", "阿青"]


def test_plus_one_is_counted_and_left_out_of_the_name():
    entries = parse_jielong("1. 小林\n2、老周 +1\n3. 阿青＋2\n4. 大刘+1 带同事").entries
    assert [(e.name, e.plus_ones) for e in entries] == [
        ("小林", 0),
        ("老周", 1),
        ("阿青", 2),
        ("大刘", 1),
    ]
    assert entries[3].note == "带同事"


def test_city_in_brackets_and_a_note_after_it_are_separated():
    entry = parse_jielong("3. 阿青（北京）可能晚到").entries[0]
    assert (entry.name, entry.city, entry.note) == ("阿青", "北京", "可能晚到")


def test_a_long_remark_in_brackets_is_a_note_not_a_city():
    entry = parse_jielong("1. 小林（第一次参加，请多关照）").entries[0]
    assert (entry.name, entry.city) == ("小林", "")
    assert entry.note == "第一次参加,请多关照"


def test_notes_after_a_space_or_comma_are_kept_apart_from_the_name():
    entries = parse_jielong("1. 小林 晚到十分钟\n2. 老周，线上参加").entries
    assert [(e.name, e.note) for e in entries] == [
        ("小林", "晚到十分钟"),
        ("老周", "线上参加"),
    ]


def test_blank_lines_and_spaces_between_entries_are_ignored():
    assert names("\n\n  1. 小林  \n\n\n2. 老周\n   \n") == ["小林", "老周"]


def test_a_dated_header_gives_title_and_date_and_its_digits_are_no_entries():
    parsed = parse_jielong(
        "#接龙\n12月10日 周四 20:00 线上分享\n例：城市-名字\n1. 小林\n2. 老周"
    )
    assert [e.name for e in parsed.entries] == ["小林", "老周"]
    assert parsed.title == "12月10日 周四 20:00 线上分享"
    assert parsed.date == "12月10日"


def test_an_iso_date_header_is_read_as_the_date():
    parsed = parse_jielong("2026-12-10 读书会报名\n1. 小林")
    assert parsed.date == "2026-12-10"
    assert names("12.10 周四读书会\n1. 小林") == ["小林"]


def test_duplicates_count_once_and_are_reported():
    parsed = parse_jielong("1. 小林\n2. 老周\n3. 小林\n4. 小林 ")
    assert [e.name for e in parsed.entries] == ["小林", "老周"]
    assert [e.number for e in parsed.duplicates] == [3, 4]


def test_emoji_in_names_are_dropped():
    assert names("1. 🌸小美🌸\n2. 老周👍\n3. ❤️阿青") == ["小美", "老周", "阿青"]


def test_the_example_line_and_empty_slots_are_skipped():
    assert names("接龙\n例 北京-张三\n1. 例：上海-李四\n2. 小林\n3.\n4、") == ["小林"]


def test_city_prefixed_names_stay_whole_for_matching():
    assert names("1. 北京-阿青\n2. 上海·老周") == ["北京-阿青", "上海·老周"]


def test_unnumbered_chatter_after_the_list_is_ignored():
    assert names("接龙\n1. 小林\n2. 老周\n大家记得准时哦\n收到") == ["小林", "老周"]


def test_latin_names_are_read():
    assert names("1. Tom\n2. alice_w +1") == ["Tom", "alice_w"]


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_an_empty_paste_is_refused_with_a_message(text):
    with translation.override("zh-hans"), pytest.raises(JielongError, match="是空的"):
        parse_jielong(text)


def test_random_text_is_refused_with_a_message():
    with translation.override("en"), pytest.raises(JielongError, match="No numbered"):
        parse_jielong("今天天气不错\n大家周末愉快\nhttps://example.com")


def test_a_list_of_times_only_is_refused():
    with pytest.raises(JielongError):
        parse_jielong("20:00 开始\n21.30 结束")
