"""This app's part of the demo network: the area tree, a fictional Pirkanmaa family-centre network with
its organisations, family centres, groups at every level, people in every role and a few meetings.

Existing rows are not brought back to the seed values (people trying the demo must not lose what they
changed). The area tree is the exception: it is reference data, so an area whose name, parent or
Sotkanet id differs from the reference file is corrected.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import CommandError

from core.demo import DEMO_PASSWORD, HELSINKI, DemoContext, get_or_create

from .models import (
    AgendaItem,
    Area,
    Attendance,
    FamilyCentre,
    Group,
    Meeting,
    Membership,
    Organisation,
)

DEMO_DOMAIN = "demo.ilmio.fi"
AREAS_CSV = Path(__file__).resolve().parent / "data" / "areas.csv"

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
        "name_sv": "Familjecentralen i Tammerforsregionen",
        "region": "08-R1",
        "description": "Tampereen seudun kuntien, hyvinvointialueen, järjestöjen, seurakuntien ja Kelan "
        "lapsi- ja perhepalvelujen verkosto.",
    },
    {
        "slug": "pohjoinen-pirkanmaa",
        "name_fi": "Pohjoisen Pirkanmaan perhekeskus",
        "name_sv": "Familjecentralen i Norra Birkaland",
        "region": "08-R2",
        "description": "Pohjoisen Pirkanmaan lapsi- ja perhepalvelujen verkosto kahdeksassa kunnassa.",
    },
    {
        "slug": "etelainen-pirkanmaa",
        "name_fi": "Eteläisen Pirkanmaan perhekeskus",
        "name_sv": "Familjecentralen i Södra Birkaland",
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
            "council",
            "Pirkanmaan lapsi- ja perheasiainneuvosto",
            GroupKind.CHILDREN_FAMILIES_COUNCIL,
            Level.BOARD,
            county,
            parent="board",
            description="Valmistelee lapsia ja perheitä koskevat asiat hyvinvoinnin ja terveyden edistämisen "
            "lautakunnalle.",
            members=[("board_member1", Role.CHAIR), ("county_secretary", Role.SECRETARY)],
        ),
        GroupSpec(
            "hyte",
            "Pirkanmaan hyte-ohjausryhmä",
            GroupKind.HYTE_STEERING,
            Level.BOARD,
            county,
            parent="board",
            description="Hyvinvoinnin ja terveyden edistämisen ohjausryhmä; vie asiat hyte-lautakuntaan.",
            members=[("board_member2", Role.CHAIR), ("county_secretary", Role.SECRETARY)],
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
    GroupKind.CHILDREN_FAMILIES_COUNCIL: (STEERING_MEETINGS, time(15, 0), timedelta(hours=2)),
    GroupKind.HYTE_STEERING: (STEERING_MEETINGS, time(12, 0), timedelta(hours=2)),
}


def _weekday(day: date) -> date:
    # Meetings are on working days: a weekend date moves to the Monday after.
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


# Areas -----------------------------------------------------------------------------------------


def _upsert_area(ctx, *, kind: str, code: str, values: dict) -> Area:
    area, created = get_or_create(Area, {"kind": kind, "code": code}, values)
    ctx.count("areas", created)
    if not created:
        changed = [name for name, value in values.items() if getattr(area, name) != value]
        if changed:
            for name in changed:
                setattr(area, name, values[name])
            area.save(update_fields=changed)
            ctx.count("areas corrected", True)
    return area


def _load_areas(ctx) -> dict[tuple[str, str], Area]:
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
            areas[(row["kind"], row["code"])] = _upsert_area(
                ctx, kind=row["kind"], code=row["code"], values=values(row, None)
            )
    county = areas[(Area.Kind.WELLBEING_COUNTY, PIRKANMAA)]
    for region in REGIONS:
        areas[(Area.Kind.REGION, region["code"])] = _upsert_area(
            ctx,
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
                raise CommandError(f"Pirkanmaa municipality {row['code']} ({row['name_fi']}) has no region.")
            parent = areas[(Area.Kind.REGION, region_of[row["code"]])]
        else:
            parent = areas[(Area.Kind.WELLBEING_COUNTY, row["parent_code"])]
        areas[(row["kind"], row["code"])] = _upsert_area(
            ctx, kind=row["kind"], code=row["code"], values=values(row, parent)
        )
    for code, name_fi, name_sv, municipality in LOCAL_AREAS:
        areas[(Area.Kind.LOCAL_AREA, code)] = _upsert_area(
            ctx,
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


def _load_organisations(ctx, areas) -> dict[str, Organisation]:
    organisations = {}
    for name, kind, area_key in ORGANISATIONS:
        org, created = get_or_create(
            Organisation, {"name": name}, {"kind": kind, "area": areas[area_key] if area_key else None}
        )
        ctx.count("organisations", created)
        organisations[name] = org
    return organisations


def _load_family_centres(ctx, areas) -> dict[str, FamilyCentre]:
    county = areas[(Area.Kind.WELLBEING_COUNTY, PIRKANMAA)]
    centres = {}
    for spec in FAMILY_CENTRES:
        centre, created = get_or_create(
            FamilyCentre,
            {"slug": spec["slug"]},
            {
                "name_fi": spec["name_fi"],
                "name_sv": spec["name_sv"],
                "wellbeing_county": county,
                "description": spec["description"],
            },
        )
        ctx.count("family centres", created)
        if created:
            region = areas[(Area.Kind.REGION, spec["region"])]
            centre.municipalities.add(*region.children.filter(kind=Area.Kind.MUNICIPALITY))
        centres[spec["slug"]] = centre
    return centres


# People ----------------------------------------------------------------------------------------


def _load_users(ctx, organisations, *, with_passwords: bool) -> dict:
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
            ctx.count("people", True)
        users[person.key] = user
    return users


# Groups and memberships ------------------------------------------------------------------------


def _load_groups(ctx, areas, centres, users, organisations) -> dict[str, Group]:
    person_org = {p.key: p.organisation for p in PEOPLE}
    # Memberships of the demo started a year ago, so that they predate the seeded past meetings.
    started_on = ctx.today() - timedelta(days=365)
    groups: dict[str, Group] = {}
    for spec in _group_specs():
        group, created = get_or_create(
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
        ctx.count("groups", created)
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
            ctx.count("memberships", True)
    return groups


# Meetings --------------------------------------------------------------------------------------


def _load_meetings(ctx, groups, users) -> None:
    today = ctx.today()
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
            ctx.count("meetings", True)
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
                    Attendance(meeting=meeting, user=user, status=_attendance(held, index))
                    for index, user in enumerate(attendees)
                ]
            )


def _attendance(held: bool, index: int) -> str:
    if not held:
        return Attendance.Status.INVITED
    # A believable, repeatable mix: most were there, a few sent apologies, the odd one missed it.
    if index % 5 == 4:
        return Attendance.Status.EXCUSED
    if index % 7 == 6:
        return Attendance.Status.ABSENT
    return Attendance.Status.PRESENT


def load(ctx: DemoContext) -> None:
    areas = _load_areas(ctx)
    organisations = _load_organisations(ctx, areas)
    centres = _load_family_centres(ctx, areas)
    users = _load_users(ctx, organisations, with_passwords=ctx.with_passwords)
    groups = _load_groups(ctx, areas, centres, users, organisations)
    _load_meetings(ctx, groups, users)
    ctx.update(areas=areas, organisations=organisations, centres=centres, users=users, groups=groups)
    ctx.logins.extend((users[key].email, role) for key, role in DEMO_LOGINS)


def network(ctx: DemoContext) -> dict:
    """The demo network's areas, family centres, people and groups, keyed as in this module: from `ctx`
    when this run loaded them, else from the database (a higher app's loader run on its own)."""
    if "groups" not in ctx:
        User = get_user_model()
        emails = {person.email.lower(): person.key for person in PEOPLE}
        names = {spec.name: spec.key for spec in _group_specs()}
        ctx.update(
            areas={(area.kind, area.code): area for area in Area.objects.all()},
            organisations={
                org.name: org for org in Organisation.objects.filter(name__in=[o[0] for o in ORGANISATIONS])
            },
            centres={
                c.slug: c for c in FamilyCentre.objects.filter(slug__in=[s["slug"] for s in FAMILY_CENTRES])
            },
            users={
                emails[u.email.lower()]: u for u in User.objects.filter(email__in=[p.email for p in PEOPLE])
            },
            groups={names[g.name]: g for g in Group.objects.filter(name__in=list(names)).order_by("-pk")},
        )
    return ctx
