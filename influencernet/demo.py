"""The influencer network's part of the demo: a network for the demo county with nine members, an open
matter with two statements in, a closed matter with the family centre's response, a call for participants,
two proposals (one already decided by the steering group), shared goals and a small glossary.

Idempotent: everything is found by its natural key (the network's slug, names, titles) before it is made,
and the writes go through the services so the demo has the same audit trail and notifications as real use.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model

from familycentres.models import Area, FamilyCentre, Group, Membership
from phenomena import services as phenomena_services

from .models import Call, Goal, Matter, Member, Network, Proposal, Representative, Term
from .services import calls, glossary, matters, members, proposals

SLUG = "pirkanmaa"
DOMAIN = "demo.ilmio.fi"

MEMBERS = [
    # name, kind, email, areas (municipality codes), representatives (name, email, existing account?)
    ("Tampereen nuorisovaltuusto", Member.Kind.YOUTH_COUNCIL, "nuorisovaltuusto", ["837"], []),
    ("Pirkanmaan vammaisneuvosto", Member.Kind.DISABILITY_COUNCIL, "vammaisneuvosto", [], []),
    (
        "Perhekeskuksen asiakasraati",
        Member.Kind.CLIENT_PANEL,
        "asiakasraati",
        ["837", "536"],
        ["client_developer"],
    ),
    ("Pirkanmaan kokemusasiantuntijat", Member.Kind.EXPERIENCE_EXPERTS, "kokemus", [], ["experience_expert"]),
    ("Lapsiperheiden tuki ry", Member.Kind.NGO, "lapsiperheet", [], []),
    ("Yksinhuoltajien yhdistys ry", Member.Kind.ASSOCIATION, "yksinhuoltajat", ["837"], []),
    ("Harjulan seurakunta", Member.Kind.PARISH, "seurakunta", ["837"], []),
    ("Nokian Nuoret Urheilijat", Member.Kind.SPORTS_CLUB, "nnu", ["536"], []),
    ("Monikulttuurinen perheyhdistys ry", Member.Kind.ASSOCIATION, "monikulttuuri", [], []),
]

# The demo's people with an account who represent a member (their limited accounts already exist).
ACCOUNT_EMAILS = {
    "client_developer": f"kehittajaasiakas@{DOMAIN}",
    "experience_expert": f"kaisa.jokela@{DOMAIN}",
}

OPEN_MATTER = "Perhekeskuksen ilta-aukiolot"
CLOSED_MATTER = "Neuvolan ajanvaraus verkossa"
CALL = "Kehittäjäryhmä: nuorten mielen hyvinvointi"
DECIDED_PROPOSAL = "Nuorille oma ilta perhekeskukseen"
OPEN_PROPOSAL = "Vammaisten lasten perheiden palvelupolun arviointi"


def _user(email: str):
    return get_user_model().objects.filter(email__iexact=email).first()


def _group_member(group: Group, role: str):
    membership = Membership.objects.current().filter(group=group, role=role).select_related("user").first()
    return membership.user if membership else None


def load(ctx) -> None:
    now = ctx.now
    coordinator = _user(f"koordinaattori@{DOMAIN}")
    secretary = _user(f"sihteeri@{DOMAIN}")
    centre = FamilyCentre.objects.filter(slug="tampereen-seutu").first()
    county = Area.objects.filter(kind=Area.Kind.WELLBEING_COUNTY).order_by("pk").first()
    if coordinator is None or centre is None or county is None:
        ctx.stdout.write("  influencernet: the demo network is not loaded; skipped.")
        return
    steering = Group.objects.filter(kind=Group.Kind.LOCAL_STEERING, family_centre=centre).first()

    group, _ = Group.objects.get_or_create(
        name="Pirkanmaan perhekeskuksen vaikuttajaverkosto",
        defaults={
            "kind": Group.Kind.OTHER,
            "level": Group.Level.COUNTY,
            "area": county,
            "description": "Edustuksellinen vaikuttajaverkosto: järjestöt, yhdistykset, seurakunnat ja "
            "asiakkaiden vaikuttajaryhmät mukana perhekeskuksen kehittämisessä, suunnittelussa ja arvioinnissa.",
        },
    )
    network, _ = Network.objects.get_or_create(
        slug=SLUG,
        defaults={
            "name": "Pirkanmaan perhekeskuksen vaikuttajaverkosto",
            "group": group,
            "description": group.description,
        },
    )
    network.family_centres.add(*FamilyCentre.objects.all())
    start = now.date() - timedelta(days=365)
    for user, role in (
        (coordinator, Membership.Role.COORDINATOR),
        (_user(f"elina.rantanen@{DOMAIN}"), Membership.Role.FACILITATOR),
    ):
        if (
            user is not None
            and not Membership.objects.current().filter(group=group, user=user, role=role).exists()
        ):
            Membership.objects.create(group=group, user=user, role=role, started_on=start)

    by_name = {}
    for name, kind, local, codes, reps in MEMBERS:
        member = Member.objects.filter(network=network, name=name).first()
        if member is None:
            member = members.member_add(
                actor=coordinator,
                network=network,
                name=name,
                kind=kind,
                email=f"{local}@{DOMAIN}",
                joined_on=start,
                areas=Area.objects.filter(kind=Area.Kind.MUNICIPALITY, code__in=codes),
            )
        by_name[name] = member
        if not member.representatives.exists():
            members.representative_add(
                actor=coordinator,
                member=member,
                full_name=f"{name} – yhteyshenkilö",
                email=f"yhteys.{local}@{DOMAIN}",
            )
        for key in reps:
            user = _user(ACCOUNT_EMAILS[key])
            if user is None or Representative.objects.filter(member=member, user=user).exists():
                continue
            Representative.objects.create(
                member=member,
                full_name=user.full_name,
                email=user.email,
                user=user,
                started_on=start,
                created_by=coordinator,
            )
            if (
                not Membership.objects.current()
                .filter(group=group, user=user, role=Membership.Role.CLIENT_REPRESENTATIVE)
                .exists()
            ):
                Membership.objects.create(
                    group=group,
                    user=user,
                    role=Membership.Role.CLIENT_REPRESENTATIVE,
                    background=Membership.Background.INFLUENCE_GROUP,
                    started_on=start,
                )
            for cache in ("_ilmio_roles_cache", "_ilmio_limited_cache"):
                coordinator.__dict__.pop(cache, None)

    panel = by_name["Perhekeskuksen asiakasraati"]
    experts = by_name["Pirkanmaan kokemusasiantuntijat"]
    youth = by_name["Tampereen nuorisovaltuusto"]
    asked = [by_name[n] for n, *_rest in MEMBERS[:6]]
    laura = _user(ACCOUNT_EMAILS["client_developer"])
    kaisa = _user(ACCOUNT_EMAILS["experience_expert"])

    if not Matter.objects.filter(network=network, title=OPEN_MATTER).exists():
        matter = matters.matter_create(
            actor=secretary or coordinator,
            network=network,
            family_centre=centre,
            title=OPEN_MATTER,
            question="Perhekeskus suunnittelee avoimen kohtaamispaikan ilta-aukioloja kahtena iltana viikossa. "
            "Sopivatko ehdotetut ajat (ti ja to klo 17–20) perheille ja nuorille? Mitä iltaisin pitäisi olla tarjolla?",
            background="Luonnos aukiolojen kokeilusta on perhekeskuksen ohjausryhmän esityslistalla keväällä.",
            deadline=now + timedelta(days=10),
            members=asked,
        )
        if laura:
            matters.statement_save(
                actor=laura,
                matter=matter,
                member=panel,
                text="Asiakasraati pitää ilta-aukioloja tärkeinä: moni työssäkäyvä vanhempi ei pääse päivällä. "
                "Toivomme, että iltaisin on myös neuvolan ajanvaraus ja perhetyöntekijä paikalla.",
                is_public=True,
            )
        if kaisa:
            matters.statement_save(
                actor=kaisa,
                matter=matter,
                member=experts,
                text="Kokemusasiantuntijat toivovat, että iltoihin kutsutaan erikseen perheitä, jotka eivät muuten "
                "tule perhekeskukseen. Tieto illoista kannattaa viedä kouluihin ja päiväkoteihin.",
            )

    if not Matter.objects.filter(network=network, title=CLOSED_MATTER).exists():
        matter = matters.matter_create(
            actor=coordinator,
            network=network,
            family_centre=centre,
            title=CLOSED_MATTER,
            question="Neuvolan ajanvaraus siirtyy verkkoon. Mitä perheet tarvitsevat, jotta verkkoajanvaraus on helppo?",
            deadline=now + timedelta(days=1),
            members=asked,
        )
        if laura:
            matters.statement_save(
                actor=laura,
                matter=matter,
                member=panel,
                text="Ajanvarauksen pitää toimia puhelimella ja selkokielellä, ja puhelinajanvaraus on säilytettävä.",
                is_public=True,
            )
        if kaisa:
            matters.statement_save(
                actor=kaisa,
                matter=matter,
                member=experts,
                text="Kaikilla perheillä ei ole pankkitunnuksia: tunnistautumiselle tarvitaan toinen tapa.",
            )
        # The deadline is moved into the past so that the family centre can respond and close the matter.
        Matter.objects.filter(pk=matter.pk).update(deadline=now - timedelta(days=20))
        matter.refresh_from_db()
        matter = matters.matter_respond(
            actor=coordinator,
            matter=matter,
            response="Lausuntojen perusteella puhelinajanvaraus säilyy ja verkkoajanvaraus tehdään selkokielisenä. "
            "Tunnistautumiseen lisätään vaihtoehto ilman pankkitunnuksia. Kiitos kaikille lausunnoista!",
        )
        matters.matter_close(actor=coordinator, matter=matter)

    if not Call.objects.filter(network=network, title=CALL).exists():
        call = calls.call_create(
            actor=coordinator,
            network=network,
            title=CALL,
            description="Haemme kehittäjäryhmään 13–20-vuotiaita nuoria ja nuorten vanhempia, joilla on kokemusta "
            "mielen hyvinvoinnin palveluista.",
            how_many=4,
            deadline=(now + timedelta(days=14)).date(),
        )
        if laura:
            calls.nomination_add(
                actor=laura,
                call=call,
                member=panel,
                full_name="Oona Virtanen",
                email=f"oona.virtanen@{DOMAIN}",
                description="Asiakasraadin jäsen, nuoren vanhempi.",
            )

    if not Proposal.objects.filter(network=network, title=OPEN_PROPOSAL).exists():
        proposals.proposal_submit(
            actor=coordinator,
            network=network,
            family_centre=centre,
            kind=Proposal.Kind.EVALUATION,
            title=OPEN_PROPOSAL,
            description="Vammaisneuvosto esittää, että vammaisten lasten perheiden palvelupolku arvioidaan yhdessä "
            "perheiden kanssa.",
            member=by_name["Pirkanmaan vammaisneuvosto"],
        )
    if steering is not None and not Proposal.objects.filter(network=network, title=DECIDED_PROPOSAL).exists():
        proposal = proposals.proposal_submit(
            actor=coordinator,
            network=network,
            family_centre=centre,
            kind=Proposal.Kind.DEVELOPMENT,
            title=DECIDED_PROPOSAL,
            description="Nuorisovaltuusto esittää, että perhekeskukseen kehitetään yhdessä nuorten kanssa oma ilta, "
            "jossa nuoret voivat tavata ammattilaisia matalalla kynnyksellä.",
            member=youth,
        )
        proposal = proposals.proposal_forward(
            actor=coordinator,
            proposal=proposal,
            group=steering,
            rationale="Vaikuttajaverkoston nuorisovaltuusto esittää nuorten illan kehittämistä.",
            initiative_proposal="local_action",
        )
        decider = _group_member(steering, Membership.Role.SECRETARY) or _group_member(
            steering, Membership.Role.CHAIR
        )
        if decider is not None:
            phenomena_services.decision_record(
                actor=decider,
                initiative=proposal.initiative,
                kind="information",
                reasons="Ohjausryhmä pitää esitystä hyvänä ja ottaa nuorten illan huomioon ensi vuoden "
                "toimintasuunnitelmassa.",
            )
            proposal.refresh_from_db()
            proposals.proposal_feedback(
                actor=coordinator,
                proposal=proposal,
                feedback="Nuorten ilta tulee perhekeskuksen toimintasuunnitelmaan. Nuorisovaltuusto kutsutaan "
                "suunnittelemaan sitä.",
            )

    year = now.year
    for text in (
        "Jokainen lausuttava asia saa perhekeskuksen vastauksen kuukauden kuluessa määräajasta.",
        "Haavoittuvassa asemassa olevien perheiden ääni kuuluu verkoston työssä.",
    ):
        if not Goal.objects.filter(network=network, year=year, text=text).exists():
            glossary.goal_add(actor=coordinator, network=network, year=year, text=text)
    for term_fi, meaning_fi, term_sv, term_en in (
        (
            "osallisuus",
            "Mahdollisuus olla mukana ja vaikuttaa omaan elämään ja yhteisiin asioihin.",
            "delaktighet",
            "participation",
        ),
        (
            "vaikuttajaverkosto",
            "Järjestöjen, seurakuntien ja asiakkaiden vaikuttajaryhmien edustuksellinen verkosto.",
            "påverkarnätverk",
            "influencer network",
        ),
    ):
        if not Term.objects.filter(network=network, term_fi=term_fi).exists():
            change = glossary.term_change_propose(
                actor=coordinator,
                network=network,
                term_fi=term_fi,
                meaning_fi=meaning_fi,
                term_sv=term_sv,
                term_en=term_en,
            )
            glossary.term_change_decide(actor=coordinator, change=change, approve=True)
    ctx.stdout.write(
        f"  influencernet: {network.name} with {network.members.count()} members, "
        f"{network.matters.count()} matters, {network.proposals.count()} proposals"
    )
