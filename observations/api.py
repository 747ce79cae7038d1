"""The observations REST API under /api/v1/.

/observations/: list, detail and create for signed-in professionals, with the same rules as the pages:
rows through Observation.objects.visible_to (what a user may not see is a 404), writes through
services.observation_submit (its rules and audit trail). /public/observations/: create only, for families'
forms without an account, rate-limited per address and with a honeypot; it answers with the follow-up
code and the address of the public status page and nothing else.

SECURITY: contact_email and followup_code are never serialized for reading, to anyone.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.response import Response

from core import spam
from core.dates import validate_reasonable_date
from familycentres.api import ErrorSerializer, Professionals
from familycentres.models import Area

from . import selectors, services
from .filters import ObservationFilter
from .forms import served_areas
from .models import Observation

# ---------------------------------------------------------------------------------------------------
# Permissions


# ---------------------------------------------------------------------------------------------------
# Serializers


@extend_schema_field(OpenApiTypes.INT)
class ServedAreaField(serializers.PrimaryKeyRelatedField):
    """A municipality or local area served by a family centre; any other id is a 400."""

    def get_queryset(self):
        return served_areas()


class ThemeListField(serializers.ListField):
    """Themes as a list of names: read from the prefetched relation, written as plain strings."""

    child = serializers.CharField(max_length=60)

    def to_representation(self, data):
        return [theme.name for theme in data.all()]


class ObservationSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(
        choices=Observation.Kind.choices,
        allow_blank=True,
        help_text=_("Required when logging; blank for families' observations until a collector sets it."),
    )
    area = ServedAreaField(help_text=_("A municipality or local area served by a family centre."))
    area_name = serializers.CharField(source="area.name", read_only=True, default=None, allow_null=True)
    family_centre_name = serializers.CharField(source="family_centre.name", read_only=True)
    themes = ThemeListField(required=False, max_length=services.MAX_THEMES)
    observed_on = serializers.DateField(
        required=False, validators=[validate_reasonable_date], help_text=_("Today when not given.")
    )
    held = serializers.BooleanField(
        read_only=True,
        help_text=_(
            "The text seems to contain personal data and is shown only to its author and collectors."
        ),
    )

    class Meta:
        model = Observation
        # Listed explicitly: no mass assignment, and never contact_email or followup_code.
        fields = [
            "id",
            "text",
            "kind",
            "environment",
            "age_group",
            "area",
            "area_name",
            "family_centre",
            "family_centre_name",
            "themes",
            "observed_on",
            "source",
            "status",
            "held",
            "archive_reason",
            "merged_into",
            "author",
            "created_at",
        ]
        read_only_fields = [
            "family_centre",
            "status",
            "archive_reason",
            "merged_into",
            "author",
            "created_at",
        ]

    def validate_kind(self, value: str) -> str:
        if not value:
            raise serializers.ValidationError(_("Choose whether this is positive or a concern."))
        return value

    def to_representation(self, instance):
        data = super().to_representation(instance)
        # SECURITY: held text is masked in the API as in every list (Observation.shown_text).
        data["text"] = instance.shown_text
        return data


class PublicObservationSerializer(serializers.Serializer):
    """What a family's form sends. `website` is a honeypot: people leave it empty, bots fill it in."""

    text = serializers.CharField(help_text=_("What you noticed."))
    environment = serializers.ChoiceField(choices=Observation.Environment.choices)
    age_group = serializers.ChoiceField(choices=Observation.AgeGroup.choices)
    area = ServedAreaField(help_text=_("The municipality (or local area), by id."))
    contact_email = serializers.EmailField(
        required=False,
        allow_blank=True,
        max_length=254,
        write_only=True,
        help_text=_("Optional, for replies."),
    )
    language = serializers.ChoiceField(
        choices=[("fi", "suomi"), ("sv", "svenska"), ("en", "English")],
        required=False,
        help_text=_("The language of replies and of the status page; the request's language when not given."),
    )
    website = serializers.CharField(
        required=False, allow_blank=True, write_only=True, help_text=_("Leave empty.")
    )
    altcha = serializers.CharField(
        write_only=True,
        help_text=_(
            "ALTCHA proof of work, as the open form sends it: fetch a challenge from /altcha/challenge/, "
            "find its number, and send the base64 of the JSON {algorithm, challenge, number, salt, "
            "signature}. Each challenge is accepted once."
        ),
    )

    def validate_altcha(self, value: str) -> str:
        # The same check as the open form's field (signature, expiry, single use).
        from django import forms as django_forms
        from django_altcha import AltchaField

        try:
            AltchaField().clean(value)
        except django_forms.ValidationError as exc:
            raise serializers.ValidationError(
                _("The proof of work is missing, invalid or already used. Fetch a new challenge.")
            ) from exc
        return value

    def validate_website(self, value: str) -> str:
        if value:
            raise serializers.ValidationError(_("The form could not be sent. Leave the last field empty."))
        return value


class PublicObservationReceiptSerializer(serializers.Serializer):
    followup_code = serializers.CharField(help_text=_("The family's follow-up code."))
    status_url = serializers.URLField(help_text=_("The public status page of this code."))


# ---------------------------------------------------------------------------------------------------
# Views

BAD_REQUEST = OpenApiResponse(ErrorSerializer, description=_("The input was not accepted."))
THROTTLED = OpenApiResponse(ErrorSerializer, description=_("Too many submissions from this address."))


@extend_schema_view(
    create=extend_schema(responses={201: ObservationSerializer, 400: BAD_REQUEST}),
)
class ObservationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Observations visible to the signed-in professional (their own, their family centres' and, for
    collectors, held ones too), newest first. Logging one goes through the same rules as the page."""

    serializer_class = ObservationSerializer
    permission_classes = [Professionals]
    filter_backends = [DjangoFilterBackend]
    filterset_class = ObservationFilter

    def get_queryset(self):
        return selectors.observation_base(self.request.user).order_by("-created_at", "-id")

    def perform_create(self, serializer):
        data = serializer.validated_data
        observation = services.observation_submit(
            actor=self.request.user,
            text=data["text"],
            kind=data["kind"],
            environment=data["environment"],
            age_group=data["age_group"],
            area=data["area"],
            source=data["source"],
            observed_on=data.get("observed_on"),
            themes=data.get("themes") or [],
        )
        serializer.instance = self.get_queryset().get(pk=observation.pk)


# The open form's buckets (observations.views.public): the form and this endpoint share them.
PUBLIC_SCOPE = "public_form"
PUBLIC_ACCEPTED_LIMIT = "PUBLIC_FORM_RATE_LIMIT"


def _public_rate_refusal(request) -> Response | None:
    """429 when this address has used up the open form's limits (every send counts as an attempt)."""
    retry = spam.limit_reached(request, scope=PUBLIC_SCOPE, accepted_limit=PUBLIC_ACCEPTED_LIMIT)
    if retry:
        return Response(
            {"detail": _("Too many submissions from this address. Try again later.")},
            status=status.HTTP_429_TOO_MANY_REQUESTS,
            headers={"Retry-After": str(retry)},
        )
    return None


class PublicObservationViewSet(mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Families tell what they noticed, without an account. The same ALTCHA proof of work as the open
    form, and one per-address limit shared with it (a bot gains nothing by switching doors)."""

    serializer_class = PublicObservationSerializer
    # No session: the endpoint is anonymous, so it needs no CSRF token and never acts as a signed-in user.
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    # SECURITY: the open form's limits (spam.screen's buckets), not a DRF throttle of its own.
    throttle_classes: list = []

    def get_queryset(self):  # pragma: no cover - create only; here for the schema generator
        return Observation.objects.none()

    @extend_schema(
        request=PublicObservationSerializer,
        responses={201: PublicObservationReceiptSerializer, 400: BAD_REQUEST, 429: THROTTLED},
    )
    def create(self, request, *args, **kwargs):
        refused = _public_rate_refusal(request)
        if refused is not None:
            return refused
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        language = data.get("language") or (translation.get_language() or "fi")[:2]
        if language not in ("fi", "sv", "en"):
            language = "fi"
        area: Area = data["area"]
        observation = services.observation_submit_public(
            text=data["text"],
            environment=data["environment"],
            age_group=data["age_group"],
            area=area,
            contact_email=data.get("contact_email", ""),
            language=language,
        )
        with translation.override(language):
            path = reverse("observations:public_status", args=[observation.followup_code])
        spam.count_accepted(request, scope=PUBLIC_SCOPE, accepted_limit=PUBLIC_ACCEPTED_LIMIT)
        receipt = {"followup_code": observation.followup_code, "status_url": request.build_absolute_uri(path)}
        return Response(PublicObservationReceiptSerializer(receipt).data, status=status.HTTP_201_CREATED)
