"""Segmenting text into search words with rjieba (jieba-rs: bundled dictionary, no cache file).

The dictionary is jieba's, plus the programme's vocabulary (`VOCABULARY`), the words of the
setting ONLINETALK_SEARCH_WORDS and whatever word sources a feature registers (the units' names
and short names: `register_word_source`). Sources are read once, on the first segmentation in
a process, and again after `forget_words()` (a unit renamed).
"""

import re
import threading
import unicodedata

import rjieba

from onlinetalk.conf import get_setting

# Words of the programme that jieba's dictionary does not hold as one word, so that a query
# for them is not cut in two and an index of them holds the compound as well as its parts.
VOCABULARY = (
    "民生在线",
    "在线访谈",
    "在线交流",
    "热点回应",
    "图文直播",
    "视频直播",
    "网民留言",
    "网民提问",
    "网友提问",
    "群众关切",
    "政务公开",
    "公积金",
    "住房公积金",
    "公积金提取",
    "公积金贷款",
    "养老保险",
    "养老保险金",
    "养老金",
    "医疗保险",
    "医保",
    "医保报销",
    "社保",
    "社保卡",
    "失业保险",
    "工伤保险",
    "生育保险",
    "不动产",
    "不动产登记",
    "不动产权证",
    "户籍",
    "入户",
    "积分入户",
    "居住证",
    "营商环境",
    "一网通办",
    "粤省事",
    "粤商通",
    "跨境",
    "港澳",
    "横琴",
    "粤港澳大湾区",
    "合作区",
    "城市更新",
    "老旧小区",
    "老旧小区改造",
    "垃圾分类",
    "新能源",
    "充电桩",
    "公交",
    "公交线路",
    "学位",
    "义务教育",
    "学前教育",
    "托育",
    "适老化",
    "长者饭堂",
    "人才房",
    "保障性住房",
    "公租房",
    "租赁住房",
    "食品安全",
    "市场监管",
    "消费维权",
    "12345",
    "政务服务",
    "办事指南",
    "十四五",
)

# Words that carry no subject in a question (怎么 提取 公积金 → 提取 公积金): left out of queries
# unless nothing else is left, so that AND does not require them in every result.
STOPWORDS = frozenset(
    [
        "的",
        "了",
        "是",
        "在",
        "和",
        "与",
        "及",
        "或",
        "吗",
        "呢",
        "吧",
        "啊",
        "呀",
        "么",
        "我",
        "我们",
        "你",
        "你们",
        "他",
        "她",
        "它",
        "这",
        "那",
        "这个",
        "那个",
        "有",
        "没有",
        "怎么",
        "怎么样",
        "怎样",
        "如何",
        "什么",
        "什么时候",
        "时候",
        "能不能",
        "会不会",
        "有没有",
        "可不可以",
        "哪些",
        "哪里",
        "哪个",
        "为什么",
        "为何",
        "是否",
        "能否",
        "可以",
        "能",
        "会",
        "要",
        "想",
        "请问",
        "请",
        "问",
        "一下",
        "关于",
        "对于",
        "以及",
        "还是",
        "就",
        "都",
        "也",
        "还",
        "又",
        "等",
        "个",
        "些",
        "多少",
        "何时",
        "几",
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "for",
        "and",
        "or",
        "is",
        "are",
        "was",
        "be",
        "it",
        "this",
        "that",
        "what",
        "how",
        "when",
        "where",
        "why",
        "do",
        "does",
        "can",
        "i",
        "we",
        "you",
        "my",
        "our",
    ]
)

_lock = threading.Lock()
_loaded = False
_sources = []

# A character that belongs to a word: letters (Chinese included) and digits.
WORD_CHARACTER = re.compile(r"[^\W_]", re.UNICODE)
# What is not part of a word inside a token (c++ → c, a"b → ab): nothing of it reaches SQL.
NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def register_word_source(source):
    """`source()` returns words to add to the dictionary (e.g. the units' names)."""
    global _loaded
    with _lock:
        if source not in _sources:
            _sources.append(source)
        _loaded = False


def forget_words():
    """Read the word sources again before the next segmentation (a unit was added or renamed).
    jieba cannot remove a word; an old name stays a word, which does no harm."""
    global _loaded
    with _lock:
        _loaded = False


def _ensure_loaded():
    global _loaded
    if _loaded:
        return
    with _lock:
        if _loaded:
            return
        words = [*VOCABULARY, *get_setting("SEARCH_WORDS")]
        for source in _sources:
            try:
                words.extend(source())
            except Exception:
                continue
        for word in words:
            word = normalise(str(word)).strip()
            if word and " " not in word:
                rjieba.add_word(word, None, None)
        _loaded = True


def normalise(text):
    """NFKC (full-width letters and digits become ASCII: ＥＴＣ → ETC), lower case, and control
    characters as spaces."""
    text = unicodedata.normalize("NFKC", text or "")
    return "".join(" " if unicodedata.category(c) == "Cc" else c for c in text).lower()


def is_word(token):
    return bool(WORD_CHARACTER.search(token))


def stem(word):
    """A light English suffix stripper, the same at index and query time on both databases
    (SQLite's tokenizer does not stem; PostgreSQL's english configuration stems as well):
    policies → policy, pensions → pension, registered → register, parking → park. A plural in
    -es loses its -es only after ch, sh, x or z (boxes → box) and else just its -s (routes →
    route, houses → house), so that it meets its singular."""
    if not word.isascii() or not word.isalpha() or len(word) <= 3:
        return word
    for suffix, replacement, minimum in (
        ("ies", "y", 5),
        ("sses", "ss", 6),
        ("ing", "", 6),
        ("ed", "", 5),
    ):
        if word.endswith(suffix) and len(word) >= minimum:
            return word[: -len(suffix)] + replacement
    if word.endswith("es") and len(word) >= 5 and word[:-2].endswith(("ch", "sh", "x", "z")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def index_words(text):
    """The words to index for `text`: jieba's search mode (养老保险金 → 养老 保险 保险金
    养老保险金), lower case, punctuation dropped, and English stems beside their words."""
    _ensure_loaded()
    words = []
    for token in rjieba.cut_for_search(normalise(text)):
        token = NOT_WORD.sub("", token)
        if not token:
            continue
        words.append(token)
        stemmed = stem(token)
        if stemmed != token:
            words.append(stemmed)
    return words


def index_text(*texts):
    """Segmented text for an index field: the words of all `texts`, separated by spaces."""
    return " ".join(word for text in texts if text for word in index_words(text))


class QueryWord:
    """One word of a query and what may stand for it in the index: the word itself, or all of its
    parts together (养老保险 is also found as 养老 + 保险 where the text says 养老保险金), and for
    English its stem."""

    def __init__(self, word, parts=(), variants=()):
        self.word = word
        self.parts = tuple(parts)
        self.variants = tuple(variants)

    def __repr__(self):
        return f"QueryWord({self.word!r}, parts={self.parts!r}, variants={self.variants!r})"

    def __eq__(self, other):
        return isinstance(other, QueryWord) and (self.word, self.parts, self.variants) == (
            other.word,
            other.parts,
            other.variants,
        )

    def __hash__(self):
        return hash((self.word, self.parts, self.variants))


def _parts(word):
    """The shorter dictionary words inside a Chinese word (jieba's search mode), when together
    they cover it: 养老保险 → 养老, 保险; 不动产登记 → 不动产, 登记."""
    if len(word) < 4 or not CJK.search(word):
        return ()
    pieces = [p for p in rjieba.cut_for_search(word) if p != word and is_word(p)]
    pieces = [NOT_WORD.sub("", p) for p in pieces]
    covered = set()
    for piece in pieces:
        start = word.find(piece)
        while start != -1:
            covered.update(range(start, start + len(piece)))
            start = word.find(piece, start + 1)
    if len(covered) < len(word):
        return ()
    # Only the pieces not inside a longer piece: 保险 and 保险金 → 保险金.
    return tuple(dict.fromkeys(p for p in pieces if not any(p != q and p in q for q in pieces)))


def query_words(text):
    """The words of a query (jieba's accurate mode, so that 公积金提取 is 公积金 + 提取), without
    punctuation, repeated words and — unless nothing else is left — words such as 怎么 or 的."""
    _ensure_loaded()
    tokens = (NOT_WORD.sub("", t) for t in rjieba.cut(normalise(text)))
    tokens = list(dict.fromkeys(t for t in tokens if t))
    kept = [t for t in tokens if t not in STOPWORDS] or tokens
    # A lone Chinese character beside other words is a prefix or a particle (市, 区, 该): it
    # would make AND require it as a word of its own.
    kept = [t for t in kept if len(t) > 1 or not CJK.match(t)] or kept
    words = []
    for token in kept:
        stemmed = stem(token)
        variants = (stemmed,) if stemmed != token else ()
        words.append(QueryWord(token, _parts(token), variants))
    return words


def query_text(text):
    """The query's words as one space-separated string (for autocomplete and for the fallback)."""
    return " ".join(word.word for word in query_words(text))


def terms(text):
    """The set of index words of `text`: what the similar-answers ranking compares."""
    return set(index_words(text))
