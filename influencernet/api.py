"""The influencer network's REST API under /api/v1/influencer-network/ (a published interface: members,
matters with the statements the caller may see, proposals with where each is now, and the glossary).

Everything is read through the models' visible_to(user): a limited account sees only its own network.
Contact details of members are for the network's managers; a statement is included when the caller may
see it (permissions.can_view_statement) or its member marked it public and it has been sent."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets

from . import permissions as perms
from .models import Matter, Member, Proposal, Statement, Term

NETWORK_PARAM = OpenApiParameter(
    "network", OpenApiTypes.STR, description="The network's short address (slug).", required=False
)


class _NetworkFilterMixin:
    def filter_network(self, qs):
        slug = self.request.query_params.get("network")
        if slug:
            qs = qs.filter(network__slug=slug)
        return qs


class MemberSerializer(serializers.ModelSerializer):
    network = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    is_current = serializers.BooleanField(read_only=True)
    areas = serializers.SerializerMethodField()
    email = serializers.SerializerMethodField()
    phone = serializers.SerializerMethodField()

    class Meta:
        model = Member
        fields = [
            "id",
            "network",
            "name",
            "kind",
            "areas",
            "website",
            "email",
            "phone",
            "joined_on",
            "left_on",
            "is_current",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_areas(self, obj) -> list[str]:
        return [a.name for a in obj.areas.all()]

    def _contact(self, obj, field):
        # SECURITY: contact details only to the network's managers.
        user = self.context["request"].user
        return getattr(obj, field) if perms.can_export_contacts(user, obj.network) else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_email(self, obj):
        return self._contact(obj, "email")

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_phone(self, obj):
        return self._contact(obj, "phone")


@extend_schema_view(list=extend_schema(parameters=[NETWORK_PARAM]))
class MemberViewSet(_NetworkFilterMixin, viewsets.ReadOnlyModelViewSet):
    """Members of the influencer networks the caller can see."""

    serializer_class = MemberSerializer

    def get_queryset(self):
        qs = (
            Member.objects.visible_to(self.request.user)
            .select_related("network__group")
            .prefetch_related("areas")
        )
        return self.filter_network(qs).order_by("network__name", "name", "id")


class StatementSerializer(serializers.ModelSerializer):
    member = serializers.PrimaryKeyRelatedField(read_only=True)
    member_name = serializers.CharField(source="member.name", read_only=True)

    class Meta:
        model = Statement
        fields = ["id", "member", "member_name", "status", "text", "is_public", "submitted_at"]
        read_only_fields = fields


class MatterSerializer(serializers.ModelSerializer):
    network = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    family_centre = serializers.CharField(source="family_centre.name", read_only=True)
    asked_members = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    statements = serializers.SerializerMethodField()

    class Meta:
        model = Matter
        fields = [
            "id",
            "network",
            "family_centre",
            "title",
            "question",
            "background",
            "deadline",
            "status",
            "asked_members",
            "response",
            "responded_at",
            "closed_at",
            "statements",
        ]
        read_only_fields = fields

    def _viewer(self, network):
        """What the caller is in `network`, worked out once per network and request (not per matter)."""
        cache = self.context.setdefault("_viewer", {})
        if network.pk not in cache:
            user = self.context["request"].user
            cache[network.pk] = {
                "manager": perms.can_manage_network(user, network),
                "centres": set(
                    perms.centre_side_groups(user, network).values_list("family_centre_id", flat=True)
                ),
                "own": set(perms.represented_members(user, network).values_list("pk", flat=True)),
            }
        return cache[network.pk]

    @extend_schema_field(StatementSerializer(many=True))
    def get_statements(self, obj):
        user = self.context["request"].user
        viewer = self._viewer(obj.network)
        # The same rule as permissions.can_handle_matter, from the cached facts.
        handler = (
            viewer["manager"] or obj.created_by_id == user.pk or obj.family_centre_id in viewer["centres"]
        )
        summary_ready = obj.status != Matter.Status.OPEN or obj.deadline_passed
        own = viewer["own"]
        visible = []
        for statement in obj.statements.all():
            if statement.member_id in own:
                visible.append(statement)
                continue
            if statement.status == Statement.Status.DRAFT:
                continue
            published = statement.status == Statement.Status.SUBMITTED and statement.is_public
            if (handler and summary_ready) or published:
                visible.append(statement)
        return StatementSerializer(visible, many=True).data


@extend_schema_view(
    list=extend_schema(
        parameters=[
            NETWORK_PARAM,
            OpenApiParameter("status", OpenApiTypes.STR, enum=Matter.Status.values, required=False),
        ]
    )
)
class MatterViewSet(_NetworkFilterMixin, viewsets.ReadOnlyModelViewSet):
    """Matters for comment, with the statements the caller may see."""

    serializer_class = MatterSerializer

    def get_queryset(self):
        qs = (
            Matter.objects.visible_to(self.request.user)
            .select_related("network__group", "family_centre", "created_by")
            .prefetch_related(
                "asked_members", Prefetch("statements", queryset=Statement.objects.select_related("member"))
            )
        )
        status = self.request.query_params.get("status")
        if status in Matter.Status.values:
            qs = qs.filter(status=status)
        return self.filter_network(qs).order_by("-deadline", "-id")


class ProposalSerializer(serializers.ModelSerializer):
    network = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    member_name = serializers.CharField(source="member.name", read_only=True, default=None)
    family_centre = serializers.CharField(source="family_centre.name", read_only=True)
    initiative = serializers.PrimaryKeyRelatedField(read_only=True)
    steering_group = serializers.CharField(source="initiative.group.name", read_only=True, default=None)
    initiative_status = serializers.CharField(source="initiative.status", read_only=True, default=None)

    class Meta:
        model = Proposal
        fields = [
            "id",
            "network",
            "member",
            "member_name",
            "family_centre",
            "kind",
            "title",
            "description",
            "status",
            "initiative",
            "steering_group",
            "initiative_status",
            "forwarded_at",
            "decided_at",
            "feedback",
            "feedback_at",
            "created_at",
        ]
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(
        parameters=[
            NETWORK_PARAM,
            OpenApiParameter("status", OpenApiTypes.STR, enum=Proposal.Status.values, required=False),
        ]
    )
)
class ProposalViewSet(_NetworkFilterMixin, viewsets.ReadOnlyModelViewSet):
    """Proposals from the network and where each is now."""

    serializer_class = ProposalSerializer

    def get_queryset(self):
        qs = Proposal.objects.visible_to(self.request.user).select_related(
            "network", "member", "family_centre", "initiative__group"
        )
        status = self.request.query_params.get("status")
        if status in Proposal.Status.values:
            qs = qs.filter(status=status)
        return self.filter_network(qs).order_by("-created_at", "-id")


class TermSerializer(serializers.ModelSerializer):
    network = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Term
        fields = [
            "id",
            "network",
            "term_fi",
            "term_sv",
            "term_en",
            "meaning_fi",
            "meaning_sv",
            "meaning_en",
            "updated_at",
        ]
        read_only_fields = fields


@extend_schema_view(list=extend_schema(parameters=[NETWORK_PARAM]))
class TermViewSet(_NetworkFilterMixin, viewsets.ReadOnlyModelViewSet):
    """The shared glossary of concepts in Finnish, Swedish and English."""

    serializer_class = TermSerializer

    def get_queryset(self):
        qs = Term.objects.visible_to(self.request.user).select_related("network")
        return self.filter_network(qs).order_by("network__name", "term_fi", "id")
