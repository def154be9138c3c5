"""Synthetic status sites for the scale benchmark.

    python bench/generate.py N OUT_DIR           # a nabd site with N incident files
    python bench/generate.py N OUT_DIR --plain   # the plain comparison site, same words

Both modes draw the same N incidents from ``random.Random(seed)``: the same N and seed give the
same bytes. Incidents spread over 2011-2025 across five platforms, with texts in English and
Arabic composed from template sentences. A few are maintenance, low-confidence records or
landmarks, or carry ``compare_with``, as real files do. Two workloads (``--workload``):

* ``real`` (the default): each incident takes the shape of one of the example site's real
  incidents (``incidents/*.yaml``, read when the site is generated): its number of updates,
  the number of words of each update's English and Arabic text, its number of platforms, the
  sources of each update and its number of figures. The example's incidents have about three
  updates of about 70 words in each language, five to six sources and two figures.
* ``light``: the first benchmark's shapes: 1-4 platforms, 2-5 updates of two to four template
  sentences, 0-3 sources, a figure on one incident in twenty.

The plain site is mkdocs-material + mkdocs-static-i18n with no nabd: one Markdown page per
incident and language (title, facts, impacts, update texts and sources), plus overview,
history (one page a year), compare (top 50) and platform pages (one a year) listing the same
incidents as nabd's do. Incident, platform and history-year pages stay out of the nav
(``not_in_nav``) and, like nabd's generated pages, every page but the hand-written ones stays
out of the search index (``--search about``), so the two builds differ only by what nabd does;
``--search all`` indexes every plain page, as a plain site's users have it, and ``--search none``
leaves Material's search plugin out. Needs PyYAML (read the example's incidents), which nabd
installs.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml

SEED = 20240305
FIRST_DAY = datetime(2011, 1, 1, tzinfo=UTC)
LAST_DAY = datetime(2025, 12, 20, tzinfo=UTC)
NOW = datetime(2026, 1, 1, tzinfo=UTC)
"""The benchmark's "now": run.py sets SOURCE_DATE_EPOCH to it."""
THREADS_LAUNCH = datetime(2023, 7, 5, tzinfo=UTC)
LANGS = ("en", "ar")
EXAMPLE_INCIDENTS = Path(__file__).resolve().parent.parent / "incidents"
"""The real incidents the ``real`` workload takes its shapes from."""
WORKLOADS = ("real", "light")
SEARCHES = ("all", "about", "none")
"""What the plain site indexes: every page, the hand-written (about) pages, or nothing."""


@dataclass(frozen=True)
class Platform:
    id: str
    name: dict[str, str]
    url: str


PLATFORMS = (
    Platform("facebook", {"en": "Facebook", "ar": "فيسبوك"}, "https://www.facebook.com/"),
    Platform("instagram", {"en": "Instagram", "ar": "إنستغرام"}, "https://www.instagram.com/"),
    Platform("whatsapp", {"en": "WhatsApp", "ar": "واتساب"}, "https://www.whatsapp.com/"),
    Platform("messenger", {"en": "Messenger", "ar": "ماسنجر"}, "https://www.messenger.com/"),
    Platform("threads", {"en": "Threads", "ar": "ثريدز"}, "https://www.threads.net/"),
)
PLATFORM = {p.id: p for p in PLATFORMS}

# -- template sentences: (English, Arabic), the same facts in both ----------------------------

REGIONS = (
    ("Europe", "أوروبا"),
    ("North America", "أمريكا الشمالية"),
    ("the Middle East", "الشرق الأوسط"),
    ("South Asia", "جنوب آسيا"),
    ("Latin America", "أمريكا اللاتينية"),
    ("North Africa", "شمال أفريقيا"),
)
CAUSES = (
    ("a faulty configuration change", "تغيير خاطئ في الإعدادات"),
    ("a software update to the caching servers", "تحديث برمجي لخوادم التخزين المؤقت"),
    ("a network fault between two data centres", "عطل في الشبكة بين مركزَي بيانات"),
    ("a database cluster that ran out of capacity", "مجموعة قواعد بيانات نفدت سعتها"),
    ("an expired internal certificate", "شهادة داخلية منتهية الصلاحية"),
    ("a bug in the login service", "خلل في خدمة تسجيل الدخول"),
)
TITLES = (
    ("{platforms} down for many users", "تعطّل {platforms} لدى كثير من المستخدمين"),
    ("{platforms}: messages not delivered", "{platforms}: الرسائل لا تصل إلى المستلمين"),
    ("Login problems on {platforms}", "مشكلات في تسجيل الدخول إلى {platforms}"),
    ("{platforms} slow to load in {region}", "بطء في تحميل {platforms} في {region}"),
    ("Photo and video uploads fail on {platforms}", "تعذّر رفع الصور والفيديو على {platforms}"),
    ("Worldwide outage of {platforms}", "انقطاع عالمي في {platforms}"),
    ("{platforms} feeds stop refreshing", "توقّف تحديث الصفحات الرئيسية في {platforms}"),
)
INVESTIGATING = (
    (
        "Users around the world report that {platforms} will not load, or load very slowly, "
        "since about {start}.",
        "يُبلغ مستخدمون حول العالم منذ نحو الساعة {start} عن تعذّر تحميل {platforms} أو بطئه الشديد.",
    ),
    (
        "Reports on outage trackers rose sharply at {start}, most of them about the app and "
        "the website failing to refresh.",
        "ارتفعت البلاغات على مواقع رصد الأعطال ارتفاعاً حاداً عند الساعة {start}، ومعظمها عن "
        "تعذّر تحديث التطبيق والموقع.",
    ),
    (
        "Messages sent through {platforms} stay pending with a single tick and are not delivered.",
        "تبقى الرسائل المرسلة عبر {platforms} معلّقة بعلامة واحدة ولا تصل إلى المستلمين.",
    ),
    (
        "Some users are logged out and cannot log back in; others see an error saying that "
        "something went wrong.",
        "سُجِّل خروج بعض المستخدمين ولا يستطيعون تسجيل الدخول مجدداً، بينما تظهر لآخرين رسالة "
        "تفيد بحدوث خطأ ما.",
    ),
    (
        "Photos and videos do not upload, and feeds show only old posts.",
        "لا يمكن رفع الصور ومقاطع الفيديو، ولا تعرض الصفحات الرئيسية سوى منشورات قديمة.",
    ),
    (
        "The problem appears to be worst in {region}, though reports come from several continents.",
        "تبدو المشكلة أشد في {region}، وإن كانت البلاغات تصل من عدة قارات.",
    ),
    (
        "Businesses that sell through {platforms} say they cannot answer customers or take orders.",
        "تقول شركات تبيع عبر {platforms} إنها لا تستطيع الرد على العملاء أو تلقي الطلبات.",
    ),
    (
        "Meta has not commented yet; this page will be updated as more is known.",
        "لم تعلّق ميتا بعد، وستُحدَّث هذه الصفحة كلما توافرت معلومات جديدة.",
    ),
    (
        "The developer platform's status page shows elevated error rates for the Graph API.",
        "تُظهر صفحة حالة منصة المطوّرين ارتفاعاً في معدلات الأخطاء في واجهة Graph API.",
    ),
    (
        "Logging in with Facebook on other websites and apps fails with a timeout.",
        "يفشل تسجيل الدخول عبر فيسبوك في المواقع والتطبيقات الأخرى بسبب انتهاء مهلة الاتصال.",
    ),
)
IDENTIFIED = (
    (
        "Meta says it is aware that some people are having trouble reaching {platforms} and "
        "is working to get things back to normal as quickly as possible.",
        "تقول ميتا إنها على علم بأن بعض الأشخاص يواجهون صعوبة في الوصول إلى {platforms}، "
        "وإنها تعمل على إعادة الأمور إلى طبيعتها في أسرع وقت ممكن.",
    ),
    (
        "The company attributes the problem to {cause}, rolled out at {start}.",
        "تعزو الشركة المشكلة إلى {cause} طُبِّق عند الساعة {start}.",
    ),
    (
        "A fault in a data centre serving {region} is said to be the cause; traffic is being "
        "moved to other sites.",
        "يُقال إن عطلاً في مركز بيانات يخدم {region} هو السبب، ويجري نقل حركة البيانات إلى "
        "مواقع أخرى.",
    ),
    (
        "Engineers have rolled back the change and are watching error rates fall.",
        "تراجع المهندسون عن التغيير ويتابعون انخفاض معدلات الأخطاء.",
    ),
    (
        "The cause is a problem with the service that stores sessions, which logs people out "
        "when it fails.",
        "سبب المشكلة خلل في الخدمة التي تحفظ جلسات الدخول، وعند تعطّلها يُسجَّل خروج المستخدمين.",
    ),
    (
        "A network problem between two of the company's data centres slowed every request "
        "that crossed it.",
        "أدت مشكلة في الشبكة بين اثنين من مراكز بيانات الشركة إلى إبطاء كل طلب يمر عبرها.",
    ),
    (
        "The problem lies in the system that delivers media, so text still works while "
        "images do not.",
        "تكمن المشكلة في النظام الذي يوصل الوسائط، ولذلك تعمل النصوص بينما لا تظهر الصور.",
    ),
    (
        "A spokesperson said there is no sign of an attack and that user data is not affected.",
        "قال متحدث باسم الشركة إنه لا توجد أي مؤشرات على هجوم، وإن بيانات المستخدمين لم تتأثر.",
    ),
)
MONITORING = (
    (
        "{platforms} load again for most people, and reports are falling.",
        "عاد {platforms} إلى العمل لدى معظم المستخدمين، وتتراجع البلاغات.",
    ),
    (
        "A fix has been deployed; some users may still need to restart the app.",
        "طُبِّق إصلاح، وقد يحتاج بعض المستخدمين إلى إعادة تشغيل التطبيق.",
    ),
    (
        "Messages sent during the outage are being delivered now, some of them hours late.",
        "تُسلَّم الآن الرسائل المرسلة أثناء الانقطاع، وبعضها متأخر بساعات.",
    ),
    (
        "Service has been coming back gradually since {recovery}, region by region.",
        "تعود الخدمة تدريجياً منذ الساعة {recovery}، منطقةً بعد أخرى.",
    ),
    (
        "The company is watching its systems closely to make sure the problem does not return.",
        "تراقب الشركة أنظمتها عن كثب للتأكد من عدم عودة المشكلة.",
    ),
    (
        "Outage trackers show reports back near their usual level.",
        "تُظهر مواقع رصد الأعطال أن البلاغات عادت إلى مستواها المعتاد تقريباً.",
    ),
)
RESOLVED = (
    (
        "The outage is over: {platforms} have worked normally since {end}, after {duration}.",
        "انتهى الانقطاع: يعمل {platforms} بصورة طبيعية منذ الساعة {end}، بعد {duration}.",
    ),
    (
        "Meta apologised to everyone affected and thanked them for their patience.",
        "اعتذرت ميتا لجميع المتضررين وشكرتهم على صبرهم.",
    ),
    (
        "The company said the root cause was {cause}.",
        "قالت الشركة إن السبب الجذري هو {cause}.",
    ),
    (
        "Posts and messages sent during the outage were not lost, according to the company.",
        "لم تُفقد المنشورات والرسائل المرسلة أثناء الانقطاع، بحسب الشركة.",
    ),
    (
        "Some advertisers asked for refunds for campaigns that ran while the apps were down.",
        "طالب بعض المعلنين باسترداد أموال الحملات التي عُرضت أثناء تعطّل التطبيقات.",
    ),
    (
        "No further problems have been reported since the fix.",
        "لم تُسجَّل أي مشكلات أخرى منذ الإصلاح.",
    ),
)
POSTMORTEM = (
    (
        "Meta published an account of the incident: the cause was {cause}, and the automated "
        "safeguards did not stop it in time.",
        "نشرت ميتا شرحاً للحادث جاء فيه أن السبب هو {cause}، وأن أنظمة الحماية الآلية لم "
        "توقفه في الوقت المناسب.",
    ),
    (
        "The company says it will change how such updates are rolled out, starting with a "
        "smaller share of servers and waiting longer before going further.",
        "تقول الشركة إنها ستغيّر طريقة نشر مثل هذه التحديثات، فتبدأ بنسبة أصغر من الخوادم "
        "وتنتظر مدة أطول قبل التوسّع.",
    ),
    (
        "It also promised to post updates sooner the next time its apps go down.",
        "ووعدت كذلك بنشر التحديثات في وقت أبكر عند أي تعطّل مقبل لتطبيقاتها.",
    ),
)
MAINTENANCE = {
    "scheduled": (
        "Planned maintenance of {platforms} is scheduled; some features may be briefly "
        "unavailable.",
        "من المقرر إجراء صيانة مخطط لها على {platforms}، وقد تتعذّر بعض الميزات لفترة قصيرة.",
    ),
    "in_progress": (
        "The maintenance has started; uploads and message backups may fail until it ends.",
        "بدأت الصيانة، وقد يتعذّر رفع الملفات والنسخ الاحتياطي للرسائل حتى انتهائها.",
    ),
    "completed": (
        "The maintenance is complete and every feature works again.",
        "اكتملت الصيانة وعادت جميع الميزات إلى العمل.",
    ),
}
SOURCES = (
    (
        "official",
        "https://about.fb.com/news/{y}/{m:02d}/service-update-{k}/",
        "Meta Newsroom: service update",
    ),
    (
        "press",
        "https://www.reuters.com/technology/{y}/{m:02d}/outage-{k}/",
        "Reuters: {platforms} down for thousands of users",
    ),
    (
        "press",
        "https://www.theverge.com/{y}/{m:02d}/{k}/outage",
        "The Verge: {platforms} are having problems",
    ),
    (
        "community",
        "https://downdetector.com/archive/{y}/{m:02d}/{k}/",
        "Downdetector: reports about {platforms}",
    ),
)
STATUS_WEIGHTS = (("major_outage", 35), ("partial_outage", 40), ("degraded_performance", 25))

# -- the incidents --------------------------------------------------------------------------


@dataclass(frozen=True)
class Impact:
    platform: str
    status: str
    start: datetime
    end: datetime


@dataclass(frozen=True)
class Source:
    url: str
    title: str
    kind: str


@dataclass(frozen=True)
class Update:
    at: datetime
    status: str
    text: dict[str, str]
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Figure:
    key: str
    value: int
    source: str
    label: dict[str, str]


@dataclass(frozen=True)
class Shape:
    """The size of one real incident: what the ``real`` workload copies."""

    words: tuple[tuple[int, int], ...]
    """Per update, the words of its English and of its Arabic text."""
    sources: tuple[int, ...]
    """Per update, its sources."""
    platforms: int
    figures: int


def example_shapes(folder: Path = EXAMPLE_INCIDENTS) -> list[Shape]:
    """The shape of each incident (not maintenance) in ``folder``, in file name order."""
    shapes = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("kind") == "maintenance":
            continue
        updates = data["updates"]
        shapes.append(
            Shape(
                words=tuple(
                    (len(str(u["text"]["en"]).split()), len(str(u["text"]["ar"]).split()))
                    for u in updates
                ),
                sources=tuple(len(u.get("sources") or ()) for u in updates),
                platforms=len({impact["platform"] for impact in data["impacts"]}),
                figures=len(data.get("figures") or ()),
            )
        )
    return shapes


@dataclass
class Incident:
    id: str
    title: dict[str, str]
    kind: str
    impacts: list[Impact]
    updates: list[Update]
    landmark: bool = False
    confidence: str | None = None
    compare_with: list[str] = field(default_factory=list)
    scheduled: tuple[datetime, datetime] | None = None
    figures: list[Figure] = field(default_factory=list)

    @property
    def start(self) -> datetime:
        return min(i.start for i in self.impacts)

    @property
    def end(self) -> datetime:
        return max(i.end for i in self.impacts)

    @property
    def platforms(self) -> list[str]:
        return list(dict.fromkeys(i.platform for i in self.impacts))


def incidents(n: int, seed: int = SEED, workload: str = "real") -> list[Incident]:
    """``n`` incidents, oldest first, the same for the same ``n``, ``seed`` and workload."""
    rng = random.Random(seed)
    shapes = example_shapes() if workload == "real" else None
    span = (LAST_DAY - FIRST_DAY).total_seconds()
    starts = sorted(FIRST_DAY + timedelta(seconds=rng.uniform(0, span)) for _ in range(n))
    landmarks = set(rng.sample(range(n), min(3, n)))
    made: list[Incident] = []
    for k, start in enumerate(starts):
        start = start.replace(second=0, microsecond=0)
        if rng.random() < 0.03:
            incident = _maintenance(rng, k, start)
        else:
            shape = rng.choice(shapes) if shapes else None
            incident = _incident(rng, k, start, made, shape)
            incident.landmark = k in landmarks
        made.append(incident)
    return made


def _choose_platforms(rng: random.Random, start: datetime, count: int | None) -> list[str]:
    available = [p.id for p in PLATFORMS if p.id != "threads" or start >= THREADS_LAUNCH]
    if count is None:
        count = rng.choices((1, 2, 3, 4), weights=(45, 30, 15, 10))[0]
    return rng.sample(available, min(count, len(available)))


def _minutes(rng: random.Random) -> int:
    """Minutes to hours, now and then a day or more."""
    if rng.random() < 0.02:
        return rng.randint(20 * 60, 30 * 60)
    return max(5, min(12 * 60, round(math.exp(rng.gauss(math.log(70), 0.9)))))


def _id(k: int, start: datetime, platforms: list[str]) -> str:
    return f"{start:%Y-%m-%d}-{'-'.join(platforms[:2])}-{k:05d}"


PHASES = {
    2: ("investigating", "resolved"),
    3: ("investigating", "identified", "resolved"),
    4: ("investigating", "identified", "monitoring", "resolved"),
    5: ("investigating", "identified", "monitoring", "resolved", "postmortem"),
}


def _incident(
    rng: random.Random, k: int, start: datetime, earlier: list[Incident], shape: Shape | None
) -> Incident:
    platforms = _choose_platforms(rng, start, shape.platforms if shape else None)
    minutes = _minutes(rng)
    impacts = []
    for n, platform in enumerate(platforms):
        lag = 0 if n == 0 else rng.randint(0, min(20, minutes // 4))
        length = max(5, minutes - lag - rng.randint(0, minutes // 5))
        status = rng.choices(*zip(*STATUS_WEIGHTS, strict=True))[0]
        begin = start + timedelta(minutes=lag)
        impacts.append(Impact(platform, status, begin, begin + timedelta(minutes=length)))
    end = max(i.end for i in impacts)
    words = _words(rng, platforms, start, end)
    title = _pick(rng, TITLES, words)
    if shape:
        phases = list(PHASES[min(5, max(2, len(shape.words)))])
        # A shape of one update lends it to both; the sources pad with none.
        sizes: list[tuple[int, int] | None] = [
            shape.words[min(n, len(shape.words) - 1)] for n in range(len(phases))
        ]
        per_update = [shape.sources[n] if n < len(shape.sources) else 0 for n in range(len(phases))]
    else:
        middle = rng.choice(("identified", "monitoring"))  # drawn first, as it always was
        phases = list(PHASES[rng.choices((2, 3, 4, 5), weights=(25, 35, 30, 10))[0]])
        if len(phases) == 3:
            phases[1] = middle
        sizes = [None] * len(phases)
        source_count = rng.choices((0, 1, 2, 3), weights=(20, 40, 25, 15))[0]
        carriers = sorted(rng.choices(range(len(phases)), k=source_count))
        per_update = [carriers.count(n) for n in range(len(phases))]
    times = _update_times(rng, phases, start, end)
    updates = []
    for n, (phase, at) in enumerate(zip(phases, times, strict=True)):
        sources = tuple(_source(rng, words, start, k * 100 + s) for s in range(per_update[n]))
        updates.append(Update(at, phase, _text(rng, phase, words, sizes[n]), sources))
    incident = Incident(_id(k, start, platforms), title, "incident", impacts, updates)
    if rng.random() < 0.03:
        incident.confidence = "low"
    candidates = [i for i in earlier[-200:] if i.kind == "incident" and i.start < start]
    if candidates and rng.random() < 0.02:
        chosen = rng.sample(candidates, min(len(candidates), rng.randint(1, 2)))
        incident.compare_with = [i.id for i in chosen]
    count = shape.figures if shape else int(rng.random() < 0.05)
    incident.figures = [_figure(rng, incident.id, platforms, n) for n in range(count)]
    return incident


FIGURES = (
    ("downdetector_reports_peak_{platform}", "Peak of reports about {name} on Downdetector",
     "ذروة البلاغات عن {name} على Downdetector"),
    ("downdetector_us_peak_{platform}", "Peak of reports about {name} in the United States",
     "ذروة البلاغات عن {name} في الولايات المتحدة"),
    ("users_affected_{platform}", "Users of {name} affected, as the company said",
     "مستخدمو {name} المتأثرون، كما قالت الشركة"),
)  # fmt: skip


def _figure(rng: random.Random, incident_id: str, platforms: list[str], n: int) -> Figure:
    """The ``n``-th figure of an incident: a series about one of its platforms."""
    key, en, ar = FIGURES[n % len(FIGURES)]
    round_ = n // len(FIGURES)
    platform = PLATFORM[platforms[round_ % len(platforms)]]
    suffix = f"_{round_}" if round_ >= len(platforms) else ""
    return Figure(
        key.format(platform=platform.id) + suffix,
        rng.randint(2, 900) * 1000,
        f"https://downdetector.com/archive/{incident_id}/{n}/",
        {"en": en.format(name=platform.name["en"]), "ar": ar.format(name=platform.name["ar"])},
    )


def _update_times(
    rng: random.Random, phases: list[str], start: datetime, end: datetime
) -> list[datetime]:
    minutes = (end - start).total_seconds() / 60
    first = start + timedelta(minutes=rng.randint(2, max(3, min(30, int(minutes / 3)))))
    middle = [p for p in phases if p in ("identified", "monitoring")]
    between = sorted(rng.uniform(0, 1) for _ in middle)
    times = [first]
    times += [first + (end - first) * f for f in between]
    times.append(end + timedelta(minutes=rng.randint(0, 30)))
    if phases[-1] == "postmortem":
        times.append(end + timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 8)))
    return [t.replace(second=0, microsecond=0) for t in times]


def _maintenance(rng: random.Random, k: int, start: datetime) -> Incident:
    platforms = rng.sample([p.id for p in PLATFORMS[:4]], rng.randint(1, 2))
    end = start + timedelta(minutes=rng.choice((30, 60, 90, 120, 240)))
    impacts = [Impact(p, "under_maintenance", start, end) for p in platforms]
    words = _words(rng, platforms, start, end)
    title = {
        "en": "Planned maintenance of {platforms}".format(**words["en"]),
        "ar": "صيانة مخطط لها على {platforms}".format(**words["ar"]),
    }
    announced = start - timedelta(days=rng.randint(1, 5))
    updates = []
    for at, phase in ((announced, "scheduled"), (start, "in_progress"), (end, "completed")):
        text = {lang: MAINTENANCE[phase][n].format(**words[lang]) for n, lang in enumerate(LANGS)}
        updates.append(Update(at, phase, text))
    incident = Incident(_id(k, start, platforms), title, "maintenance", impacts, updates)
    incident.scheduled = (start, end)
    return incident


def _words(
    rng: random.Random, platforms: list[str], start: datetime, end: datetime
) -> dict[str, dict[str, str]]:
    """The values template sentences are filled with, in each language."""
    region, cause = rng.choice(REGIONS), rng.choice(CAUSES)
    recovery = start + (end - start) * 0.7
    return {
        lang: {
            "platforms": _join([PLATFORM[p].name[lang] for p in platforms], lang),
            "region": region[n],
            "cause": cause[n],
            "start": f"{start:%H:%M} UTC",
            "end": f"{end:%H:%M} UTC",
            "recovery": f"{recovery:%H:%M} UTC",
            "duration": _duration(end - start, lang),
        }
        for n, lang in enumerate(LANGS)
    }


def _pick(rng: random.Random, pool, words) -> dict[str, str]:
    en, ar = rng.choice(pool)
    return {"en": en.format(**words["en"]), "ar": ar.format(**words["ar"])}


def _text(
    rng: random.Random, phase: str, words, size: tuple[int, int] | None = None
) -> dict[str, str]:
    """Two to four template sentences, or with ``size`` (English words, Arabic words) as many
    sentences as reach each size, the last one cut to it."""
    pool = {
        "investigating": INVESTIGATING,
        "identified": IDENTIFIED,
        "monitoring": MONITORING,
        "resolved": RESOLVED,
        "postmortem": POSTMORTEM,
    }[phase]
    if size is None:
        chosen = rng.sample(pool, rng.randint(2, min(4, len(pool))))
        return {
            lang: " ".join(sentence[n].format(**words[lang]) for sentence in chosen)
            for n, lang in enumerate(LANGS)
        }
    order = rng.sample(pool, len(pool))
    texts = {}
    for n, lang in enumerate(LANGS):
        found: list[str] = []
        k = 0
        while len(found) < size[n]:
            found += order[k % len(order)][n].format(**words[lang]).split()
            k += 1
        texts[lang] = " ".join(found[: size[n]]).rstrip(".,،") + "."
    return texts


def _source(rng: random.Random, words, start: datetime, k: int) -> Source:
    kind, url, title = rng.choice(SOURCES)
    return Source(url.format(y=start.year, m=start.month, k=k), title.format(**words["en"]), kind)


def _join(names: list[str], lang: str) -> str:
    if len(names) == 1:
        return names[0]
    if lang == "ar":
        return " و".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _duration(span: timedelta, lang: str) -> str:
    minutes = int(span.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    if lang == "en":
        parts = [f"{hours} h" if hours else "", f"{minutes} min" if minutes else ""]
        return " ".join(p for p in parts if p) or "0 min"
    parts = [_arabic_count(hours, HOURS_AR), _arabic_count(minutes, MINUTES_AR)]
    return " و".join(p for p in parts if p) or "أقل من دقيقة"


HOURS_AR = ("ساعة واحدة", "ساعتين", "ساعات", "ساعة")
MINUTES_AR = ("دقيقة واحدة", "دقيقتين", "دقائق", "دقيقة")


def _arabic_count(count: int, forms: tuple[str, str, str, str]) -> str:
    """A count with its noun as Arabic wants it: one, two (dual), 3-10 (plural), 11+."""
    if count == 0:
        return ""
    if count <= 2:
        return forms[count - 1]
    return f"{count} {forms[2] if count <= 10 else forms[3]}"


# -- the nabd site ----------------------------------------------------------------------------


def _q(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def _ts(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def incident_yaml(incident: Incident) -> str:
    lines = [
        "# yaml-language-server: $schema=../plugin/nabd/schema/incident.schema.json",
        "title:",
        f"  en: {_q(incident.title['en'])}",
        f"  ar: {_q(incident.title['ar'])}",
        f"kind: {incident.kind}",
    ]
    if incident.landmark:
        lines.append("landmark: true")
    if incident.confidence:
        lines.append(f"confidence: {incident.confidence}")
    if incident.scheduled:
        lines += ["scheduled:", f"  from: {_ts(incident.scheduled[0])}"]
        lines.append(f"  to: {_ts(incident.scheduled[1])}")
    lines.append("impacts:")
    for impact in incident.impacts:
        lines += [
            f"  - platform: {impact.platform}",
            f"    status: {impact.status}",
            f"    from: {_ts(impact.start)}",
            f"    to: {_ts(impact.end)}",
        ]
    lines.append("updates:")
    for update in incident.updates:
        lines += [
            f"  - at: {_ts(update.at)}",
            f"    status: {update.status}",
            "    text:",
            f"      en: {_q(update.text['en'])}",
            f"      ar: {_q(update.text['ar'])}",
        ]
        if update.sources:
            lines.append("    sources:")
            for source in update.sources:
                lines += [
                    f"      - url: {source.url}",
                    f"        title: {_q(source.title)}",
                    f"        kind: {source.kind}",
                ]
    if incident.compare_with:
        lines.append(f"compare_with: [{', '.join(incident.compare_with)}]")
    if incident.figures:
        lines.append("figures:")
        for figure in incident.figures:
            lines += [
                f"  - key: {figure.key}",
                f"    value: {figure.value}",
                f"    source: {figure.source}",
                "    label:",
                f"      en: {_q(figure.label['en'])}",
                f"      ar: {_q(figure.label['ar'])}",
            ]
    return "\n".join(lines) + "\n"


def mkdocs_yml(plain: bool, search: str = "about") -> str:
    platforms = "".join(
        f"        - id: {p.id}\n"
        f"          name: {{en: {p.name['en']}, ar: {p.name['ar']}}}\n"
        f"          url: {p.url}\n"
        "          tracked_since: 2010-01-01\n"
        for p in PLATFORMS
    )
    nabd = (
        ""
        if plain
        else "  - nabd:\n      incidents_dir: incidents\n      timezone: UTC\n      platforms:\n"
        + platforms
    )
    not_in_nav = "not_in_nav: |\n  incidents/\n  platforms/\n  history/\n\n" if plain else ""
    # As each one's users have it: nabd's sites (nabd init) have no search, plain ones do.
    search_plugin = "  - search\n" if plain and search != "none" else ""
    return f"""# Generated by bench/generate.py: the scale benchmark's {"plain" if plain else "nabd"} site.
site_name: Meta platforms status (unofficial)
site_description: An independent, unofficial record of outages of Facebook, Instagram, WhatsApp, Messenger and Threads.
site_url: https://example.github.io/nabd/
docs_dir: docs
strict: false
{not_in_nav}theme:
  name: material
  font: false
  features:
    - navigation.tabs
    - navigation.top
  palette:
    - scheme: default
      primary: indigo
      accent: indigo

plugins:
{search_plugin}  - i18n:
      docs_structure: folder
      languages:
        - locale: en
          default: true
          name: English
          build: true
        - locale: ar
          name: العربية
          build: true
          site_name: حالة منصات ميتا (غير رسمي)
          site_description: سجل مستقل وغير رسمي لانقطاعات فيسبوك وإنستغرام وواتساب وماسنجر وثريدز.
{nabd}
nav:
  - index.md
  - history.md
  - compare.md
  - about.md
  - methodology.md

markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
      slugify: !!python/object/apply:pymdownx.slugs.slugify
        kwds:
          case: lower
"""  # noqa: E501


HAND_WRITTEN = {
    "en": {
        "about.md": "# About this status page\n\n"
        "This site is an independent, unofficial record of outages of Meta's platforms: "
        "Facebook, Instagram, WhatsApp, Messenger and Threads. It is not run by Meta.\n\n"
        "## Who it is for\n\n"
        "It is written for the shops and sellers that take orders through these apps and "
        "lose them when the apps go down: is it only me, since when, and was it worse last "
        "time?\n",
        "methodology.md": "# Methodology\n\n"
        "Each incident is reconstructed from public reports and every update lists its "
        "sources. Uptime counts a minute of major outage fully and a minute of partial outage "
        "at 30 percent; degraded performance and maintenance do not count as downtime.\n",
    },
    "ar": {
        "about.md": "# عن صفحة الحالة هذه\n\n"
        "هذا الموقع سجل مستقل وغير رسمي لانقطاعات منصات ميتا: فيسبوك وإنستغرام وواتساب "
        "وماسنجر وثريدز، ولا تديره ميتا.\n\n"
        "## لمن هذا الموقع\n\n"
        "كُتب للمتاجر والبائعين الذين يتلقون الطلبات عبر هذه التطبيقات ويخسرونها عند "
        "تعطّلها: هل المشكلة عندي وحدي، ومنذ متى، وهل كان الانقطاع السابق أسوأ؟\n",
        "methodology.md": "# المنهجية\n\n"
        "يُعاد بناء كل حادث من التقارير المنشورة، ويذكر كل تحديث مصادره. وتُحتسب دقيقة "
        "الانقطاع الكبير كاملة ودقيقة الانقطاع الجزئي بنسبة 30 في المئة، ولا يُحتسب تراجع "
        "الأداء ولا الصيانة وقتاً للتوقف.\n",
    },
}


def write_site(
    n: int,
    out: Path,
    plain: bool,
    seed: int = SEED,
    workload: str = "real",
    search: str = "about",
) -> None:
    """Write the nabd site (or the plain one) with ``n`` incidents of ``workload`` into ``out``.

    With ``search`` "about", the plain site's pages stand for nabd's generated ones and, like
    them, stay out of the search index (front matter ``search: {exclude: true}``).
    """
    front = "" if search != "about" else "---\nsearch:\n  exclude: true\n---\n"
    if out.exists():
        shutil.rmtree(out)
    (out / "docs").mkdir(parents=True)
    (out / "mkdocs.yml").write_text(mkdocs_yml(plain, search), encoding="utf-8")
    for lang, pages in HAND_WRITTEN.items():
        (out / "docs" / lang).mkdir()
        for name, text in pages.items():
            (out / "docs" / lang / name).write_text(text, encoding="utf-8")
    made = incidents(n, seed, workload)
    if plain:
        for lang in LANGS:
            for path, text in plain_pages(made, lang).items():
                target = out / "docs" / lang / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(front + text, encoding="utf-8")
        return
    (out / "incidents").mkdir()
    for incident in made:
        (out / "incidents" / f"{incident.id}.yaml").write_text(
            incident_yaml(incident), encoding="utf-8"
        )


# -- the plain site -------------------------------------------------------------------------

LABELS = {
    "en": {
        "investigating": "Investigating", "identified": "Identified", "monitoring": "Monitoring",
        "resolved": "Resolved", "postmortem": "Postmortem", "scheduled": "Scheduled",
        "in_progress": "In progress", "completed": "Completed",
        "major_outage": "Major outage", "partial_outage": "Partial outage",
        "degraded_performance": "Degraded performance", "under_maintenance": "Under maintenance",
        "official": "Official", "press": "Press", "community": "Community",
        "started": "Started", "ended": "Ended", "duration": "Duration", "impact": "Impact",
        "platforms": "Affected platforms", "by_platform": "Impact by platform",
        "platform": "Platform", "status": "Status", "from": "From", "to": "To",
        "updates": "Updates", "sources": "Sources", "history": "Incident history",
        "figures": "Figures",
        "compare": "All incidents compared", "overview": "Current status",
        "operational": "Operational", "all_ok": "All systems operational",
        "recent": "Recent incidents", "rank": "Rank", "incident": "Incident",
        "weighted": "Weighted outage minutes", "hit": "Platforms hit",
        "by_duration": "By duration", "by_weighted": "By weighted outage minutes",
        "tracked": "Tracked since", "incidents": "Incidents", "year": "Year",
        "total": "Total outage", "longest": "Longest outage", "uptime": "Uptime",
        "top": "The top %(num)s of %(total)s.",
        "months": ("January", "February", "March", "April", "May", "June", "July", "August",
                   "September", "October", "November", "December"),
    },
    "ar": {
        "investigating": "قيد التحقيق", "identified": "تم تحديد السبب",
        "monitoring": "قيد المراقبة",
        "resolved": "تم الحل", "postmortem": "تقرير ما بعد الحادث", "scheduled": "مجدولة",
        "in_progress": "جارية", "completed": "مكتملة",
        "major_outage": "انقطاع كبير", "partial_outage": "انقطاع جزئي",
        "degraded_performance": "تراجع في الأداء", "under_maintenance": "قيد الصيانة",
        "official": "رسمي", "press": "صحافة", "community": "مجتمع",
        "started": "البداية", "ended": "النهاية", "duration": "المدة", "impact": "الأثر",
        "platforms": "المنصات المتأثرة", "by_platform": "الأثر حسب المنصة",
        "platform": "المنصة", "status": "الحالة", "from": "من", "to": "إلى",
        "updates": "التحديثات", "sources": "المصادر", "history": "سجل الحوادث",
        "figures": "الأرقام",
        "compare": "مقارنة جميع الحوادث", "overview": "الحالة الآن",
        "operational": "تعمل", "all_ok": "جميع الأنظمة تعمل",
        "recent": "أحدث الحوادث", "rank": "الترتيب", "incident": "الحادث",
        "weighted": "دقائق الانقطاع الموزونة", "hit": "المنصات المتضررة",
        "by_duration": "حسب المدة", "by_weighted": "حسب دقائق الانقطاع الموزونة",
        "tracked": "الرصد منذ", "incidents": "الحوادث", "year": "السنة",
        "total": "مجموع الانقطاع", "longest": "أطول انقطاع", "uptime": "نسبة التشغيل",
        "top": "أعلى %(num)s من %(total)s.",
        "months": ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
                   "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"),
    },
}  # fmt: skip
COMMA = {"en": ", ", "ar": "، "}
TOP = 50
"""How many incidents each ranking of the compare page lists, as nabd's does."""
WEIGHTS = {"major_outage": 1.0, "partial_outage": 0.3}
IMPACT = {
    "major_outage": ("critical", "Critical", "حرج"),
    "partial_outage": ("major", "Major", "كبير"),
    "degraded_performance": ("minor", "Minor", "طفيف"),
    "under_maintenance": ("maintenance", "Maintenance", "صيانة"),
}
SEVERITY = ("under_maintenance", "degraded_performance", "partial_outage", "major_outage")


def _impact(incident: Incident, lang: str) -> str:
    """The incident's impact level in words, from its worst status."""
    worst = max((i.status for i in incident.impacts), key=SEVERITY.index)
    return IMPACT[worst][1 + LANGS.index(lang)]


def _date(moment: datetime, lang: str) -> str:
    return f"{moment.day} {LABELS[lang]['months'][moment.month - 1]} {moment.year}"


def _when(moment: datetime, lang: str) -> str:
    return f"{_date(moment, lang)}{COMMA[lang]}{moment:%H:%M} UTC"


def _weighted(incident: Incident) -> float:
    return sum(
        WEIGHTS.get(i.status, 0.0) * (i.end - i.start).total_seconds() / 60
        for i in incident.impacts
    )


def _platform_links(ids: list[str], lang: str, up: str) -> str:
    return COMMA[lang].join(f"[{PLATFORM[p].name[lang]}]({up}platforms/{p}.md)" for p in ids)


def _item(incident: Incident, lang: str, up: str) -> str:
    """One incident as a list item, with the words of nabd's ``incident_item``."""
    label = LABELS[lang]
    return (
        f"- [{incident.title[lang]}]({up}incidents/{incident.id}.md) · "
        f"{_date(incident.start, lang)} · {_duration(incident.end - incident.start, lang)} · "
        f"{label['impact']}: {_impact(incident, lang)} · "
        f"{_platform_links(incident.platforms, lang, up)}"
    )


def plain_pages(made: list[Incident], lang: str) -> dict[str, str]:
    """The plain site's Markdown pages in ``lang``: path -> text."""
    label = LABELS[lang]
    newest = sorted(made, key=lambda i: (i.start, i.id), reverse=True)
    pages = {f"incidents/{i.id}.md": _incident_page(i, lang) for i in made}

    recent = "\n".join(_item(i, lang, "") for i in newest[:5])
    rows = "\n".join(
        f"- [{p.name[lang]}](platforms/{p.id}.md): {label['operational']}" for p in PLATFORMS
    )
    pages["index.md"] = (
        f"# {label['overview']}\n\n**{label['all_ok']}**\n\n{rows}\n\n"
        f"## {label['recent']}\n\n{recent}\n\n[{label['history']}](history.md)\n"
    )

    history = _by_year(newest)
    for n, (year, in_year) in enumerate(history.items()):
        path = "history.md" if n == 0 else f"history/{year}.md"
        up = "" if n == 0 else "../"
        title = label["history"] if n == 0 else f"{label['history']}: {year}"
        paths = {y: f"{up}history/{y}.md" for y in history}
        paths[next(iter(history))] = f"{up}history.md"
        pages[path] = _year_page(title, year, in_year, history, paths, lang, up)

    ranked = [i for i in made if i.kind == "incident" and i.confidence != "low"]
    parts = [f"# {label['compare']}\n"]
    for key, heading in ((_length, label["by_duration"]), (_weighted, label["by_weighted"])):
        parts += [
            f"\n## {heading}\n",
            f"| {label['rank']} | {label['incident']} | {label['started']} | "
            f"{label['duration']} | {label['weighted']} | {label['hit']} |",
            "|---|---|---|---|---|---|",
        ]
        if len(ranked) > TOP:
            parts.append(f"{label['top'] % {'num': TOP, 'total': len(ranked)}}\n")
        for rank, incident in enumerate(sorted(ranked, key=key, reverse=True)[:TOP], 1):
            hit = [i.platform for i in incident.impacts if i.status in WEIGHTS]
            parts.append(
                f"| {rank} | [{incident.title[lang]}](incidents/{incident.id}.md) | "
                f"{_date(incident.start, lang)} | {_duration(incident.end - incident.start, lang)}"
                f" | {round(_weighted(incident))} | {_platform_links(hit, lang, '') or '—'} |"
            )
    pages["compare.md"] = "\n".join(parts) + "\n"

    by_platform: dict[str, list[Incident]] = defaultdict(list)
    for incident in newest:
        for platform in incident.platforms:
            by_platform[platform].append(incident)
    for p in PLATFORMS:
        years = _by_year(by_platform[p.id])
        pages[f"platforms/{p.id}.md"] = _platform_page(p, by_platform[p.id], years, lang)
        paths = {y: f"{y}.md" for y in years}
        for year, in_year in years.items():
            title = f"{p.name[lang]} {label['incidents']}: {year}"
            page = _year_page(title, year, in_year, years, paths, lang, "../../")
            pages[f"platforms/{p.id}/{year}.md"] = page
    return pages


def _by_year(newest: list[Incident]) -> dict[int, list[Incident]]:
    years: dict[int, list[Incident]] = defaultdict(list)
    for incident in newest:
        years[incident.start.year].append(incident)
    return dict(years)


def _year_page(
    title: str,
    year: int,
    in_year: list[Incident],
    years: dict[int, list[Incident]],
    paths: dict[int, str],
    lang: str,
    up: str,
) -> str:
    """One year of incidents by month, after links to every year: nabd's history pages."""
    label = LABELS[lang]
    parts = [f"# {title}\n"]
    parts += [
        f"- **{y}** ({len(found)})" if y == year else f"- [{y}]({paths[y]}) ({len(found)})"
        for y, found in years.items()
    ]
    parts.append(f"\n## {year}\n")
    month = None
    for incident in in_year:
        if incident.start.month != month:
            month = incident.start.month
            parts.append(f"\n### {label['months'][month - 1]}\n")
        parts.append(_item(incident, lang, up))
    return "\n".join(parts) + "\n"


def _length(incident: Incident) -> timedelta:
    return incident.end - incident.start


def _platform_page(
    platform: Platform, listed: list[Incident], years: dict[int, list[Incident]], lang: str
) -> str:
    """A platform's facts, its year-by-year table, its 20 latest incidents, links to years."""
    label = LABELS[lang]
    table = [
        f"| {label['year']} | {label['incidents']} | {label['total']} | {label['longest']} |",
        "|---|---|---|---|",
    ]
    for year, in_year in years.items():
        longest = max(in_year, key=_length)
        total = sum((_length(i) for i in in_year), timedelta())
        table.append(
            f"| [{year}]({platform.id}/{year}.md) | {len(in_year)} | {_duration(total, lang)} | "
            f"[{_duration(_length(longest), lang)}](../incidents/{longest.id}.md) |"
        )
    items = "\n".join(_item(i, lang, "../") for i in listed[:20])
    links = "\n".join(f"- [{y}]({platform.id}/{y}.md) ({len(found)})" for y, found in years.items())
    return (
        f"# {platform.name[lang]}\n\n{label['status']}: {label['operational']}\n\n"
        f"- {label['tracked']}: 1 January 2010\n- {label['incidents']}: {len(listed)}\n\n"
        f"## {label['uptime']}\n\n" + "\n".join(table) + f"\n\n## {label['recent']}\n\n"
        f"{items}\n\n{links}\n"
    )


def _incident_page(incident: Incident, lang: str) -> str:
    label = LABELS[lang]
    lines = [
        f"# {incident.title[lang]}",
        "",
        f"**{label[incident.updates[-1].status]}** · {label['impact']}: {_impact(incident, lang)}",
        "",
        f"- {label['started']}: {_when(incident.start, lang)}",
        f"- {label['ended']}: {_when(incident.end, lang)}",
        f"- {label['duration']}: {_duration(incident.end - incident.start, lang)}",
        f"- {label['platforms']}: {_platform_links(incident.platforms, lang, '../')}",
        "",
        f"## {label['by_platform']}",
        "",
        f"| {label['platform']} | {label['status']} | {label['from']} | {label['to']} | "
        f"{label['duration']} |",
        "|---|---|---|---|---|",
    ]
    for impact in incident.impacts:
        lines.append(
            f"| {_platform_links([impact.platform], lang, '../')} | {label[impact.status]} | "
            f"{impact.start:%H:%M} | {impact.end:%H:%M} | "
            f"{_duration(impact.end - impact.start, lang)} |"
        )
    if incident.figures:
        lines += ["", f"## {label['figures']}", ""]
        lines += [f"- {f.label[lang]}: [{f.value:,}]({f.source})" for f in incident.figures]
    lines += ["", f"## {label['updates']}", ""]
    for update in reversed(incident.updates):
        lines += [f"### {label[update.status]} — {_when(update.at, lang)}", "", update.text[lang]]
        if update.sources:
            lines += ["", f"{label['sources']}:", ""]
            lines += [f"- [{s.title}]({s.url}) {label[s.kind]}" for s in update.sources]
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of incidents")
    parser.add_argument("out", type=Path, help="the site's folder (replaced)")
    parser.add_argument("--plain", action="store_true", help="the plain comparison site")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--workload", choices=WORKLOADS, default="real")
    parser.add_argument("--search", choices=SEARCHES, default="about", help="plain: what to index")
    args = parser.parse_args()
    write_site(args.n, args.out, args.plain, args.seed, args.workload, args.search)


if __name__ == "__main__":
    main()
