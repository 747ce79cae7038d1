"""Loads the demo network: the area tree, a fictional Pirkanmaa family-centre network with its
organisations, family centres, groups at every level, people in every role and a few meetings.

Idempotent: every row is looked up by its natural key first and created only when missing, so a second
run (the same day or months later) creates and changes nothing. Existing rows are not brought back to
the seed values, because `make run` loads the demo on every start and people trying the demo must not
lose what they changed. The area tree is the exception: it is reference data, so an area whose name,
parent or Sotkanet id differs from the reference file is corrected.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from familycentres.models import (
    AgendaItem,
    Area,
    Attendance,
    FamilyCentre,
    Group,
    Meeting,
    Membership,
    Organisation,
)

DEMO_PASSWORD = "ilmio-demo-2026"
DEMO_DOMAIN = "demo.ilmio.fi"
HELSINKI = ZoneInfo("Europe/Helsinki")
AREAS_CSV = Path(__file__).resolve().parents[2] / "data" / "areas.csv"

Role = Membership.Role
GroupKind = Group.Kind
Level = Group.Level

PIRKANMAA = "08"

# Pirkanmaa's municipalities grouped into the three regions of the county's network-management model
# (seed 002: three geographically bounded regional coordination groups). Keyed by municipality code.
REGIONS = [
    {
        "code": "08-R1",
        "name_fi": "Tampereen seutu",
        "name_sv": "Tammerforsregionen",
        "municipalities": ["837", "211", "418", "536", "562", "604", "922", "980"],
    },
    {
        "code": "08-R2",
        "name_fi": "Pohjoinen Pirkanmaa",
        "name_sv": "Norra Birkaland",
        "municipalities": ["108", "143", "177", "250", "508", "581", "702", "936"],
    },
    {
        "code": "08-R3",
        "name_fi": "Eteläinen Pirkanmaa",
        "name_sv": "Södra Birkaland",
        "municipalities": ["020", "291", "619", "635", "790", "887", "908"],
    },
]

# Own codes for local areas: municipality code + running number.
LOCAL_AREAS = [
    ("837-01", "Hervanta", "Hervanta", "837"),
    ("837-02", "Tesoma", "Tesoma", "837"),
    ("837-03", "Kaukajärvi", "Kaukajärvi", "837"),
]

# (name, kind, area as (kind, code) or None). NGOs and the parish are fictional.
ORGANISATIONS = [
    ("Pirkanmaan hyvinvointialue", Organisation.Kind.WELLBEING_COUNTY, ("wellbeing_county", PIRKANMAA)),
    ("Tampereen kaupunki", Organisation.Kind.MUNICIPALITY, ("municipality", "837")),
    ("Nokian kaupunki", Organisation.Kind.MUNICIPALITY, ("municipality", "536")),
    ("Mänttä-Vilppulan kaupunki", Organisation.Kind.MUNICIPALITY, ("municipality", "508")),
    ("Virtain kaupunki", Organisation.Kind.MUNICIPALITY, ("municipality", "936")),
    ("Sastamalan kaupunki", Organisation.Kind.MUNICIPALITY, ("municipality", "790")),
    ("Valkeakosken kaupunki", Organisation.Kind.MUNICIPALITY, ("municipality", "908")),
    ("Pirkanmaan Perhetoimintayhdistys ry", Organisation.Kind.NGO, ("wellbeing_county", PIRKANMAA)),
    ("Lapsiperheiden Arkiapu ry", Organisation.Kind.NGO, ("wellbeing_county", PIRKANMAA)),
    ("Harjunsalon seurakunta", Organisation.Kind.PARISH, ("wellbeing_county", PIRKANMAA)),
    ("Kela", Organisation.Kind.KELA, None),
]
HVA = "Pirkanmaan hyvinvointialue"
NGO = "Pirkanmaan Perhetoimintayhdistys ry"
NGO2 = "Lapsiperheiden Arkiapu ry"
PARISH = "Harjunsalon seurakunta"
KELA = "Kela"

FAMILY_CENTRES = [
    {
        "slug": "tampereen-seutu",
        "name_fi": "Tampereen seudun perhekeskus",
        "name_sv": "Familjecentret i Tammerforsregionen",
        "region": "08-R1",
        "description": "Tampereen seudun kuntien, hyvinvointialueen, järjestöjen, seurakuntien ja Kelan "
        "lapsi- ja perhepalvelujen verkosto.",
    },
    {
        "slug": "pohjoinen-pirkanmaa",
        "name_fi": "Pohjoisen Pirkanmaan perhekeskus",
        "name_sv": "Familjecentret i Norra Birkaland",
        "region": "08-R2",
        "description": "Pohjoisen Pirkanmaan lapsi- ja perhepalvelujen verkosto kahdeksassa kunnassa.",
    },
    {
        "slug": "etelainen-pirkanmaa",
        "name_fi": "Eteläisen Pirkanmaan perhekeskus",
        "name_sv": "Familjecentret i Södra Birkaland",
        "region": "08-R3",
        "description": "Eteläisen Pirkanmaan lapsi- ja perhepalvelujen verkosto seitsemässä kunnassa.",
    },
]


@dataclass(frozen=True)
class Person:
    key: str
    full_name: str
    title: str
    organisation: str | None
    language: str = "fi"
    email_local: str = ""  # the well-known demo logins; others are derived from the name
    superuser: bool = False

    @property
    def email(self) -> str:
        local = self.email_local or _ascii(self.full_name).lower().replace(" ", ".")
        return f"{local}@{DEMO_DOMAIN}"


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Fictional people. Any likeness to real persons is coincidental.
PEOPLE = [
    # The well-known demo logins (README).
    Person("admin", "Aila Mäkinen", "Pääkäyttäjä", HVA, email_local="admin", superuser=True),
    Person("professional", "Sanna Laaksonen", "Terveydenhoitaja", HVA, email_local="ammattilainen"),
    Person("collector", "Mikko Heinonen", "Tiedolla johtamisen asiantuntija", HVA, email_local="kokoaja"),
    Person(
        "county_chair",
        "Päivi Salonen",
        "Lasten, nuorten ja perheiden palvelujen johtaja",
        HVA,
        email_local="puheenjohtaja",
    ),
    Person("secretary", "Jenni Koskinen", "Suunnittelija", "Tampereen kaupunki", email_local="sihteeri"),
    Person("coordinator", "Tuomas Lehtonen", "Perhekeskuskoordinaattori", HVA, email_local="koordinaattori"),
    Person("client_developer", "Laura Niemi", "Kehittäjäasiakas", None, email_local="kehittajaasiakas"),
    # Tampereen seutu
    Person("r1_chair", "Ulla Kivelä", "Palvelualuejohtaja", HVA),
    Person("fc1_chair", "Riitta Hakala", "Perhepalvelujen johtaja", "Tampereen kaupunki"),
    Person("fc1_facilitator", "Elina Rantanen", "Kehittämissuunnittelija", NGO),
    Person("fc1_teacher", "Kari Järvinen", "Luokanopettaja", "Tampereen kaupunki"),
    Person("fc1_ecec", "Johanna Lindholm", "Varhaiskasvatuksen opettaja", "Tampereen kaupunki", "sv"),
    Person("fc1_social", "Hanna Saarinen", "Sosiaaliohjaaja", HVA),
    Person("fc1_youth", "Ville Korhonen", "Nuorisotyöntekijä", "Nokian kaupunki"),
    Person("fc1_nokia_nurse", "Riikka Toivonen", "Terveydenhoitaja", HVA),
    # Pohjoinen Pirkanmaa
    Person("r2_chair", "Timo Laitinen", "Palvelualuejohtaja", HVA),
    Person("fc2_chair", "Marja Aaltonen", "Sivistysjohtaja", "Mänttä-Vilppulan kaupunki"),
    Person("fc2_secretary", "Petri Kallio", "Hallintosuunnittelija", "Virtain kaupunki"),
    Person("fc2_coordinator", "Satu Peltonen", "Perhekeskuskoordinaattori", HVA),
    Person("fc2_collector", "Antti Väisänen", "Erityisasiantuntija", HVA),
    Person("fc2_facilitator", "Minna Lahtinen", "Järjestökoordinaattori", NGO2),
    Person("fc2_midwife", "Outi Heikkinen", "Kätilö", HVA),
    Person("fc2_curator", "Jussi Mattila", "Koulukuraattori", HVA),
    Person("fc2_familywork", "Tiina Hiltunen", "Perhetyöntekijä", HVA),
    Person("fc2_youth", "Erik Sjöberg", "Nuoriso-ohjaaja", "Virtain kaupunki", "sv"),
    Person("fc2_teacher", "Mervi Koivisto", "Erityisopettaja", "Mänttä-Vilppulan kaupunki"),
    Person("experience_expert", "Kaisa Jokela", "Kokemusasiantuntija", None),
    # Eteläinen Pirkanmaa
    Person("r3_chair", "Raija Vesterinen", "Palvelualuejohtaja", HVA),
    Person("fc3_chair", "Heikki Nurmi", "Hyvinvointijohtaja", "Sastamalan kaupunki"),
    Person("fc3_secretary", "Anu Seppälä", "Suunnittelija", "Valkeakosken kaupunki"),
    Person("fc3_coordinator", "Maria Backman", "Perhekeskuskoordinaattori", HVA, "sv"),
    Person("fc3_collector", "Janne Hämäläinen", "Analyytikko", HVA),
    Person("fc3_facilitator", "Noora Kettunen", "Kehittäjä", NGO),
    Person("fc3_ecec", "Pekka Leinonen", "Varhaiskasvatuksen opettaja", "Sastamalan kaupunki"),
    Person("fc3_psychologist", "Eeva Tuominen", "Psykologi", HVA),
    Person("fc3_assistant", "Henrik Nyström", "Koulunkäynninohjaaja", "Valkeakosken kaupunki", "sv"),
    Person("fc3_family", "Sari Karjalainen", "Perheohjaaja", NGO2),
    Person("fc3_nurse", "Jari Heiskanen", "Kouluterveydenhoitaja", HVA),
    # County-wide
    Person("county_secretary", "Jari Lindqvist", "Erityissuunnittelija", HVA),
    Person("county_coordinator", "Anne Räsänen", "Maakunnallinen perhekeskuskoordinaattori", HVA),
    Person("ngo_lead", "Kirsi Manninen", "Toiminnanjohtaja", NGO),
    Person("parish", "Markus Ojala", "Perhetyön pastori", PARISH),
    Person("kela", "Leena Hyvönen", "Palveluasiantuntija", KELA),
    Person("lp_trainer", "Tarja Pursiainen", "LP-kouluttaja", HVA),
    Person("board_chair", "Arto Honkanen", "Lautakunnan puheenjohtaja", HVA),
    Person("board_member1", "Sirpa Ahonen", "Lautakunnan jäsen", HVA),
    Person("board_member2", "Juha Rinne", "Lautakunnan jäsen", HVA),
    Person("board_member3", "Camilla Sundström", "Lautakunnan jäsen", HVA, "sv"),
]

# The README's demo logins: person key and what the account shows off.
DEMO_LOGINS = [
    ("admin", "administrator (superuser)"),
    ("professional", "professional, member of a local family-centre team"),
    ("collector", "collector / analyst of a family centre"),
    ("county_chair", "chair of the county steering group"),
    ("secretary", "secretary of a local steering group"),
    ("coordinator", "coordinator of a regional group and local teams"),
    ("client_developer", "client representative (limited account)"),
]


@dataclass
class GroupSpec:
    key: str
    name: str
    kind: str
    level: str
    area: tuple[str, str]
    parent: str | None = None
    family_centre: str | None = None
    description: str = ""
    members: list[tuple[str, str]] = field(default_factory=list)  # (person key, role)


def _group_specs() -> list[GroupSpec]:
    """Parents come before children, so each group's parent exists when it is created."""
    county = ("wellbeing_county", PIRKANMAA)
    specs = [
        GroupSpec(
            "board",
            "Pirkanmaan hyvinvoinnin ja terveyden edistämisen lautakunta",
            GroupKind.WELFARE_BOARD,
            Level.BOARD,
            county,
            description="Hyväksyy perhekeskuksen toimintasuunnitelman ja seuraa sen toteutumista.",
            members=[
                ("board_chair", Role.CHAIR),
                ("county_secretary", Role.SECRETARY),
                ("board_member1", Role.MEMBER),
                ("board_member2", Role.MEMBER),
                ("board_member3", Role.MEMBER),
                ("county_chair", Role.MEMBER),
            ],
        ),
        GroupSpec(
            "county",
            "Pirkanmaan perhekeskuksen maakunnallinen ohjausryhmä",
            GroupKind.COUNTY_STEERING,
            Level.COUNTY,
            county,
            parent="board",
            description="Strateginen ohjausryhmä, Pirkanmaan LAPE-työryhmän työn jatkaja.",
            members=[
                ("county_chair", Role.CHAIR),
                ("county_secretary", Role.SECRETARY),
                ("county_coordinator", Role.COORDINATOR),
                ("r1_chair", Role.MEMBER),
                ("r2_chair", Role.MEMBER),
                ("r3_chair", Role.MEMBER),
                ("ngo_lead", Role.MEMBER),
                ("parish", Role.MEMBER),
                ("kela", Role.MEMBER),
            ],
        ),
        GroupSpec(
            "lp",
            "Pirkanmaan LP-koordinaatioryhmä",
            GroupKind.LP_COORDINATION,
            Level.COUNTY,
            county,
            parent="county",
            description="Tukee Lapset puheeksi -työtä: koulutukset, menetelmätyönohjaus ja alueelliset "
            "ammattilaisten tapaamiset.",
            members=[
                ("lp_trainer", Role.CHAIR),
                ("county_coordinator", Role.COORDINATOR),
                ("fc1_facilitator", Role.FACILITATOR),
                ("professional", Role.MEMBER),
                ("fc2_curator", Role.MEMBER),
                ("fc3_psychologist", Role.MEMBER),
                ("fc1_ecec", Role.MEMBER),
            ],
        ),
    ]
    per_region = [
        # Per region: its family centre, the people in the regional and local steering roles, and two
        # local teams as (name, municipality code, professionals, client representatives).
        {
            "n": 1,
            "region": "08-R1",
            "fc": "tampereen-seutu",
            "region_name": "Tampereen seudun",
            "r_chair": "r1_chair",
            "chair": "fc1_chair",
            "secretary": "secretary",
            "coordinator": "coordinator",
            "collector": "collector",
            "facilitator": "fc1_facilitator",
            "client_reps": ["client_developer"],
            "teams": [
                (
                    "Tampereen paikallinen perhekeskustiimi",
                    "837",
                    ["professional", "fc1_teacher", "fc1_ecec"],
                    ["client_developer"],
                ),
                (
                    "Nokian paikallinen perhekeskustiimi",
                    "536",
                    ["fc1_social", "fc1_youth", "fc1_nokia_nurse"],
                    [],
                ),
            ],
        },
        {
            "n": 2,
            "region": "08-R2",
            "fc": "pohjoinen-pirkanmaa",
            "region_name": "Pohjoisen Pirkanmaan",
            "r_chair": "r2_chair",
            "chair": "fc2_chair",
            "secretary": "fc2_secretary",
            "coordinator": "fc2_coordinator",
            "collector": "fc2_collector",
            "facilitator": "fc2_facilitator",
            "client_reps": ["experience_expert"],
            "teams": [
                (
                    "Mänttä-Vilppulan paikallinen perhekeskustiimi",
                    "508",
                    ["fc2_midwife", "fc2_curator", "fc2_teacher"],
                    ["experience_expert"],
                ),
                ("Virtain paikallinen perhekeskustiimi", "936", ["fc2_familywork", "fc2_youth"], []),
            ],
        },
        {
            "n": 3,
            "region": "08-R3",
            "fc": "etelainen-pirkanmaa",
            "region_name": "Eteläisen Pirkanmaan",
            "r_chair": "r3_chair",
            "chair": "fc3_chair",
            "secretary": "fc3_secretary",
            "coordinator": "fc3_coordinator",
            "collector": "fc3_collector",
            "facilitator": "fc3_facilitator",
            "client_reps": [],
            "teams": [
                ("Sastamalan paikallinen perhekeskustiimi", "790", ["fc3_ecec", "fc3_psychologist"], []),
                (
                    "Valkeakosken paikallinen perhekeskustiimi",
                    "908",
                    ["fc3_assistant", "fc3_family", "fc3_nurse"],
                    [],
                ),
            ],
        },
    ]
    for r in per_region:
        n = r["n"]
        specs.append(
            GroupSpec(
                f"regional{n}",
                f"{r['region_name']} alueellinen koordinaatioryhmä",
                GroupKind.REGIONAL_COORDINATION,
                Level.REGIONAL,
                ("region", r["region"]),
                parent="county",
                description="Ohjaa alueensa ilmiölähtöistä kehittämistä ja maakunnallisen "
                "toimintasuunnitelman toimeenpanoa.",
                members=[
                    (r["r_chair"], Role.CHAIR),
                    (r["secretary"], Role.SECRETARY),
                    (r["coordinator"], Role.COORDINATOR),
                    (r["chair"], Role.MEMBER),
                    ("ngo_lead", Role.MEMBER),
                    ("parish", Role.MEMBER),
                ],
            )
        )
        specs.append(
            GroupSpec(
                f"steering{n}",
                f"{r['region_name']} perhekeskuksen ohjausryhmä",
                GroupKind.LOCAL_STEERING,
                Level.LOCAL,
                ("region", r["region"]),
                parent=f"regional{n}",
                family_centre=r["fc"],
                description="Perhekeskuksen paikallinen ohjausryhmä: käsittelee tiimien havainnot ja "
                "aloitteet.",
                members=[
                    (r["chair"], Role.CHAIR),
                    (r["secretary"], Role.SECRETARY),
                    (r["coordinator"], Role.COORDINATOR),
                    (r["collector"], Role.COLLECTOR),
                    (r["facilitator"], Role.MEMBER),
                    ("ngo_lead", Role.MEMBER),
                    ("parish", Role.MEMBER),
                    ("kela", Role.MEMBER),
                    *[(p, Role.CLIENT_REPRESENTATIVE) for p in r["client_reps"]],
                ],
            )
        )
        for t, (team_name, municipality, professionals, client_reps) in enumerate(r["teams"], start=1):
            specs.append(
                GroupSpec(
                    f"team{n}.{t}",
                    team_name,
                    GroupKind.LOCAL_TEAM,
                    Level.LOCAL,
                    ("municipality", municipality),
                    parent=f"steering{n}",
                    family_centre=r["fc"],
                    description="Paikallinen perhekeskustiimi (ydinryhmä): tapaa 1–2 kuukauden välein ja "
                    "kokoaa havainnot perheiden arjesta.",
                    members=[
                        (r["coordinator"], Role.COORDINATOR),
                        (r["facilitator"], Role.FACILITATOR),
                        (r["collector"], Role.COLLECTOR),
                        *[(p, Role.MEMBER) for p in professionals],
                        *[(p, Role.CLIENT_REPRESENTATIVE) for p in client_reps],
                    ],
                )
            )
    return specs


@dataclass(frozen=True)
class MeetingSpec:
    title: str
    day_offset: int  # days from the day the meeting is first seeded; negative = already held
    agenda: list[tuple[str, str]]  # (title, outcome when held)
    minutes: str = ""


STEERING_MEETINGS = [
    MeetingSpec(
        "Toimintasuunnitelman tilannekatsaus",
        -63,
        [
            ("Kokouksen avaus ja läsnäolijat", "Kokous avattiin, läsnäolijat todettiin."),
            (
                "Toimintasuunnitelman toteutuminen",
                "Tilannekatsaus käytiin läpi; viestintävastuut tarkennettiin.",
            ),
            ("Seuraava kokous", "Seuraavassa kokouksessa käsitellään tiimien havaintokooste."),
        ],
        "Käytiin läpi toimintasuunnitelman toteutuminen. Sovittiin, että jokainen jäsen vie tiedon "
        "omaan organisaatioonsa ja tuo seuraavaan kokoukseen terveiset tiimeiltä.",
    ),
    MeetingSpec(
        "Havaintokoosteen ja aloitteiden käsittely",
        -20,
        [
            ("Kokouksen avaus ja läsnäolijat", "Kokous avattiin, läsnäolijat todettiin."),
            ("Perhekeskustiimien havaintokooste", "Koosteesta nousi esiin vanhempien yksinäisyys iltaisin."),
            ("Aloite yhteiskehittämisen käynnistämisestä", "Aloite siirrettiin valmisteltavaksi."),
        ],
        "Käsiteltiin tiimien havaintokooste. Vanhempien yksinäisyydestä valmistellaan aloite "
        "yhteiskehittämisen käynnistämiseksi; palaute välitetään tiimeille.",
    ),
    MeetingSpec(
        "Aloitteiden käsittely ja kehittäjäryhmän nimeäminen",
        16,
        [
            ("Kokouksen avaus ja läsnäolijat", ""),
            ("Aloite: vanhempien yksinäisyys", ""),
            ("Kehittäjäryhmän kokoonpano ja fasilitointi", ""),
        ],
    ),
    MeetingSpec(
        "Indikaattoripaketin tarkastelu",
        44,
        [
            ("Kokouksen avaus ja läsnäolijat", ""),
            ("Kuntavertailu ja trendit", ""),
            ("Laadullisen tiedon ja tilastojen yhdistäminen", ""),
        ],
    ),
]

TEAM_MEETINGS = [
    MeetingSpec(
        "Tiimin aloitustapaaminen",
        -56,
        [
            ("Tutustuminen ja tiimin tehtävä", "Tiimin tehtävä ja tapaamisrytmi sovittiin."),
            ("Havaintojen kirjaaminen", "Jokainen kirjaa havainnot Ilmiöön ennen seuraavaa tapaamista."),
        ],
        "Sovittiin tapaamisrytmiksi noin kuuden viikon väli ja havaintojen kirjaamisesta Ilmiöön.",
    ),
    MeetingSpec(
        "Havaintojen läpikäynti ja terveiset ohjausryhmälle",
        -14,
        [
            (
                "Havainnot edellisen tapaamisen jälkeen",
                "Esiin nousi iltapäivätoiminnan jonot ja yksinäisyys.",
            ),
            ("Terveiset ohjausryhmälle", "Koordinaattori vie havaintokoosteen ohjausryhmälle."),
        ],
        "Käytiin läpi kertyneet havainnot. Koordinaattori vie koosteen ohjausryhmälle ja tuo palautteen "
        "seuraavaan tapaamiseen.",
    ),
    MeetingSpec(
        "Ohjausryhmän palaute ja uudet havainnot",
        21,
        [
            ("Ohjausryhmän palaute", ""),
            ("Uudet havainnot", ""),
        ],
    ),
    MeetingSpec(
        "Palvelukartan päivitys",
        63,
        [
            ("Alueen palvelut perhekeskustehtävittäin", ""),
            ("Katvealueet ja päällekkäisyydet", ""),
        ],
    ),
]

BOARD_MEETINGS = [
    MeetingSpec(
        "Perhekeskuksen toimintasuunnitelman seurantaraportti",
        -35,
        [
            ("Kokouksen avaus ja päätösvaltaisuus", "Kokous todettiin laillisesti koolle kutsutuksi."),
            ("Toimintasuunnitelman seurantaraportti", "Lautakunta merkitsi raportin tiedoksi."),
        ],
        "Lautakunta merkitsi perhekeskuksen toimintasuunnitelman seurantaraportin tiedoksi.",
    ),
    MeetingSpec(
        "Hyvinvointikertomuksen lapsiperheosio",
        30,
        [
            ("Kokouksen avaus ja päätösvaltaisuus", ""),
            ("Hyvinvointikertomuksen lapsiperheosio", ""),
        ],
    ),
]

LP_MEETINGS = [
    MeetingSpec(
        "LP-työn tilannekatsaus ja koulutussuunnitelma",
        -42,
        [
            ("LP-keskustelujen ja neuvonpitojen määrät", "Määrät kasvoivat erityisesti kouluissa."),
            ("Koulutussuunnitelma", "Seuraava menetelmäkoulutus suunnataan varhaiskasvatukseen."),
        ],
        "Käytiin läpi LP-työn määrät. Seuraava menetelmäkoulutus suunnataan varhaiskasvatukseen.",
    ),
    MeetingSpec(
        "LP-neuvonpitojen asiakaspalautteen käsittely",
        25,
        [
            ("Asiakaspalautteen yhteenveto", ""),
            ("Menetelmätyönohjauksen järjestäminen", ""),
        ],
    ),
]

MEETINGS_BY_KIND = {
    GroupKind.WELFARE_BOARD: (BOARD_MEETINGS, time(17, 0), timedelta(hours=2)),
    GroupKind.COUNTY_STEERING: (STEERING_MEETINGS, time(13, 0), timedelta(hours=2)),
    GroupKind.REGIONAL_COORDINATION: (STEERING_MEETINGS, time(9, 0), timedelta(hours=2)),
    GroupKind.LOCAL_STEERING: (STEERING_MEETINGS, time(13, 0), timedelta(hours=2)),
    GroupKind.LOCAL_TEAM: (TEAM_MEETINGS, time(14, 0), timedelta(minutes=90)),
    GroupKind.LP_COORDINATION: (LP_MEETINGS, time(10, 0), timedelta(minutes=90)),
}


@dataclass(frozen=True)
class ObservationSpec:
    """A demo observation. Professionals' observations are keyed on (author, text), families' on their
    follow-up code (which survives a collector's redaction), so a re-run finds them and creates nothing."""

    key: str
    days_ago: int
    author: str | None  # person key; None = a family through the open form
    area: tuple[str, str]  # (kind, code)
    environment: str
    age_group: str
    kind: str
    text: str
    themes: tuple[str, ...] = ()
    source: str = "own_work"
    status: str = "new"
    archive_reason: str = ""
    merged_into: str = ""  # key of the kept observation
    note: str = ""  # a collector's internal note
    language: str = "fi"


_M = "municipality"
_L = "local_area"
TRE, NOKIA, KANGASALA, LEMPAALA, YLOJARVI, PIRKKALA = (
    (_M, "837"),
    (_M, "536"),
    (_M, "211"),
    (_M, "418"),
    (_M, "980"),
    (_M, "604"),
)
HERVANTA, TESOMA, KAUKAJARVI = (_L, "837-01"), (_L, "837-02"), (_L, "837-03")

# Fictional observations of the Tampere region's family centre. The personal data in the held ones is
# fake (a test-range identity code, example.com, a made-up street); it shows what redaction looks like.
# fmt: off
DEMO_OBSERVATIONS = [
    ObservationSpec("o01", 2, "professional", HERVANTA, "services", "0-2", "concern",
                    "Neuvolassa moni vauvaperheen vanhempi kertoo olevansa iltaisin yksin ja väsynyt. "
                    "Vertaistukea kaivataan, mutta perhekahvila on auki vain aamupäivisin.",
                    ("yksinäisyys", "vertaistuki")),
    ObservationSpec("o02", 3, "fc1_teacher", TESOMA, "school", "7-12", "concern",
                    "Kolmasluokkalaiset jäävät iltapäivisin yksin kotiin, koska iltapäiväkerhoon on jonoa. "
                    "Osa lapsista kertoo pelaavansa koko iltapäivän.",
                    ("iltapäivätoiminta", "ruutuaika"), status="read"),
    ObservationSpec("o03", 4, "fc1_ecec", KAUKAJARVI, "ecec", "3-6", "positive",
                    "Föräldrarna uppskattar den nya utflyktsdagen i daghemmet. Många familjer har börjat "
                    "besöka skogen också på helgerna.",
                    ("luonto", "osallisuus"), language="sv"),
    ObservationSpec("o04", 5, "professional", TRE, "home", "0-2", "concern",
                    "Vanhemmat kysyvät usein unikoulusta. Tietoa haetaan somesta, ja ohjeet ovat ristiriitaisia.",
                    ("uni", "vanhemmuuden tuki"), note="Sama teema nousi myös Hervannan neuvolassa."),
    ObservationSpec("o05", 6, "fc1_teacher", TRE, "school", "13-17", "concern",
                    "Yläkoulun oppilailla on paljon poissaoloja maanantaisin. Oppilaat kertovat valvovansa "
                    "viikonloppuisin pelien ja somen takia.",
                    ("koulupoissaolot", "ruutuaika", "uni")),
    ObservationSpec("o06", 7, None, TRE, "leisure", "7-12", "",
                    "Meidän lapsi haluaisi harrastaa, mutta kaikki harrastukset ovat kalliita eikä "
                    "lähellä ole mitään ilmaista.",
                    ("harrastukset", "talous"), source="family_form"),
    ObservationSpec("o07", 8, None, HERVANTA, "services", "family", "",
                    "Perheneuvolaan pääsee vasta kolmen kuukauden päästä. Siinä ajassa tilanne ehtii "
                    "kärjistyä.",
                    ("palveluihin pääsy",), source="family_form", status="read"),
    ObservationSpec("o08", 9, "fc1_ecec", TESOMA, "ecec", "3-6", "concern",
                    "Flera barn i gruppen har svårt att somna på vilan. Föräldrarna berättar om sena "
                    "kvällar framför skärmar.",
                    ("uni", "ruutuaika"), language="sv"),
    ObservationSpec("o09", 10, "professional", HERVANTA, "services", "0-2", "positive",
                    "Uusi iltaneuvola on otettu hyvin vastaan. Isät ovat tulleet mukaan selvästi "
                    "aiempaa useammin.",
                    ("isät", "palveluihin pääsy"), status="read"),
    ObservationSpec("o10", 11, None, TRE, "digital", "13-17", "",
                    "Nuoret kertovat, että somessa leviää kiusaamisvideoita eikä kukaan aikuinen puutu.",
                    ("kiusaaminen", "some"), source="family_form"),
    ObservationSpec("o11", 12, None, TRE, "school", "7-12", "",
                    "Lapsemme on kiusattu koulumatkalla. Soittakaa minulle numeroon 040 000 1234, "
                    "niin kerron lisää.",
                    ("kiusaaminen",), source="family_form"),
    ObservationSpec("o12", 13, None, TESOMA, "home", "family", "",
                    "Asumme osoitteessa Esimerkkikatu 5 B ja taloyhtiössä on paljon lapsiperheitä ilman "
                    "kohtaamispaikkaa. Pihalle toivotaan jotain yhteistä.",
                    ("kohtaamispaikat",), source="family_form"),
    ObservationSpec("o13", 3, None, HERVANTA, "services", "0-2", "",
                    "Vi skulle vilja ha familjecafé på svenska. Skriv gärna till "
                    "familjen.exempel@example.com om det blir något.",
                    ("vertaistuki", "kieli"), source="family_form", language="sv"),
    ObservationSpec("o14", 6, None, TRE, "services", "13-17", "",
                    "Poikani (010190-954E) ei ole saanut aikaa koulukuraattorille, vaikka olemme "
                    "yrittäneet koko syksyn.",
                    ("palveluihin pääsy", "mielen hyvinvointi"), source="family_form"),
    ObservationSpec("o15", 12, "fc1_teacher", TESOMA, "school", "7-12", "concern",
                    "Iltapäiväkerhon jono on pitkä ja moni ekaluokkalainen jää ilman paikkaa.",
                    ("iltapäivätoiminta",)),
    ObservationSpec("o16", 13, "professional", TRE, "services", "0-2", "concern",
                    "Vauvaperheiden vanhemmat kokevat yksinäisyyttä etenkin iltaisin ja viikonloppuisin.",
                    ("yksinäisyys",), merged_into="o01"),
    ObservationSpec("o17", 15, "fc1_social", NOKIA, "home", "family", "concern",
                    "Perheiden talousvaikeudet näkyvät: ruoka-avun jonossa on entistä enemmän lapsiperheitä.",
                    ("talous", "ruoka-apu"), status="read",
                    note="Yhteys seurakunnan diakoniatyöhön sovittu."),
    ObservationSpec("o18", 4, "fc1_youth", NOKIA, "leisure", "13-17", "positive",
                    "Nuorisotalon perjantai-illat ovat täynnä. Nuoret toivovat aukioloa myös lauantaihin.",
                    ("harrastukset", "kohtaamispaikat")),
    ObservationSpec("o19", 8, "fc1_nokia_nurse", NOKIA, "school", "13-17", "concern",
                    "Terveystarkastuksissa yhä useampi kahdeksasluokkalainen kertoo nukkuvansa alle "
                    "seitsemän tuntia yössä.",
                    ("uni", "mielen hyvinvointi")),
    ObservationSpec("o20", 10, "fc1_social", NOKIA, "services", "family", "concern",
                    "Eroperheiden vanhemmat eivät tiedä, mistä saa apua sopimusasioihin ja lasten tukemiseen.",
                    ("eroperheet", "vanhemmuuden tuki")),
    ObservationSpec("o21", 11, None, NOKIA, "leisure", "3-6", "",
                    "Uimahallin perhevuorot ovat ihania, kiitos! Lisää vuoroja viikonlopuille.",
                    ("harrastukset", "liikunta"), source="family_form", status="read"),
    ObservationSpec("o22", 2, "fc1_youth", NOKIA, "digital", "13-17", "concern",
                    "Nuoret kertovat rahapeleistä ja pelien ostoksista, joista vanhemmat eivät tiedä.",
                    ("rahapelit", "some")),
    ObservationSpec("o23", 18, "fc1_nokia_nurse", NOKIA, "school", "7-12", "concern",
                    "Koulun aamupala on monelle päivän ensimmäinen ateria.",
                    ("ruoka-apu", "talous")),
    ObservationSpec("o24", 20, "professional", HERVANTA, "services", "0-2", "concern",
                    "Maahan muuttaneet vauvaperheet eivät löydä perhekahvilaa, koska esite on vain suomeksi.",
                    ("kieli", "vertaistuki"), status="read"),
    ObservationSpec("o25", 21, "fc1_teacher", TRE, "school", "13-17", "concern",
                    "Oppilaat kertovat jännittävänsä esiintymistä niin, että jättävät tulematta esitelmäpäivinä.",
                    ("mielen hyvinvointi", "koulupoissaolot"), status="read"),
    ObservationSpec("o26", 22, "fc1_ecec", KAUKAJARVI, "ecec", "3-6", "positive",
                    "Barnen leker mer tillsammans efter att vi införde lekkompisar över gruppgränserna.",
                    ("osallisuus",), language="sv", status="read"),
    ObservationSpec("o27", 24, None, TRE, "services", "family", "",
                    "Tämä ei kuulu perhekeskukselle, mutta katuvalot ovat rikki koulutiellä.",
                    ("turvallisuus",), source="family_form", status="archived",
                    archive_reason="Asia kuuluu kaupungin katuvalaistukselle; välitimme viestin sinne."),
    ObservationSpec("o28", 25, "fc1_social", NOKIA, "home", "family", "concern",
                    "Ruoka-avun jonossa on paljon lapsiperheitä.",
                    ("ruoka-apu",), merged_into="o17"),
    ObservationSpec("o29", 26, "professional", TRE, "services", "0-2", "concern",
                    "Testiviesti, ei varsinainen havainto.",
                    status="archived", archive_reason="Kirjattu vahingossa."),
    ObservationSpec("o30", 28, None, KANGASALA, "school", "7-12", "",
                    "Koulukyyti on niin aikaisin, että lapset odottavat koulun pihalla puoli tuntia.",
                    ("koulumatkat",), source="family_form"),
    ObservationSpec("o31", 30, "fc1_teacher", LEMPAALA, "school", "7-12", "positive",
                    "Välituntiliikunnan ohjaajat ovat vähentäneet riitoja selvästi.",
                    ("liikunta", "kiusaaminen"), status="read"),
    ObservationSpec("o32", 32, None, YLOJARVI, "leisure", "13-17", "",
                    "Nuorille ei ole iltaisin paikkaa, jossa olla ilman että pitää ostaa jotain.",
                    ("kohtaamispaikat",), source="family_form"),
    ObservationSpec("o33", 33, "fc1_youth", PIRKKALA, "digital", "13-17", "concern",
                    "Nuorten ryhmächateissa jaetaan toisten kuvia luvatta.",
                    ("some", "kiusaaminen"), source="team"),
    ObservationSpec("o34", 35, "professional", HERVANTA, "home", "0-2", "concern",
                    "Synnytyksen jälkeinen masennus puheeksi yhä useammin, mutta jatkoapua on vaikea saada.",
                    ("mielen hyvinvointi", "palveluihin pääsy"), status="read"),
    ObservationSpec("o35", 38, "fc1_ecec", TRE, "ecec", "3-6", "concern",
                    "Barn med annat modersmål får vänta länge på stöd i språkutvecklingen.",
                    ("kieli", "palveluihin pääsy"), language="sv", source="survey"),
    ObservationSpec("o36", 40, "fc1_social", NOKIA, "services", "family", "positive",
                    "Perhetyön matalan kynnyksen vastaanotto on lyhentänyt jonoja.",
                    ("palveluihin pääsy",), status="read"),
    ObservationSpec("o37", 42, "fc1_teacher", TRE, "school", "13-17", "concern",
                    "Kouluterveyskyselyn mukaan yksinäisyys on lisääntynyt yläkoululaisilla.",
                    ("yksinäisyys", "mielen hyvinvointi"), source="survey"),
    ObservationSpec("o38", 45, None, TRE, "home", "family", "",
                    "Kerro mitä huomasit -lomake on hyvä idea. Toivottavasti tämä luetaan!",
                    (), source="family_form", status="archived",
                    archive_reason="Kiitos palautteesta! Viesti ei koske yksittäistä ilmiötä."),
    ObservationSpec("o39", 48, "fc1_nokia_nurse", NOKIA, "school", "7-12", "concern",
                    "Ylipainoisten lasten määrä on kasvanut terveystarkastuksissa.",
                    ("liikunta", "ravitsemus"), source="media"),
    ObservationSpec("o40", 50, "professional", TRE, "services", "0-2", "positive",
                    "Perhevalmennus verkossa on tavoittanut myös vuorotyötä tekevät vanhemmat.",
                    ("vanhemmuuden tuki", "digitaaliset palvelut")),
]
# fmt: on

# The Tampere team's meeting two weeks ago recorded which observations it discussed.
DEMO_TEAM_REVIEW = (
    "Tampereen paikallinen perhekeskustiimi",
    "Havaintojen läpikäynti ja terveiset ohjausryhmälle",
    ["o15", "o24", "o37"],
    "Tiimi nosti esiin iltapäivätoiminnan jonot ja nuorten yksinäisyyden. Koordinaattori vie molemmat "
    "ohjausryhmälle; maahan muuttaneiden perheiden tavoittamisesta pyydetään järjestöjen näkemys.",
)


def _demo_code(key: str) -> str:
    """A fixed follow-up code per demo observation, from the codes' own alphabet."""
    import hashlib

    from observations import codes

    digest = hashlib.sha256(f"ilmio-demo-{key}".encode()).digest()
    raw = "".join(codes.ALPHABET[b % len(codes.ALPHABET)] for b in digest[: codes.LENGTH])
    return f"{raw[:5]}-{raw[5:]}"


def _today() -> date:
    """Today in Helsinki; a function so that tests can move the calendar."""
    return timezone.localdate(timezone=HELSINKI)


def _weekday(day: date) -> date:
    # Meetings are on working days: a weekend date moves to the Monday after.
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _get_or_create(model, lookup: dict, defaults: dict):
    """Like get_or_create, but tolerates duplicates an administrator may have made on a non-unique
    natural key (the oldest row wins) instead of failing the whole load."""
    obj = model.objects.filter(**lookup).order_by("pk").first()
    if obj is not None:
        return obj, False
    return model.objects.create(**lookup, **defaults), True


DEMO_PHENOMENA = [
    {
        "title": "Vauvaperheiden vanhempien yksinäisyys iltaisin",
        "description": "Neuvoloissa ja perhepalveluissa vauvaperheiden vanhemmat kertovat olevansa iltaisin "
        "yksin ja väsyneitä. Vertaistuki on tarjolla lähinnä aamupäivisin, ja iltaneuvola on otettu hyvin "
        "vastaan.",
        "kind": "concern",
        "scale": "county",
        "analyser_kind": "team",
        "status": "initiative",
        "observations": ["o01", "o09", "o04"],
        "understanding": "Iltaisin ja viikonloppuisin tukea on vähän, vaikka tarve on silloin suurin.",
        "root_causes": "Palvelut ovat auki virka-aikaan; vertaistuki nojaa vapaaehtoisiin.",
        "initiative": "Ilmiö koskee kaikkia seudun kuntia. Ehdotamme iltaisin ja viikonloppuisin toimivan "
        "vertaistuen kehittämistä yhdessä perheiden ja järjestöjen kanssa.",
    },
    {
        "title": "Uni ja ruutuaika lasten ja nuorten arjessa",
        "description": "Varhaiskasvatuksessa, koulussa ja terveystarkastuksissa näkyy lasten ja nuorten "
        "univaje, joka liittyy iltojen ruutuaikaan.",
        "kind": "concern",
        "scale": "family_centre_area",
        "analyser_kind": "team",
        "status": "under_analysis",
        "observations": ["o05", "o08", "o19"],
        "further_information": "Kouluterveyskyselyn uni- ja ruutuaikaindikaattorit (THL).",
        "understanding": "Univaje näkyy kaikissa ikäryhmissä, eniten yläkouluikäisillä.",
    },
    {
        "title": "Iltapäivätoiminnan jonot",
        "description": "Moni ekaluokkalainen jää ilman iltapäiväkerhon paikkaa ja on iltapäivät yksin.",
        "kind": "concern",
        "scale": "local_area",
        "analyser_kind": "person",
        "status": "draft",
        "observations": ["o02", "o15"],
    },
]


class _Quiet:
    def write(self, *args, **kwargs) -> None:
        pass


class Command(BaseCommand):
    help = (
        "Loads the demo network (areas, organisations, family centres, groups, people, meetings). Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-passwords",
            action="store_true",
            help="Give new demo accounts unusable passwords (required when DEMO_MODE is off).",
        )

    def handle(self, *args, **options):
        with_passwords = not options["no_passwords"]
        # SECURITY: the shared demo password is public (it is in the README); it must never be set on
        # an installation that is not a demo.
        if with_passwords and not settings.DEMO_MODE:
            raise CommandError(
                "DEMO_MODE is off, so the shared demo password will not be set. "
                "Run with --no-passwords to load the demo network with unusable passwords."
            )
        self.created: dict[str, int] = {}
        with transaction.atomic():
            areas = self._load_areas()
            organisations = self._load_organisations(areas)
            centres = self._load_family_centres(areas)
            users = self._load_users(organisations, with_passwords=with_passwords)
            groups = self._load_groups(areas, centres, users, organisations)
            self._load_meetings(groups, users)
            self._load_observations(areas, centres, users, groups)
            self._load_phenomena(centres, users, groups)
            self._load_codevelopment(users, groups)
        # The services of the service map, through the catalogue importer (its own all-or-nothing run).
        from types import SimpleNamespace

        from django.utils import timezone

        from familycentres.demo_services import load as load_services

        load_services(
            SimpleNamespace(stdout=self.stdout if options["verbosity"] > 0 else _Quiet(), now=timezone.now())
        )
        if options["verbosity"] > 0:
            self._report(users, with_passwords=with_passwords)

    def _count(self, label: str, created: bool) -> None:
        if created:
            self.created[label] = self.created.get(label, 0) + 1

    # Areas -----------------------------------------------------------------------------------------

    def _upsert_area(self, *, kind: str, code: str, values: dict) -> Area:
        area, created = _get_or_create(Area, {"kind": kind, "code": code}, values)
        self._count("areas", created)
        if not created:
            changed = [name for name, value in values.items() if getattr(area, name) != value]
            if changed:
                for name in changed:
                    setattr(area, name, values[name])
                area.save(update_fields=changed)
                self._count("areas corrected", True)
        return area

    def _load_areas(self) -> dict[tuple[str, str], Area]:
        with AREAS_CSV.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        region_of = {m: region["code"] for region in REGIONS for m in region["municipalities"]}
        areas: dict[tuple[str, str], Area] = {}

        def values(row: dict, parent: Area | None) -> dict:
            sotkanet = row.get("sotkanet_region_id") or ""
            return {
                "name_fi": row["name_fi"],
                "name_sv": row["name_sv"],
                "parent": parent,
                "sotkanet_region_id": int(sotkanet) if sotkanet else None,
            }

        for row in rows:
            if row["kind"] == Area.Kind.WELLBEING_COUNTY:
                areas[(row["kind"], row["code"])] = self._upsert_area(
                    kind=row["kind"], code=row["code"], values=values(row, None)
                )
        county = areas[(Area.Kind.WELLBEING_COUNTY, PIRKANMAA)]
        for region in REGIONS:
            areas[(Area.Kind.REGION, region["code"])] = self._upsert_area(
                kind=Area.Kind.REGION,
                code=region["code"],
                values={
                    "name_fi": region["name_fi"],
                    "name_sv": region["name_sv"],
                    "parent": county,
                    "sotkanet_region_id": None,
                },
            )
        for row in rows:
            if row["kind"] != Area.Kind.MUNICIPALITY:
                continue
            if row["parent_code"] == PIRKANMAA:
                if row["code"] not in region_of:
                    raise CommandError(
                        f"Pirkanmaa municipality {row['code']} ({row['name_fi']}) has no region."
                    )
                parent = areas[(Area.Kind.REGION, region_of[row["code"]])]
            else:
                parent = areas[(Area.Kind.WELLBEING_COUNTY, row["parent_code"])]
            areas[(row["kind"], row["code"])] = self._upsert_area(
                kind=row["kind"], code=row["code"], values=values(row, parent)
            )
        for code, name_fi, name_sv, municipality in LOCAL_AREAS:
            areas[(Area.Kind.LOCAL_AREA, code)] = self._upsert_area(
                kind=Area.Kind.LOCAL_AREA,
                code=code,
                values={
                    "name_fi": name_fi,
                    "name_sv": name_sv,
                    "parent": areas[(Area.Kind.MUNICIPALITY, municipality)],
                    "sotkanet_region_id": None,
                },
            )
        return areas

    # Organisations and family centres --------------------------------------------------------------

    def _load_organisations(self, areas) -> dict[str, Organisation]:
        organisations = {}
        for name, kind, area_key in ORGANISATIONS:
            org, created = _get_or_create(
                Organisation, {"name": name}, {"kind": kind, "area": areas[area_key] if area_key else None}
            )
            self._count("organisations", created)
            organisations[name] = org
        return organisations

    def _load_family_centres(self, areas) -> dict[str, FamilyCentre]:
        county = areas[(Area.Kind.WELLBEING_COUNTY, PIRKANMAA)]
        centres = {}
        for spec in FAMILY_CENTRES:
            centre, created = _get_or_create(
                FamilyCentre,
                {"slug": spec["slug"]},
                {
                    "name_fi": spec["name_fi"],
                    "name_sv": spec["name_sv"],
                    "wellbeing_county": county,
                    "description": spec["description"],
                },
            )
            self._count("family centres", created)
            if created:
                region = areas[(Area.Kind.REGION, spec["region"])]
                centre.municipalities.add(*region.children.filter(kind=Area.Kind.MUNICIPALITY))
            centres[spec["slug"]] = centre
        return centres

    # People ----------------------------------------------------------------------------------------

    def _load_users(self, organisations, *, with_passwords: bool) -> dict:
        User = get_user_model()
        # Hashed once: the password is the same shared, public demo password for every account, and
        # hashing it forty times with the production hasher would make `make run` slow to start.
        password_hash = make_password(DEMO_PASSWORD) if with_passwords else None
        users = {}
        for person in PEOPLE:
            user = User.objects.filter(email__iexact=person.email).first()
            if user is None:
                # Only a new account gets a password: one a person has changed is never overwritten.
                user = User(
                    email=person.email,
                    full_name=person.full_name,
                    title=person.title,
                    language=person.language,
                    is_staff=person.superuser,
                    is_superuser=person.superuser,
                    password=password_hash or make_password(None),
                )
                user.save()
                self._count("people", True)
            users[person.key] = user
        return users

    # Groups and memberships ------------------------------------------------------------------------

    def _load_groups(self, areas, centres, users, organisations) -> dict[str, Group]:
        person_org = {p.key: p.organisation for p in PEOPLE}
        # Memberships of the demo started a year ago, so that they predate the seeded past meetings.
        started_on = _today() - timedelta(days=365)
        groups: dict[str, Group] = {}
        for spec in _group_specs():
            group, created = _get_or_create(
                Group,
                {"name": spec.name},
                {
                    "kind": spec.kind,
                    "level": spec.level,
                    "area": areas[spec.area],
                    "parent": groups[spec.parent] if spec.parent else None,
                    "family_centre": centres[spec.family_centre] if spec.family_centre else None,
                    "description": spec.description,
                },
            )
            self._count("groups", created)
            groups[spec.key] = group
            for person_key, role in spec.members:
                user = users[person_key]
                # An ended membership counts as existing: the seed does not bring people back.
                if Membership.objects.filter(group=group, user=user, role=role).exists():
                    continue
                org_name = person_org[person_key]
                Membership.objects.create(
                    group=group,
                    user=user,
                    role=role,
                    organisation=organisations[org_name] if org_name else None,
                    started_on=started_on,
                )
                self._count("memberships", True)
        return groups

    # Meetings --------------------------------------------------------------------------------------

    def _load_meetings(self, groups, users) -> None:
        today = _today()
        for group in groups.values():
            specs, start_time, length = MEETINGS_BY_KIND[group.kind]
            memberships = list(
                Membership.objects.current().filter(group=group).select_related("user").order_by("pk")
            )
            organiser = next(
                (m.user for m in memberships if m.role in (Role.SECRETARY, Role.COORDINATOR, Role.CHAIR)),
                None,
            )
            attendees = list(dict.fromkeys(m.user for m in memberships))
            location = f"{group.area.name_fi}, perhekeskuksen kokoushuone"
            for spec in specs:
                # Keyed on group + title only: the dates are relative to the first run, so a later run
                # (another day) must find the meeting by title and leave it alone.
                if Meeting.objects.filter(group=group, title=spec.title).exists():
                    continue
                day = _weekday(today + timedelta(days=spec.day_offset))
                starts_at = datetime.combine(day, start_time, tzinfo=HELSINKI)
                held = spec.day_offset < 0
                meeting = Meeting.objects.create(
                    group=group,
                    title=spec.title,
                    starts_at=starts_at,
                    ends_at=starts_at + length,
                    location=location,
                    status=Meeting.Status.HELD if held else Meeting.Status.PLANNED,
                    minutes=spec.minutes if held else "",
                    created_by=organiser,
                )
                self._count("meetings", True)
                AgendaItem.objects.bulk_create(
                    [
                        AgendaItem(
                            meeting=meeting,
                            order=order,
                            title=title,
                            outcome=outcome if held else "",
                            created_by=organiser,
                        )
                        for order, (title, outcome) in enumerate(spec.agenda, start=1)
                    ]
                )
                Attendance.objects.bulk_create(
                    [
                        Attendance(meeting=meeting, user=user, status=self._attendance(held, index))
                        for index, user in enumerate(attendees)
                    ]
                )

    @staticmethod
    def _attendance(held: bool, index: int) -> str:
        if not held:
            return Attendance.Status.INVITED
        # A believable, repeatable mix: most were there, a few sent apologies, the odd one missed it.
        if index % 5 == 4:
            return Attendance.Status.EXCUSED
        if index % 7 == 6:
            return Attendance.Status.ABSENT
        return Attendance.Status.PRESENT

    # Observations ----------------------------------------------------------------------------------

    def _load_observations(self, areas, centres, users, groups) -> None:
        from observations.models import EnrichmentNote, Observation, TeamReview, Theme
        from observations.pii import personal_data_kinds

        centre = centres["tampereen-seutu"]
        collector = users["collector"]
        now = timezone.now()
        by_key: dict[str, Observation] = {}
        # Kept observations first, so that a merged one has its target.
        for spec in sorted(DEMO_OBSERVATIONS, key=lambda s: bool(s.merged_into)):
            if spec.author is None:
                code = _demo_code(spec.key)
                existing = Observation.objects.filter(followup_code=code).first()
            else:
                code = None
                existing = (
                    Observation.objects.filter(author=users[spec.author], text=spec.text)
                    .order_by("pk")
                    .first()
                )
            if existing is not None:
                by_key[spec.key] = existing
                continue
            created_at = now - timedelta(days=spec.days_ago, hours=spec.days_ago % 7)
            held = personal_data_kinds(spec.text)
            triaged = spec.status != "new" or spec.merged_into
            observation = Observation.objects.create(
                text=spec.text,
                kind=spec.kind,
                environment=spec.environment,
                age_group=spec.age_group,
                area=areas[spec.area],
                family_centre=centre,
                observed_on=timezone.localtime(created_at).date() - timedelta(days=spec.days_ago % 3),
                source=spec.source,
                author=users[spec.author] if spec.author else None,
                created_by=users[spec.author] if spec.author else None,
                status="merged" if spec.merged_into else spec.status,
                archive_reason=spec.archive_reason,
                merged_into=by_key[spec.merged_into] if spec.merged_into else None,
                held=bool(held),
                held_reasons=held,
                followup_code=code,
                language=spec.language,
                triaged_at=created_at + timedelta(days=1) if triaged else None,
                created_at=created_at,
            )
            self._count("observations", True)
            themes = [Theme.objects.get_or_create(name=name)[0] for name in spec.themes]
            observation.themes.set(themes)
            if spec.note:
                EnrichmentNote.objects.create(observation=observation, text=spec.note, created_by=collector)
            by_key[spec.key] = observation
        self.demo_observations = by_key
        team_name, meeting_title, keys, raised = DEMO_TEAM_REVIEW
        meeting = Meeting.objects.filter(group__name=team_name, title=meeting_title).first()
        if meeting is not None and not TeamReview.objects.filter(meeting=meeting).exists():
            review = TeamReview.objects.create(meeting=meeting, raised=raised, created_by=meeting.created_by)
            review.observations.set([by_key[k] for k in keys if k in by_key])
            self._count("team reviews", True)

    # Phenomena and steering-group decisions -------------------------------------------------------

    def _load_phenomena(self, centres, users, groups) -> None:
        """Three phenomena of the Tampere region's observations; the first one's initiative goes from the
        local steering group through the regional group to the county steering group, which starts
        county-wide co-development. Keyed on the phenomenon's title: a later run changes nothing."""
        from phenomena import services as ph
        from phenomena.models import AgendaEntry, Phenomenon

        centre = centres["tampereen-seutu"]
        by_key = getattr(self, "demo_observations", {})
        collector = users["collector"]
        for spec in DEMO_PHENOMENA:
            if Phenomenon.objects.filter(title=spec["title"], family_centre=centre).exists():
                continue
            observations = [by_key[k] for k in spec["observations"] if k in by_key]
            phenomenon = ph.phenomenon_create(
                actor=collector,
                title=spec["title"],
                description=spec["description"],
                kind=spec["kind"],
                scale=spec["scale"],
                analyser_kind=spec["analyser_kind"],
                family_centre=centre,
                further_information=spec.get("further_information", ""),
                observation_ids=[o.pk for o in observations],
            )
            self._count("phenomena", True)
            if spec["status"] == "draft":
                continue
            ph.phenomenon_start_analysis(actor=collector, phenomenon=phenomenon)
            ph.phenomenon_update(
                actor=collector,
                phenomenon=phenomenon,
                analysis_understanding=spec.get("understanding", ""),
                analysis_root_causes=spec.get("root_causes", ""),
            )
            if not spec.get("initiative"):
                continue
            initiative = ph.initiative_create(
                actor=collector,
                phenomenon=phenomenon,
                proposal="codevelopment",
                rationale=spec["initiative"],
                group=groups["steering1"],
            )
            self._count("initiatives", True)
            local_meeting = (
                Meeting.objects.filter(group=groups["steering1"], status=Meeting.Status.PLANNED)
                .order_by("starts_at")
                .first()
            )
            if local_meeting is not None:
                ph.initiative_put_on_agenda(
                    actor=users["secretary"], initiative=initiative, meeting=local_meeting
                )
            ph.decision_record(
                actor=users["secretary"],
                initiative=initiative,
                kind="forward",
                reasons="Ilmiö näkyy koko seudulla ja sen ratkaiseminen vaatii alueellista yhteistyötä.",
                meeting=local_meeting,
            )
            ph.decision_record(
                actor=users["r1_chair"],
                initiative=initiative,
                kind="forward",
                reasons="Sama ilmiö on tunnistettu myös muilla alueilla; viedään maakunnalliseen ohjausryhmään.",
            )
            # The county group decided in its last meeting: the item is on that meeting's agenda.
            county_meeting = (
                Meeting.objects.filter(group=groups["county"], status=Meeting.Status.HELD)
                .order_by("-starts_at")
                .first()
            )
            if county_meeting is not None:
                last = (
                    county_meeting.agenda_items.order_by("-order").values_list("order", flat=True).first()
                    or 0
                )
                item = AgendaItem.objects.create(
                    meeting=county_meeting,
                    order=last + 1,
                    title=phenomenon.title,
                    description=f"{initiative.get_proposal_display()}: {initiative.rationale}",
                    created_by=users["county_chair"],
                )
                AgendaEntry.objects.create(initiative=initiative, agenda_item=item)
            ph.decision_record(
                actor=users["county_chair"],
                initiative=initiative,
                kind="start_codevelopment",
                reasons="Käynnistetään maakunnallinen yhteiskehittäminen perheiden, järjestöjen ja "
                "palveluiden kanssa. Kehittäjäryhmä kootaan alueiden perhekeskuksista.",
                scope="county",
                responsible_progress="Maakunnallinen perhekeskuskoordinaattori",
                responsible_coordination="Alueelliset koordinaatioryhmät",
                responsible_facilitation="Järjestöjen kehittämissuunnittelija",
                responsible_users=[users["county_coordinator"], users["fc1_facilitator"]],
                meeting=county_meeting,
            )
            self._count("decisions", True)

    def _load_codevelopment(self, users, groups) -> None:
        """The county steering group's decision to start co-development opens a developer group: its core
        question, roadmap, hypotheses, a root cause, an Erätauko dialogue, the demo client developer as a
        member, a public update, an open experience survey and a consultation round to a local team. Keyed
        on the decision: a later run changes nothing."""
        from codevelopment import consultations, lifecycle, surveys, updates, workspace
        from codevelopment import services as cd
        from codevelopment.models import DevelopmentProcess
        from phenomena.models import Decision

        decision = (
            Decision.objects.filter(group=groups["county"], kind=Decision.Kind.START_CODEVELOPMENT)
            .order_by("pk")
            .first()
        )
        if decision is None or DevelopmentProcess.objects.filter(decision=decision).exists():
            return
        coordinator = users["county_coordinator"]
        process = cd.process_open_from_decision(
            actor=coordinator, decision=decision, name="Kehittäjäryhmä: vauvaperheiden illat"
        )
        self._count("developer groups", True)
        cd.process_update(
            actor=coordinator,
            process=process,
            core_question="Miten vauvaperheen vanhempi saa tukea ja seuraa iltaisin, kun yksinäisyys ja "
            "väsymys painavat?",
            working_method="Yhteiskehittäminen perheiden, neuvoloiden ja järjestöjen kanssa: Erätauko-dialogit, "
            "kokemuskysely perheille ja kuulemiskierros perhekeskustiimeille.",
        )
        cd.member_add(
            actor=coordinator,
            process=process,
            user=users["fc1_facilitator"],
            role="facilitator",
            background="professional",
        )
        cd.member_add(
            actor=coordinator,
            process=process,
            user=users["client_developer"],
            role="client_representative",
            background="client_developer",
        )
        today = _today()
        done = cd.milestone_add(
            actor=coordinator, process=process, title="Nykytilan kartoitus", due_on=today - timedelta(days=14)
        )
        cd.milestone_complete(actor=coordinator, milestone=done)
        cd.milestone_add(
            actor=coordinator, process=process, title="Erätauko-dialogit vauvaperheiden kanssa", due_on=today
        )
        cd.milestone_add(
            actor=coordinator,
            process=process,
            title="Esitys maakunnalliselle ohjausryhmälle",
            due_on=today + timedelta(days=60),
        )
        cd.hypothesis_add(
            actor=coordinator,
            process=process,
            statement="Vertaistukea on tarjolla päivisin, mutta vanhemmat tarvitsisivat sitä iltaisin.",
            for_text="Iltaneuvola on otettu hyvin vastaan.",
            against_text="Osa vanhemmista ei pääse iltaisin kotoa vauvan kanssa.",
        )
        cd.hypothesis_add(
            actor=coordinator,
            process=process,
            statement="Tieto tarjolla olevasta tuesta ei tavoita isiä.",
        )
        cd.root_cause_add(
            actor=coordinator,
            process=process,
            text="Perhepalvelujen aukioloajat on suunniteltu virka-ajan mukaan.",
        )
        workspace.dialogue_add(
            actor=coordinator,
            process=process,
            method="eratauko",
            held_on=today - timedelta(days=7),
            question="Millainen ilta auttaisi vauvaperheen vanhempaa jaksamaan?",
            participants="Kuusi vanhempaa, kaksi neuvolan terveydenhoitajaa ja järjestön ohjaaja.",
            heard="Vanhemmat kaipaavat iltaisin paikkaa, jonne voi tulla vauvan kanssa ilman ajanvarausta. "
            "Isät toivovat omaa vertaisryhmää, ja iltaisin auki oleva chat koettiin hyväksi ajatukseksi.",
        )
        lifecycle.process_advance(actor=coordinator, process=process, stage="designing")
        updates.update_post(
            actor=coordinator,
            process=process,
            title="Kehittäjäryhmä aloitti työnsä",
            body="Ryhmä kehittää tukea vauvaperheiden iltoihin yhdessä perheiden kanssa. Vastaa "
            "kokemuskyselyyn neuvolassa tai verkossa.",
            is_public=True,
        )
        survey = surveys.survey_create(
            actor=coordinator,
            process=process,
            title="Vauvaperheen illat",
            title_sv="Babyfamiljens kvällar",
            title_en="Evenings in a family with a baby",
            intro="Kerro, millaisia iltanne vauvan kanssa ovat. Vastaat nimettömästi.",
            intro_sv="Berätta hur era kvällar med babyn är. Du svarar anonymt.",
            intro_en="Tell us what your evenings with the baby are like. Your answers are anonymous.",
            closes_at=None,
        )
        surveys.survey_question_add(
            actor=coordinator,
            survey=survey,
            kind="scale",
            text="Kuinka hyvin jaksat iltaisin?",
            text_sv="Hur väl orkar du på kvällarna?",
            text_en="How well do you cope in the evenings?",
            options="",
            options_sv="",
            options_en="",
            required=True,
        )
        surveys.survey_question_add(
            actor=coordinator,
            survey=survey,
            kind="choice",
            text="Mistä saisit iltaisin eniten apua?",
            text_sv="Var skulle du få mest hjälp på kvällarna?",
            text_en="What would help you most in the evenings?",
            options="Avoin perhekahvila\nVertaisryhmä verkossa\nNeuvolan iltavastaanotto\nJokin muu",
            options_sv="Öppet familjecafé\nKamratgrupp på nätet\nRådgivningens kvällsmottagning\nNågot annat",
            options_en="An open family café\nAn online peer group\nThe clinic's evening hours\nSomething else",
            required=False,
        )
        surveys.survey_question_add(
            actor=coordinator,
            survey=survey,
            kind="text",
            text="Mikä tekisi illoistanne helpompia?",
            text_sv="Vad skulle göra era kvällar lättare?",
            text_en="What would make your evenings easier?",
            options="",
            options_sv="",
            options_en="",
            required=False,
        )
        surveys.survey_open(actor=coordinator, survey=survey)
        consultations.consultation_create(
            actor=coordinator,
            process=process,
            title="Luonnos: vauvaperheiden iltatoiminnan malli",
            draft="Ehdotamme, että perhekeskuksen kohtaamispaikka on auki kahtena iltana viikossa ja että "
            "järjestöt ohjaavat iltaisin verkossa kokoontuvaa vertaisryhmää. Kommentoikaa luonnosta.",
            groups=[groups["team1.1"]],
            deadline=timezone.now() + timedelta(days=10),
            reminder_hours=48,
            document=None,
        )

    # Output ----------------------------------------------------------------------------------------

    def _report(self, users, *, with_passwords: bool) -> None:
        if self.created:
            summary = ", ".join(f"{count} {label}" for label, count in self.created.items())
            self.stdout.write(self.style.SUCCESS(f"Demo network loaded: created {summary}."))
        else:
            self.stdout.write(self.style.SUCCESS("Demo network already loaded: nothing to create."))
        width = max(len(users[key].email) for key, _role in DEMO_LOGINS)
        self.stdout.write("")
        self.stdout.write(f"  {'Demo login':<{width}}  Role")
        for key, role in DEMO_LOGINS:
            self.stdout.write(f"  {users[key].email:<{width}}  {role}")
        self.stdout.write("")
        if with_passwords:
            self.stdout.write(f"  Password for every demo account: {DEMO_PASSWORD}")
            self.stdout.write("  (set only when an account is created; a changed password is kept)")
        else:
            self.stdout.write(
                "  New demo accounts have no usable password: set one with `manage.py changepassword`."
            )
