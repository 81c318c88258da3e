"""The recorded history that eligibility reads, loaded in a number of queries that does not grow with it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.shortcuts import get_object_or_404

from campaigns.models import LeaderVote
from units.models import Cluster, ClusterMembership, ClusterRole, Person, Unit
from units.scoping import get_scope

from ..models import DISCIPLINE_RANK, RATING_RANK, SCOPE_RANK, AwardRecord, Discipline, Initiative, Rating


@dataclass
class History:
    """What eligibility reads about one subject, loaded in a few queries."""

    awards: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    # Forms of commendation (Bằng khen, Giấy khen…) received for each year's achievement: year → {code: name} (Art 5).
    forms: dict[int, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    ratings: dict[int, str] = field(default_factory=dict)
    initiatives: list[Initiative] = field(default_factory=list)
    disciplines: list[Discipline] = field(default_factory=list)

    def holds(self, code: str, year: int) -> bool:
        return year in self.awards.get(code, set())

    def holds_any(self, codes, year: int) -> bool:
        return any(self.holds(code, year) for code in codes)

    def years_of(self, codes) -> set[int]:
        return set().union(*(self.awards.get(code, set()) for code in codes)) if codes else set()

    def add_award(self, code: str, category: str, name: str, year: int) -> None:
        self.awards[code].add(year)
        if category == "form":
            self.forms[year][code] = name

    def rated_at_least(self, year: int, level: str) -> bool:
        rating = self.ratings.get(year)
        return rating is not None and RATING_RANK[rating] >= RATING_RANK[level]

    def initiatives_in(self, years, min_scope: str = "unit") -> list[Initiative]:
        return [i for i in self.initiatives if i.year in years and SCOPE_RANK[i.scope] >= SCOPE_RANK[min_scope]]


def load_history(*, person: Person | None = None, unit: Unit | None = None) -> History:
    history = History()
    subject = {"person": person} if person is not None else {"unit": unit}
    for code, category, name, year in AwardRecord.objects.filter(revoked=False, **subject).values_list(
        "award_kind__code", "award_kind__category", "award_kind__name", "year"
    ):
        history.add_award(code, category, name, year)
    history.ratings = dict(Rating.objects.filter(**subject).values_list("year", "level"))
    history.initiatives = list(Initiative.objects.filter(**subject))
    if person is not None:
        history.disciplines = list(Discipline.objects.filter(person=person))
    return history


@dataclass
class Members:
    count: int
    ldtt: int
    cstdcs: int
    completed: int
    disciplined_warning: int


def load_members(unit: Unit, year: int) -> Members:
    """Members of a collective and their records for one year: four queries, whatever the size."""
    persons = list(Person.objects.filter(unit=unit, is_active=True).values_list("pk", flat=True))
    awards = defaultdict(set)
    for person_id, code in AwardRecord.objects.filter(person_id__in=persons, year=year, revoked=False).values_list("person_id", "award_kind__code"):
        awards[code].add(person_id)
    ratings = dict(Rating.objects.filter(person_id__in=persons, year=year).values_list("person_id", "level"))
    warned = {
        d.person_id for d in Discipline.objects.filter(person_id__in=persons, year=year) if DISCIPLINE_RANK[d.level] >= DISCIPLINE_RANK["warning"]
    }
    return Members(
        count=len(persons),
        ldtt=len(awards["ldtt"]),
        cstdcs=len(awards["cstdcs"]),
        completed=sum(1 for p in persons if RATING_RANK.get(ratings.get(p, "kht"), 0) >= RATING_RANK["ht"]),
        disciplined_warning=len(warned),
    )


def leads_cluster(unit: Unit, year: int) -> bool:
    """Elected leader (suy tôn) of a cluster in ``year``; the cluster lead when no vote is recorded."""
    if LeaderVote.objects.filter(covenant__year=year, unit=unit).exists():
        return True
    voted_clusters = LeaderVote.objects.filter(covenant__year=year).values("covenant__cluster_id")
    return (
        ClusterMembership.objects.filter(unit=unit, year=year, role=ClusterRole.LEAD).exclude(cluster_id__in=voted_clusters).exists()
    )


def cluster_leaders(organiser: Unit, year: int) -> set[int]:
    """The units chosen (suy tôn) as leaders in ``year`` of the clusters and blocks organised within ``organiser``'s subtree;
    the cluster lead where no vote is recorded."""
    clusters = set(Cluster.objects.filter(organiser__path__startswith=organiser.path).values_list("pk", flat=True))
    votes = dict(LeaderVote.objects.filter(covenant__year=year, covenant__cluster_id__in=clusters).values_list("covenant__cluster_id", "unit_id"))
    leads = ClusterMembership.objects.filter(cluster_id__in=clusters - set(votes), year=year, role=ClusterRole.LEAD).values_list("unit_id", flat=True)
    return set(votes.values()) | set(leads)


def members_many(pairs: set[tuple[int, int]]) -> dict[tuple[int, int], Members]:
    if not pairs:
        return {}
    units, years = {u for u, _ in pairs}, {y for _, y in pairs}
    persons = dict(Person.objects.filter(unit_id__in=units, is_active=True).values_list("pk", "unit_id"))
    awards = defaultdict(set)
    for person_id, code, year in AwardRecord.objects.filter(person_id__in=persons, year__in=years, revoked=False).values_list(
        "person_id", "award_kind__code", "year"
    ):
        awards[(code, year)].add(person_id)
    ratings = {(p, y): level for p, y, level in Rating.objects.filter(person_id__in=persons, year__in=years).values_list("person_id", "year", "level")}
    warned = {
        (d.person_id, d.year) for d in Discipline.objects.filter(person_id__in=persons, year__in=years) if DISCIPLINE_RANK[d.level] >= DISCIPLINE_RANK["warning"]
    }
    result = {}
    for unit_id, year in pairs:
        members = [p for p, u in persons.items() if u == unit_id]
        result[(unit_id, year)] = Members(
            count=len(members),
            ldtt=sum(1 for p in members if p in awards[("ldtt", year)]),
            cstdcs=sum(1 for p in members if p in awards[("cstdcs", year)]),
            completed=sum(1 for p in members if RATING_RANK.get(ratings.get((p, year), "kht"), 0) >= RATING_RANK["ht"]),
            disciplined_warning=sum(1 for p in members if (p, year) in warned),
        )
    return result


def leaders_many(pairs: set[tuple[int, int]]) -> set[tuple[int, int]]:
    if not pairs:
        return set()
    years = {y for _, y in pairs}
    voted = set(LeaderVote.objects.filter(covenant__year__in=years).values_list("unit_id", "covenant__year"))
    voted_clusters = set(LeaderVote.objects.filter(covenant__year__in=years).values_list("covenant__cluster_id", "covenant__year"))
    leads = {
        (unit_id, year)
        for unit_id, year, cluster_id in ClusterMembership.objects.filter(
            unit_id__in={u for u, _ in pairs}, year__in=years, role=ClusterRole.LEAD
        ).values_list("unit_id", "year", "cluster_id")
        if (cluster_id, year) not in voted_clusters
    }
    return (voted | leads) & pairs


def histories_many(*, person_ids: set[int], unit_ids: set[int]) -> dict[tuple[str, int], History]:
    """The history of many persons and units: four queries, however many there are."""
    histories: dict[tuple[str, int], History] = defaultdict(History)
    for person_id, unit_id, code, category, name, year in AwardRecord.objects.filter(revoked=False).filter(
        Q(person_id__in=person_ids) | Q(unit_id__in=unit_ids)
    ).values_list("person_id", "unit_id", "award_kind__code", "award_kind__category", "award_kind__name", "year"):
        histories[("p", person_id) if person_id else ("u", unit_id)].add_award(code, category, name, year)
    for person_id, unit_id, year, level in Rating.objects.filter(Q(person_id__in=person_ids) | Q(unit_id__in=unit_ids)).values_list(
        "person_id", "unit_id", "year", "level"
    ):
        histories[("p", person_id) if person_id else ("u", unit_id)].ratings[year] = level
    for initiative in Initiative.objects.filter(Q(person_id__in=person_ids) | Q(unit_id__in=unit_ids)):
        key = ("p", initiative.person_id) if initiative.person_id else ("u", initiative.unit_id)
        histories[key].initiatives.append(initiative)
    for discipline in Discipline.objects.filter(person_id__in=person_ids):
        histories[("p", discipline.person_id)].disciplines.append(discipline)
    return histories



def records_visible_to(user):
    """Award records of persons and units in the account's own scope. A record is a person's data: a
    cluster peer, who may open the peer unit's page, does not reach its records (their gate is 404)."""
    scope = get_scope(user)
    if scope.everything:
        return AwardRecord.objects.all()
    own = sorted(scope.own_unit_ids)
    return AwardRecord.objects.filter(Q(unit_id__in=own) | Q(person__unit_id__in=own))


def record_get_for_user(user, pk) -> AwardRecord:
    return get_object_or_404(records_visible_to(user).select_related("award_kind", "person__unit", "unit"), pk=pk)
